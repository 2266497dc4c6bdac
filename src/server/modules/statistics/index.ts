import type { ModuleManifest } from '../../platform/modules.js';
import { seedDemoStatistics } from './demo.js';
import { statisticsJobs } from './jobs.js';
import { statisticsGrants } from './policy.js';
import { statisticsRoutes } from './routes.js';

/** Statistics (统计): rollups kept current by a job, rates defined once, the dashboard, drill-down, export. */
export const statistics: ModuleManifest = {
  name: 'statistics',
  routes: [{ prefix: '/api/statistics', plugin: statisticsRoutes }],
  jobs: statisticsJobs,
  grants: statisticsGrants,
  seedDemo: seedDemoStatistics,
};
