import { separatedRoles, type Action, type Role } from '../../../contracts/roles.js';
import { authorize, isWithin, scopesFor, type Actor } from '../../platform/access/policy.js';
import { AppError } from '../../platform/errors/errors.js';

/** A staff user as the policy sees it: where in the tree the account belongs. */
export interface UserSubject {
  id: number;
  orgPath: string;
}

/** Reading a user needs `user.read` over the user's organisation; otherwise it does not exist. */
export function authorizeRead(actor: Actor, user: UserSubject) {
  authorize(actor, 'user.read', user);
}

/**
 * Changing an account: the action over the user's organisation (invisible users are not found).
 * An account holding one of the three separated roles is changed only by another holder of that
 * same role, so that no one of the three can take over the others' accounts (三权分立).
 */
export function authorizeChange(
  actor: Actor,
  action: 'user.update' | 'user.resetPassword' | 'user.unlock' | 'user.revokeSessions',
  user: UserSubject,
  targetRoles: Role[],
) {
  authorize(actor, action, user, 'user.read');
  const guarded = targetRoles.find((r) => separatedRoles.includes(r));
  if (guarded && !actor.roles.some((g) => g.role === guarded)) throw new AppError('SEPARATION_OF_DUTIES');
}

/**
 * Granting or revoking a role: only a security administrator, over both the user and the
 * organisation the role is held on, never on oneself, and 三权分立 kept.
 */
export function authorizeRoleChange(
  actor: Actor,
  user: UserSubject,
  roleOrgPath: string,
  role: Role,
  heldRoles: Role[],
  granting: boolean,
) {
  authorize(actor, 'role.grant', user, 'user.read');
  if (!scopesFor(actor, 'role.grant').some((s) => isWithin(roleOrgPath, s))) throw new AppError('NOT_FOUND');
  if (user.id === actor.userId) throw new AppError('SELF_GRANT_FORBIDDEN');
  if (granting && separatedRoles.includes(role) && heldRoles.some((r) => separatedRoles.includes(r) && r !== role)) {
    throw new AppError('SEPARATION_OF_DUTIES');
  }
}

/** Accounts: the administrator keeps them, the security administrator holds roles and locks (三权分立). */
export const userGrants: Partial<Record<Role, readonly Action[]>> = {
  admin: ['user.read', 'user.create', 'user.update', 'user.resetPassword'],
  securityAdmin: ['user.read', 'role.grant', 'user.unlock', 'user.revokeSessions'],
  auditor: ['user.read'],
  districtOfficer: ['user.read'],
  streetOfficer: ['user.read'],
};
