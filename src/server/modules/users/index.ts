import type { ModuleManifest } from '../../platform/modules.js';
import { userAuditSubjects } from './audit-names.js';
import { userGrants } from './policy.js';
import { userRoutes } from './routes.js';

/** Staff accounts and their roles (三权分立). */
export const users: ModuleManifest = {
  name: 'users',
  routes: [{ prefix: '/api/users', plugin: userRoutes }],
  grants: userGrants,
  auditSubjects: userAuditSubjects,
};
