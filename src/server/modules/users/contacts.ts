import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Action, Role } from '../../../contracts/roles.js';
import { type Actor, inScope } from '../../platform/access/policy.js';
import { likeText } from '../../platform/http/paging.js';
import type { Db, Tx } from '../../db/database.js';

/** Accounts as other modules need them: display names, who holds a role, which accounts are active. */

/** Display names of accounts by ids (one query), in display-name order. */
export async function userNames(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .orderBy('display_name')
    .execute();
}

/** Which of `ids` hold `role` on some organisation (any subtree). */
export async function holdersOfRole(db: Db | Tx, ids: readonly number[], role: string): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('user_role')
    .select('user_id')
    .where('user_id', 'in', [...new Set(ids)])
    .where('role', '=', role)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Which of `ids` are active accounts. */
export async function activeUserIds(db: Db | Tx, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The number of active accounts holding `role` on the organisation `orgId` (a column, e.g. `s.org_id`), for lists. */
export function activeRoleHoldersSql(orgId: ReturnType<typeof sql.ref>, role: string) {
  return sql<number>`(SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
    WHERE r.org_id = ${orgId} AND r.role = ${role} AND u.status = 'active')::int`;
}

/** Active accounts holding one of `roles` on the organisations `orgIds` (one query), in display-name order. */
export async function activeHoldersOn(db: Db | Tx, orgIds: readonly number[], roles: readonly string[]) {
  if (!orgIds.length || !roles.length) return [];
  return db
    .selectFrom('user_role as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.org_id', 'r.role', 'u.id', 'u.display_name'])
    .where('r.org_id', 'in', [...new Set(orgIds)])
    .where('r.role', 'in', [...roles])
    .where('u.status', '=', 'active')
    .orderBy('u.display_name')
    .execute();
}

/** An account's username or display name as a column of another module's list (`userId`: e.g. `d.user_id`). */
export function accountColumnSql(userId: ReturnType<typeof sql.ref>, column: 'username' | 'display_name') {
  return sql<string | null>`(SELECT u.${sql.ref(column)} FROM app_user u WHERE u.id = ${userId})`;
}

/**
 * An account about to be linked to something (a deputy), locked for the rest of the transaction:
 * id, username, status, its organisation's path and whether it holds `role`; undefined when none.
 */
export async function lockAccountHolding(trx: Tx, userId: number, role: string) {
  const account = await trx
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.status', 'o.path'])
    .where('u.id', '=', userId)
    .forUpdate('u')
    .executeTakeFirst();
  if (!account) return undefined;
  const held = await trx
    .selectFrom('user_role')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .executeTakeFirst();
  return { ...account, holdsRole: !!held };
}

/**
 * Active accounts in the actor's scope of `action` holding `role`, matching `q` (username or name),
 * kept by `keep` (SQL over the account id column, e.g. "not linked elsewhere"), by name, at most 50.
 */
export async function accountsHoldingInScope(
  db: Db,
  actor: Actor,
  action: Action,
  role: string,
  q: string | undefined,
  keep: (userId: ReturnType<typeof sql.ref>) => RawBuilder<boolean>,
) {
  let query = db
    .selectFrom('app_user as u')
    .innerJoin('organization as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where(inScope(actor, action, sql.ref('o.path')))
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('user_role as r').select('r.id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role),
      ),
    )
    .where(keep(sql.ref('u.id')));
  if (q)
    query = query.where((eb) =>
      eb.or([eb('u.username', 'ilike', `%${likeText(q)}%`), eb('u.display_name', 'ilike', `%${likeText(q)}%`)]),
    );
  return query.orderBy('u.display_name').orderBy('u.id').limit(50).execute();
}

/** An account as an actor with all its roles (demo seeds act as the demo's people); throws when there is none. */
export async function actorByUsername(trx: Tx, username: string): Promise<Actor> {
  const u = await trx
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'org_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await trx
    .selectFrom('user_role as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select(['r.role', 'r.org_id', 'o.path'])
    .where('r.user_id', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    sessionId: 'seed',
    roles: roles.map((r) => ({ role: r.role as Role, orgId: r.org_id, orgPath: r.path })),
  };
}

/** Active accounts holding `role` on an organisation at or above `orgPath` (e.g. the heads over a station). */
export async function activeHoldersAbove(db: Db | Tx, orgPath: string, role: string) {
  return db
    .selectFrom('user_role as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select('u.id')
    .distinct()
    .where('r.role', '=', role)
    .where('u.status', '=', 'active')
    .where(sql<SqlBool>`${orgPath}::ltree <@ o.path`)
    .execute();
}
