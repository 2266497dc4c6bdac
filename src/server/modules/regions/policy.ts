import type { Action, Role } from '../../../contracts/roles.js';

/** The division tree is corrected by the administrator only. */
export const regionGrants: Partial<Record<Role, readonly Action[]>> = {
  admin: ['region.manage'],
};
