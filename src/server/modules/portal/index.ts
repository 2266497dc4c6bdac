import type { ModuleManifest } from '../../platform/modules.js';
import { purgeSpent } from './pow.js';
import { portalRoutes } from './routes.js';

/** The public portal's API (网上代表联络站): stations, deputies, submissions, follow and rate, open data. */
export const portal: ModuleManifest = {
  name: 'portal',
  publicRoutes: [{ prefix: '/api/public', plugin: portalRoutes }],
  jobs: (p) => [
    { name: 'portal.purge', policy: 'stately', cron: '35 * * * *', retryLimit: 1, handle: () => purgeSpent(p.db) },
  ],
};
