import { inTransaction, type Db } from '../../db/database.js';
import type { Actor } from '../access/policy.js';
import type { RequestContext } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { seal, unseal } from '../crypto/keys.js';
import { AppError, invalid } from '../errors/errors.js';
import { clearFailures, lockKeys, lockedUntil, recordFailure } from './lockout.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { createSession, revokeSessions } from './sessions.js';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.js';

export interface SignedIn {
  token: string;
  csrfToken: string;
  mfaRequired: boolean;
}

/** Signs a user in with username and password; failures count towards the lockout and are audited. */
export async function signIn(
  p: Platform,
  ctx: RequestContext & { replacedSessionId?: string },
  username: string,
  password: string,
): Promise<SignedIn> {
  const name = username.trim().toLowerCase();
  const keys = lockKeys(name, ctx.ip);
  const until = await lockedUntil(p.db, keys);
  if (until) {
    await inTransaction(p.db, (trx) =>
      p.audit.record(trx, ctx, {
        action: 'auth.login.refusedLocked',
        subjectType: 'user',
        summary: { username: name, lockedUntil: until.toISOString() },
      }),
    );
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: until.toISOString() });
  }
  const user = await p.db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'status', 'totp_enabled'])
    .where('username', '=', name)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash, password);
  if (!ok || !user) {
    const locked = await inTransaction(p.db, async (trx) => {
      const nowLocked = await recordFailure(trx, keys, p.config.lockout);
      await p.audit.record(trx, ctx, {
        action: 'auth.login.failed',
        subjectType: 'user',
        subjectId: user?.id,
        summary: { username: name, knownUser: Boolean(user) },
      });
      if (nowLocked) {
        await p.audit.record(trx, ctx, {
          action: 'auth.lockout',
          subjectType: 'user',
          subjectId: user?.id,
          summary: { username: name, minutes: p.config.lockout.minutes, keys },
        });
      }
      return nowLocked;
    });
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await inTransaction(p.db, (trx) =>
      p.audit.record(trx, ctx, { action: 'auth.login.disabled', subjectType: 'user', subjectId: user.id }),
    );
    throw new AppError('ACCOUNT_DISABLED');
  }
  return inTransaction(p.db, async (trx) => {
    // Only the account's own count ends with a success: the address's count must not be reset by
    // an attacker signing in to an account of their own between guesses.
    await clearFailures(trx, keys.slice(0, 1));
    if (ctx.replacedSessionId) {
      await trx
        .updateTable('user_session')
        .set({ revoked_at: new Date(), revoked_reason: 'replacedBySignIn' })
        .where('id', '=', ctx.replacedSessionId)
        .execute();
    }
    const s = await createSession(trx, user.id, p.config.session, {
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      mfaPending: user.totp_enabled,
    });
    if (!user.totp_enabled)
      await trx.updateTable('app_user').set({ last_login_at: new Date() }).where('id', '=', user.id).execute();
    await p.audit.record(
      trx,
      { ...ctx, actor: { userId: user.id, username: name } },
      {
        action: user.totp_enabled ? 'auth.login.passwordOk' : 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
      },
    );
    return { token: s.token, csrfToken: s.csrfToken, mfaRequired: user.totp_enabled };
  });
}

/** Completes a sign-in with the second factor; wrong codes count towards the lockout, a used code is refused. */
export async function verifySecondFactor(p: Platform, ctx: RequestContext, actor: Actor, code: string) {
  const keys = lockKeys(actor.username, ctx.ip);
  if (await lockedUntil(p.db, keys)) throw new AppError('ACCOUNT_LOCKED');
  const user = await p.db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_last_step'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const step = user.totp_secret ? matchTotp(unseal(p.keys.totp, user.totp_secret), code.trim()) : null;
  const good = step !== null && (user.totp_last_step === null || step > user.totp_last_step);
  await inTransaction(p.db, async (trx) => {
    if (!good) {
      const locked = await recordFailure(trx, keys, p.config.lockout);
      if (locked) await revokeSessions(trx, actor.userId, 'lockout');
      await p.audit.record(trx, ctx, {
        action: 'auth.mfa.failed',
        subjectType: 'user',
        subjectId: actor.userId,
        summary: { reused: step !== null },
      });
      return;
    }
    await clearFailures(trx, keys.slice(0, 1));
    await trx.updateTable('user_session').set({ mfa_pending: false }).where('id', '=', actor.sessionId).execute();
    await trx
      .updateTable('app_user')
      .set({ last_login_at: new Date(), totp_last_step: step })
      .where('id', '=', actor.userId)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'auth.login',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: { mfa: true },
    });
  });
  if (!good) throw new AppError('INVALID_MFA_CODE');
}

