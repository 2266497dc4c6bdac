import type { ModuleManifest } from '../../platform/modules.js';
import { seedDemoReceptions } from './demo.js';
import { receptionErrors } from './errors.js';
import { receptionJobs } from './jobs.js';
import { receptionTemplates } from './messages.js';
import { receptionGrants } from './policy.js';
import { publicReceptionRoutes, receptionRoutes, receptionWorkerRoutes } from './routes.js';

/** Reception planning, receptions, appointments, home visits and the table. */
export const receptions: ModuleManifest = {
  name: 'receptions',
  routes: [{ prefix: '/api/receptions', plugin: receptionRoutes }, { plugin: receptionWorkerRoutes }],
  publicRoutes: [{ prefix: '/api/public/receptions', plugin: publicReceptionRoutes }],
  jobs: receptionJobs,
  templates: receptionTemplates,
  errors: receptionErrors,
  grants: receptionGrants,
  seedDemo: seedDemoReceptions,
};
