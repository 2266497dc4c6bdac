import type { Action, Role } from '../../../contracts/roles.js';

/** Open311 clients' API keys are issued by the administrator. */
export const open311Grants: Partial<Record<Role, readonly Action[]>> = {
  admin: ['open311.manage'],
};
