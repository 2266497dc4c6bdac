import type { ModuleManifest } from '../../platform/modules.js';
import { portalRoutes } from './routes.js';

/** The public portal's API (网上代表联络站): stations, deputies, submissions, follow and rate, open data. */
export const portal: ModuleManifest = {
  name: 'portal',
  publicRoutes: [{ prefix: '/api/public', plugin: portalRoutes }],
};
