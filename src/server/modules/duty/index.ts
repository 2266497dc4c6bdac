import type { ModuleManifest } from '../../platform/modules.js';
import { dutyAssessmentRoutes } from './assessment-routes.js';
import { seedDemoDuty } from './demo.js';
import { dutyErrors } from './errors.js';
import { dutyEventRoutes } from './events-routes.js';
import { dutyJobs } from './jobs.js';
import { publicReceptionRatingRoutes, receptionRatingRoutes } from './reception-rating-routes.js';
import { dutyTemplates } from './messages.js';
import { dutyGrants } from './policy.js';
import { dutyRoutes, publicDutyRoutes } from './routes.js';

/** The deputy's duty record (履职档案): activities, record, points, report-back, bulletins. */
export const duty: ModuleManifest = {
  name: 'duty',
  routes: [
    { prefix: '/api/duty', plugin: dutyRoutes },
    { prefix: '/api/duty', plugin: dutyAssessmentRoutes },
    { prefix: '/api/duty', plugin: dutyEventRoutes },
    { prefix: '/api/duty', plugin: receptionRatingRoutes },
  ],
  publicRoutes: [
    { prefix: '/api/public/duty', plugin: publicDutyRoutes },
    { prefix: '/api/public/duty', plugin: publicReceptionRatingRoutes },
  ],
  jobs: dutyJobs,
  templates: dutyTemplates,
  errors: dutyErrors,
  grants: dutyGrants,
  seedDemo: seedDemoDuty,
};
