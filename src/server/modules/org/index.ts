import type { ModuleManifest } from '../../platform/modules.js';
import { orgAuditSubjects } from './audit-names.js';
import { orgGrants } from './policy.js';
import { orgRoutes } from './routes.js';

/** The organisation tree: committees, street offices, departments, handling units. */
export const org: ModuleManifest = {
  name: 'org',
  routes: [{ prefix: '/api/orgs', plugin: orgRoutes }],
  grants: orgGrants,
  auditSubjects: orgAuditSubjects,
};
