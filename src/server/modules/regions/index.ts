import type { ModuleManifest } from '../../platform/modules.js';
import { regionGrants } from './policy.js';
import { regionRoutes } from './routes.js';

/** The administrative division tree (NBS codes). */
export const regions: ModuleManifest = {
  name: 'regions',
  routes: [{ prefix: '/api/regions', plugin: regionRoutes }],
  grants: regionGrants,
};
