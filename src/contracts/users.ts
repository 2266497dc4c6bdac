import { z } from 'zod';
import { Id, IdParam, PageQuery } from './common.js';
import { Role } from './roles.js';

export const UserStatus = z.enum(['active', 'disabled']);

export const UserRoleView = z.object({ id: z.number(), role: Role, orgId: z.number(), orgName: z.string() });

export const UserView = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    orgId: z.number(),
    orgName: z.string(),
    status: UserStatus,
    roles: z.array(UserRoleView),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const ListUsersQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  orgId: IdParam.optional(),
  status: UserStatus.optional(),
});

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 位小写字母、数字或 . _ -|3–64 lower-case letters, digits or . _ -');

export const CreateUserRequest = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(50),
  orgId: Id,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreatedUser = z.object({ user: UserView, temporaryPassword: z.string() });

export const TemporaryPassword = z.object({ temporaryPassword: z.string() });

export const SetStatusRequest = z.object({ status: UserStatus });

export const GrantRoleRequest = z.object({ role: Role, orgId: Id });

export const RoleParams = z.object({ id: IdParam, roleId: IdParam });

export const SessionsEnded = z.object({ sessionsEnded: z.number() });
