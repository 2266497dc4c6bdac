import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateUserRequest, ListUsersQuery, UserView } from '../../../contracts/users.js';
import type { Role } from '../../../contracts/roles.js';
import { type Db, inTransaction } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { accountLockedUntilSql, clearLoginFailures, lockKeys } from '../../platform/auth/lockout.js';
import { loginFailureAddresses, rolesEverGranted } from '../../platform/audit/search.js';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords.js';
import { revokeSessions } from '../../platform/auth/sessions.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cursorId, keysetPage, likeText } from '../../platform/http/paging.js';
import { authorizeChange, authorizeRead, authorizeRoleChange, type UserSubject } from './policy.js';

type ListQuery = z.infer<typeof ListUsersQuery>;

function baseQuery(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'u.status',
      'u.totp_enabled',
      'u.must_change_password',
      'u.last_login_at',
      accountLockedUntilSql(sql.ref('u.username')).as('locked_until'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function present(db: Db, rows: Row[]): Promise<UserView[]> {
  const ids = rows.map((r) => r.id);
  const roles = ids.length
    ? await db
        .selectFrom('user_role as r')
        .innerJoin('organization as o', 'o.id', 'r.org_id')
        .select(['r.id', 'r.user_id', 'r.role', 'r.org_id', 'o.name'])
        .where('r.user_id', 'in', ids)
        .orderBy('r.id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    status: r.status as UserView['status'],
    roles: roles
      .filter((x) => x.user_id === r.id)
      .map((x) => ({ id: x.id, role: x.role as Role, orgId: x.org_id, orgName: x.name })),
    totpEnabled: r.totp_enabled,
    mustChangePassword: r.must_change_password,
    lockedUntil: r.locked_until?.toISOString() ?? null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
  }));
}

/** Loads a user the actor may read; anyone else's account is "not found". */
async function loadVisible(db: Db, actor: Actor, id: number): Promise<Row> {
  const row = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorizeRead(actor, subject(row));
  return row;
}

/** The roles a user holds now. */
async function rolesOf(db: Db, id: number): Promise<Role[]> {
  return (await db.selectFrom('user_role').select('role').where('user_id', '=', id).execute()).map(
    (r) => r.role as Role,
  );
}

const subject = (row: Row): UserSubject => ({ id: row.id, orgPath: row.org_path });

