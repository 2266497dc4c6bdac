import type { ModuleManifest } from '../../platform/modules.js';
import { opinionAuditSubjects } from './audit-names.js';
import { seedDemoOpinions } from './demo.js';
import { opinionErrors } from './errors.js';
import { opinionJobs } from './jobs.js';
import { opinionTemplates } from './messages.js';
import { opinionGrants } from './policy.js';
import { opinionRoutes, publicOpinionRoutes } from './routes.js';

/** The closed loop of constituents' opinions. */
export const opinions: ModuleManifest = {
  name: 'opinions',
  routes: [{ prefix: '/api/opinions', plugin: opinionRoutes }],
  publicRoutes: [{ prefix: '/api/public/opinions', plugin: publicOpinionRoutes }],
  jobs: opinionJobs,
  templates: opinionTemplates,
  errors: opinionErrors,
  grants: opinionGrants,
  auditSubjects: opinionAuditSubjects,
  seedDemo: seedDemoOpinions,
};
