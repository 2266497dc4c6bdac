import type { ModuleManifest } from '../../platform/modules.js';
import { stationGrants } from './policy.js';
import { stationRoutes } from './routes.js';

/** Liaison stations: wall information, members, photos, informants, the composition check. */
export const stations: ModuleManifest = {
  name: 'stations',
  routes: [{ prefix: '/api/stations', plugin: stationRoutes }],
  grants: stationGrants,
};