/** Staff accounts in the actor's scope, newest first, a keyset page at a time. */
export async function listUsers(p: Platform, actor: Actor, q: ListQuery) {
  authorize(actor, 'user.read');
  let query = baseQuery(p.db).where(inScope(actor, 'user.read', sql.ref('o.path')));
  if (q.q)
    query = query.where((eb) =>
      eb.or([eb('u.username', 'ilike', `%${likeText(q.q!)}%`), eb('u.display_name', 'ilike', `%${likeText(q.q!)}%`)]),
    );
  if (q.orgId) {
    query = query.where(sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${q.orgId})`);
  }
  if (q.status) query = query.where('u.status', '=', q.status);
  const after = cursorId(q.cursor);
  if (after) query = query.where('u.id', '<', after);
  const page = keysetPage(
    await query
      .orderBy('u.id', 'desc')
      .limit(q.limit + 1)
      .execute(),
    q.limit,
  );
  return { items: await present(p.db, page.items), nextCursor: page.nextCursor };
}

/** One staff account, if the actor may read it. */
export async function getUser(p: Platform, actor: Actor, id: number): Promise<UserView> {
  const row = await loadVisible(p.db, actor, id);
  return (await present(p.db, [row]))[0]!;
}

/** Creates a staff account in an organisation of the actor's scope, with a one-time password. */
export async function createUser(p: Platform, ctx: RequestContext, actor: Actor, input: CreateUserRequest) {
  const org = await p.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org || !can(actor, 'org.read', { orgPath: org.path })) {
    throw invalid({
      path: 'body.orgId',
      zh: '机构不存在或不在您的管理范围内',
      en: 'No such organisation in your scope',
    });
  }
  authorize(actor, 'user.create', { orgPath: org.path }, 'org.read');
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const id = await inTransaction(p.db, async (trx) => {
    const taken = await trx
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken)
      throw new AppError('USERNAME_TAKEN', {
        fields: [{ path: 'body.username', zh: '用户名已被使用', en: 'This username is taken' }],
      });
    const { id } = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        org_id: input.orgId,
        password_hash: hash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'user.create',
      subjectType: 'user',
      subjectId: id,
      summary: { username: input.username, orgId: input.orgId },
    });
    return id;
  });
  return { user: await getUser(p, actor, id), temporaryPassword: password };
}

/** Gives a user a new one-time password; their sessions end and a change is required at sign-in. */
export async function resetPassword(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadVisible(p.db, actor, id);
  authorizeChange(actor, 'user.resetPassword', subject(row), await rolesOf(p.db, id));
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await inTransaction(p.db, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, must_change_password: true, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const ended = await revokeSessions(trx, id, 'passwordReset');
    await p.audit.record(trx, ctx, {
      action: 'user.resetPassword',
      subjectType: 'user',
      subjectId: id,
      summary: { sessionsEnded: ended },
    });
  });
  return { temporaryPassword: password };
}

/** Enables or disables an account; disabling ends its sessions. */
export async function setStatus(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  status: 'active' | 'disabled',
) {
  const row = await loadVisible(p.db, actor, id);
  authorizeChange(actor, 'user.update', subject(row), await rolesOf(p.db, id));
  if (id === actor.userId) throw new AppError('FORBIDDEN');
  await inTransaction(p.db, async (trx) => {
    await trx.updateTable('app_user').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
    if (status === 'disabled') await revokeSessions(trx, id, 'disabled');
    await p.audit.record(trx, ctx, {
      action: 'user.setStatus',
      subjectType: 'user',
      subjectId: id,
      summary: { before: row.status, after: status },
    });
  });
  return getUser(p, actor, id);
}

/** Grants a role on an organisation subtree (security administrators only). */
export async function grantRole(p: Platform, ctx: RequestContext, actor: Actor, id: number, role: Role, orgId: number) {
  const row = await loadVisible(p.db, actor, id);
  const org = await p.db.selectFrom('organization').select(['path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw invalid({ path: 'body.orgId', zh: '机构不存在', en: 'No such organisation' });
  await inTransaction(p.db, async (trx) => {
    // Lock the account so that two concurrent grants cannot break 三权分立 together.
    await trx.selectFrom('app_user').select('id').where('id', '=', id).forUpdate().execute();
    // Held now, or ever: one who was administrator must not later audit their own past actions.
    const held = (await trx.selectFrom('user_role').select('role').where('user_id', '=', id).execute()).map(
      (r) => r.role as Role,
    );
    held.push(...((await rolesEverGranted(trx, id)) as Role[]));
    authorizeRoleChange(actor, subject(row), org.path, role, held, true);
    const inserted = await trx
      .insertInto('user_role')
      .values({ user_id: id, role, org_id: orgId, granted_by: actor.userId })
      .onConflict((oc) => oc.columns(['user_id', 'role', 'org_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await p.audit.record(trx, ctx, {
        action: 'role.grant',
        subjectType: 'user',
        subjectId: id,
        summary: { role, orgId },
      });
    }
  });
  return getUser(p, actor, id);
}

/** Takes a role away (security administrators only). */
export async function revokeRole(p: Platform, ctx: RequestContext, actor: Actor, id: number, roleId: number) {
  const row = await loadVisible(p.db, actor, id);
  const grant = await p.db
    .selectFrom('user_role as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.role', 'r.org_id', 'o.path'])
    .where('r.id', '=', roleId)
    .where('r.user_id', '=', id)
    .executeTakeFirst();
  if (!grant) throw new AppError('NOT_FOUND');
  authorizeRoleChange(actor, subject(row), grant.path, grant.role as Role, [], false);
  await inTransaction(p.db, async (trx) => {
    await trx.deleteFrom('user_role').where('id', '=', roleId).execute();
    await p.audit.record(trx, ctx, {
      action: 'role.revoke',
      subjectType: 'user',
      subjectId: id,
      summary: { role: grant.role, orgId: grant.org_id },
    });
  });
  return getUser(p, actor, id);
}

/** Lifts a sign-in lockout of the account. */
export async function unlockUser(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadVisible(p.db, actor, id);
  authorizeChange(actor, 'user.unlock', subject(row), await rolesOf(p.db, id));
  // The addresses this user failed from lately are locked too (an office behind one NAT): free them.
  const since = new Date(Date.now() - p.config.lockout.minutes * 60_000 * 2);
  const ips = await loginFailureAddresses(p.db, row.username, since);
  const keys = [lockKeys(row.username, null)[0]!, ...ips.map((ip) => `ip:${ip}`)];
  await inTransaction(p.db, async (trx) => {
    await clearLoginFailures(trx, keys);
    await p.audit.record(trx, ctx, { action: 'user.unlock', subjectType: 'user', subjectId: id, summary: { keys } });
  });
  return getUser(p, actor, id);
}

/** Forces the user out of every session (a lost phone, a leaving officer). */
export async function forceSignOut(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadVisible(p.db, actor, id);
  authorizeChange(actor, 'user.revokeSessions', subject(row), await rolesOf(p.db, id));
  return inTransaction(p.db, async (trx) => {
    const sessionsEnded = await revokeSessions(trx, id, 'forcedByAdmin');
    await p.audit.record(trx, ctx, {
      action: 'user.revokeSessions',
      subjectType: 'user',
      subjectId: id,
      summary: { sessionsEnded },
    });
    return { sessionsEnded };
  });
}
