import { z } from 'zod';
import { Action, Role } from './roles.js';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MfaRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入 6 位数字|Enter the 6 digits'),
});

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const PasswordRequest = z.object({ password: z.string().min(1).max(256) });

export const RoleGrantView = z.object({ role: Role, orgId: z.number(), orgName: z.string() });

export const Me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  roles: z.array(RoleGrantView),
  abilities: z.array(Action),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** The state the console starts from: who is signed in (if anyone) and the CSRF token to send. */
export const SessionState = z.object({
  authenticated: z.boolean(),
  mfaRequired: z.boolean(),
  csrfToken: z.string(),
  idleMinutes: z.number(),
  me: Me.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const TotpSetup = z.object({ secret: z.string(), uri: z.string() });

export const SignOutEverywhereResult = z.object({ sessionsEnded: z.number() });
