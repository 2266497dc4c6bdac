import type { ModuleManifest } from '../../platform/modules.js';
import { deputyAuditSubjects } from './audit-names.js';
import { groupRoutes } from './groups-routes.js';
import { deputyGrants } from './policy.js';
import { deputyRoutes } from './routes.js';

/** Deputies, their terms, groups (代表小组), accounts and the register's import. */
export const deputies: ModuleManifest = {
  name: 'deputies',
  routes: [
    { prefix: '/api/deputies', plugin: deputyRoutes },
    { prefix: '/api/groups', plugin: groupRoutes },
  ],
  grants: deputyGrants,
  auditSubjects: deputyAuditSubjects,
};