/** Ends this session. */
export async function signOut(p: Platform, ctx: RequestContext, actor: Actor) {
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('user_session')
      .set({ revoked_at: new Date(), revoked_reason: 'logout' })
      .where('id', '=', actor.sessionId)
      .execute();
    await p.audit.record(trx, ctx, { action: 'auth.logout', subjectType: 'user', subjectId: actor.userId });
  });
}

/** Ends every session of the user, on every device, this one included. */
export async function signOutEverywhere(p: Platform, ctx: RequestContext, actor: Actor) {
  return inTransaction(p.db, async (trx) => {
    const count = await revokeSessions(trx, actor.userId, 'logoutEverywhere');
    await p.audit.record(trx, ctx, {
      action: 'auth.logoutEverywhere',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: { sessions: count },
    });
    return count;
  });
}

/** Changes the user's own password under the policy; other sessions end. */
export async function changePassword(p: Platform, ctx: RequestContext, actor: Actor, current: string, next: string) {
  const user = await p.db
    .selectFrom('app_user')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) {
    await inTransaction(p.db, (trx) =>
      p.audit.record(trx, ctx, { action: 'auth.password.changeFailed', subjectType: 'user', subjectId: actor.userId }),
    );
    throw invalid({ path: 'currentPassword', zh: '当前密码不正确', en: 'The current password is wrong' });
  }
  const problems = passwordProblems(next, actor.username);
  if (next === current)
    problems.push({ path: 'newPassword', zh: '新密码不能与当前密码相同', en: 'Choose a different password' });
  if (problems.length) throw new AppError('WEAK_PASSWORD', { fields: problems });
  const hash = await hashPassword(next);
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        password_hash: hash,
        must_change_password: false,
        password_changed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', actor.userId)
      .execute();
    const ended = await revokeSessions(trx, actor.userId, 'passwordChanged', actor.sessionId);
    await p.audit.record(trx, ctx, {
      action: 'auth.password.changed',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: { otherSessionsEnded: ended },
    });
  });
}

/**
 * Starts enrolment of a (new) second factor. The new secret stays pending, and a factor already in
 * use stays in force, until a code from the new secret confirms it.
 */
export async function beginTotp(p: Platform, ctx: RequestContext, actor: Actor) {
  const secret = newTotpSecret();
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_pending_secret: seal(p.keys.totp, secret) })
      .where('id', '=', actor.userId)
      .execute();
    await p.audit.record(trx, ctx, { action: 'auth.totp.begin', subjectType: 'user', subjectId: actor.userId });
  });
  return { secret, uri: otpauthUri(secret, actor.username) };
}

/** Turns the pending second factor on once the user proves the app shows the right code. */
export async function confirmTotp(p: Platform, ctx: RequestContext, actor: Actor, code: string) {
  const user = await p.db
    .selectFrom('app_user')
    .select(['totp_pending_secret'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const step = user.totp_pending_secret ? matchTotp(unseal(p.keys.totp, user.totp_pending_secret), code.trim()) : null;
  if (step === null) throw invalid({ path: 'code', zh: '验证码不正确', en: 'The code is wrong' });
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled: true,
        totp_last_step: step,
      })
      .where('id', '=', actor.userId)
      .execute();
    await p.audit.record(trx, ctx, { action: 'auth.totp.enabled', subjectType: 'user', subjectId: actor.userId });
  });
}

/** Turns the second factor off; the password is asked again. */
export async function disableTotp(p: Platform, ctx: RequestContext, actor: Actor, password: string) {
  const user = await p.db
    .selectFrom('app_user')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) {
    throw invalid({ path: 'password', zh: '密码不正确', en: 'The password is wrong' });
  }
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_enabled: false, totp_secret: null, totp_pending_secret: null, totp_last_step: null })
      .where('id', '=', actor.userId)
      .execute();
    await p.audit.record(trx, ctx, { action: 'auth.totp.disabled', subjectType: 'user', subjectId: actor.userId });
  });
}

/** What the console's "me" needs beyond the session: the second-factor flag, the account's and the roles' organisation names. */
export async function profileFacts(db: Db, actor: Actor) {
  const user = await db
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.org_id')
    .select(['u.totp_enabled', 'o.name as org_name'])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const orgNames = new Map(
    (
      await db
        .selectFrom('organization')
        .select(['id', 'name'])
        .where('id', 'in', [0, ...actor.roles.map((r) => r.orgId)])
        .execute()
    ).map((o) => [o.id, o.name]),
  );
  return { user, orgNames };
}
