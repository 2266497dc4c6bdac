import type { ModuleManifest } from '../../platform/modules.js';
import { open311Grants } from './policy.js';
import { open311KeyRoutes, open311Routes } from './routes.js';

/** Open311 GeoReport v2 for other systems, and its API keys. */
export const open311: ModuleManifest = {
  name: 'open311',
  routes: [{ prefix: '/api/open311/keys', plugin: open311KeyRoutes }],
  publicRoutes: [{ prefix: '/open311/v2', plugin: open311Routes }],
  grants: open311Grants,
};
