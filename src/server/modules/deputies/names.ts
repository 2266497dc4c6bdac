import { sql, type RawBuilder } from 'kysely';
import { idIn, type Db, type Tx } from '../../db/database.js';
import type { Action } from '../../../contracts/roles.js';
import { type Actor, inScope } from '../../platform/access/policy.js';

/** Deputies and deputy groups as other modules need them: names, levels, status, accounts, groups, by ids. */

/** Deputies by ids (one query), in pinyin order of their names: name, status, levels, leading-cadre flag, organisation. */
export async function deputyNames(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return (
    db
      .selectFrom('deputy as d')
      .select([
        'd.id',
        'd.name',
        'd.org_id',
        'd.status',
        'd.is_leading_cadre',
        sql<
          string[]
        >`coalesce((SELECT array_agg(l.level ORDER BY l.level) FROM deputy_level l WHERE l.deputy_id = d.id), '{}')`.as(
          'levels',
        ),
      ])
      // A province's figures name 100,000 deputies: one array parameter, not one per id.
      .where(idIn('d.id', ids))
      .orderBy('d.name_sort')
      .orderBy('d.id')
      .execute()
  );
}

/** How to reach deputies by ids (one query): the sealed private phone and the linked account, if any. */
export async function deputyAccounts(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('deputy').select(['id', 'private_phone_sealed', 'user_id']).where(idIn('id', ids)).execute();
}

/** The members of a deputy group (ids). */
export async function groupMemberIds(db: Db | Tx, groupId: number): Promise<number[]> {
  const rows = await db.selectFrom('deputy_group_member').select('deputy_id').where('group_id', '=', groupId).execute();
  return rows.map((r) => r.deputy_id);
}

/** Deputy groups by ids (one query): name and the organisation that holds the group. */
export async function groupsByIds(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('deputy_group').select(['id', 'name', 'org_id', 'active']).where(idIn('id', ids)).execute();
}

/** Serving county-level (district) deputies registered in scope (`actor` null: everywhere), under `orgId` when given, in name order. */
export async function districtDeputiesInScope(db: Db | Tx, actor: Actor | null, action: Action, orgId?: number) {
  // The join to organization is the ltree scope filter (one query for a whole district's deputies).
  return db
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'o.name as org_name'])
    .where('d.status', '=', 'serving')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deputy_level as l')
          .select('l.deputy_id')
          .whereRef('l.deputy_id', '=', 'd.id')
          .where('l.level', '=', 'county'),
      ),
    )
    .where(actor ? inScope(actor, action, sql.ref('o.path')) : sql<boolean>`true`)
    .where(orgId ? sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${orgId})` : sql<boolean>`true`)
    .orderBy('d.name_sort')
    .execute();
}

/** Active deputy groups held in scope (`actor` null: everywhere), under `orgId` when given, in name order. */
export async function activeGroupsInScope(db: Db | Tx, actor: Actor | null, action: Action, orgId?: number) {
  // The join to organization is the ltree scope filter.
  return db
    .selectFrom('deputy_group as g')
    .innerJoin('organization as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.name', 'o.name as org_name'])
    .where('g.active', '=', true)
    .where(actor ? inScope(actor, action, sql.ref('o.path')) : sql<boolean>`true`)
    .where(orgId ? sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${orgId})` : sql<boolean>`true`)
    .orderBy('g.name_sort')
    .execute();
}

/** True when the deputy whose id is `deputyId` (a column, e.g. `m.deputy_id`) is serving: for other modules' lists and counts. */
export function isServingDeputySql(deputyId: ReturnType<typeof sql.ref>) {
  return sql<boolean>`EXISTS (SELECT 1 FROM deputy d WHERE d.id = ${deputyId} AND d.status = 'serving')`;
}

/** The names of the deputies whose ids a subquery yields, joined by 、 in pinyin order: a column of another module's list. */
export function deputyNamesListSql(deputyIds: RawBuilder<unknown>) {
  return sql<
    string | null
  >`(SELECT string_agg(d.name, '、' ORDER BY d.name_sort) FROM deputy d WHERE d.id IN (${deputyIds}))`;
}

/** The deputy linked to an account (their own record), with the path of the organisation that registers them; undefined when none. */
export async function deputyOfAccount(db: Db | Tx, userId: number) {
  return (db as Db)
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'd.org_id', 'o.path as org_path', 'd.status'])
    .where('d.user_id', '=', userId)
    .executeTakeFirst();
}

/** The linked accounts of deputies by ids (for notifications to deputies): deputy id → account id. */
export async function accountsOfDeputies(db: Db | Tx, ids: readonly number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('deputy')
    .select(['id', 'user_id'])
    .where(idIn('id', ids))
    .where('user_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.user_id!]));
}

/** Serving deputies registered within the subtree `orgPath` (ids), for checks like "a co-signer of the same congress". */
export async function servingDeputiesWithin(db: Db | Tx, ids: readonly number[], orgPath: string) {
  if (!ids.length) return [];
  return (db as Db)
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name'])
    .where(idIn('d.id', ids))
    .where('d.status', '=', 'serving')
    .where(sql<boolean>`o.path <@ ${orgPath}::ltree`)
    .execute();
}

/** Serving deputies registered within the subtree `orgPath` whose name (or pinyin initials) matches `q`, in name order, at most 20. */
export async function servingDeputiesUnder(db: Db | Tx, orgPath: string, q: string | undefined) {
  let query = (db as Db)
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'o.name as org_name'])
    .where('d.status', '=', 'serving')
    .where(sql<boolean>`o.path <@ ${orgPath}::ltree`);
  if (q) {
    const term = q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`);
    query = /^[a-z]+$/.test(term)
      ? query.where((eb) => eb.or([eb('d.name_initials', 'like', `${term}%`), eb('d.name_sort', 'like', `${term}%`)]))
      : query.where('d.name', 'like', `%${term}%`);
  }
  return query.orderBy('d.name_sort').limit(20).execute();
}
