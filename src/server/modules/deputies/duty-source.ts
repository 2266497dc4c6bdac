import { sql, type RawBuilder } from 'kysely';
import type { Action } from '../../../contracts/roles.js';
import type { Db, Tx } from '../../db/database.js';
import { inScope, type Actor } from '../../platform/access/policy.js';

/** Deputies as the duty record (modules/duty) needs them, by ids (one query): name, status, the organisation that registers them. */
export async function deputiesForRecord(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return (db as Db)
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'd.status', 'd.user_id', 'o.path as org_path', 'o.name as org_name'])
    .where('d.id', 'in', [...new Set(ids)])
    .orderBy('d.name_sort')
    .execute();
}

/**
 * Serving deputies registered in the actor's scope of `action`, or for whom `alsoWhen` (a condition
 * over the deputy id column, e.g. "serves a station in scope") holds: ids and names, in name order.
 */
export async function servingDeputiesInScope(
  db: Db | Tx,
  actor: Actor,
  action: Action,
  alsoWhen: (deputyId: ReturnType<typeof sql.ref>) => RawBuilder<boolean>,
) {
  return (db as Db)
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.name', 'o.path as org_path', 'o.name as org_name'])
    .where('d.status', '=', 'serving')
    .where((eb) => eb.or([inScope(actor, action, sql.ref('o.path')), alsoWhen(sql.ref('d.id'))]))
    .orderBy('d.name_sort')
    .execute();
}

/** Every serving deputy (ids), for the record's nightly sync. */
export async function servingDeputyIds(db: Db | Tx): Promise<number[]> {
  const rows = await db.selectFrom('deputy').select('id').where('status', '=', 'serving').execute();
  return rows.map((r) => r.id);
}

/**
 * Serving deputies registered within `withinPath` matching a bulletin's target: any of the levels
 * (none: every level), registered under any of the organisations (none: anywhere within), members
 * of any of the groups (none: any). One query.
 */
export async function deputiesTargeted(
  db: Db | Tx,
  withinPath: string,
  target: { levels: readonly string[]; orgIds: readonly number[]; groupIds: readonly number[] },
) {
  let q = (db as Db)
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.user_id'])
    .where('d.status', '=', 'serving')
    .where(sql<boolean>`o.path <@ ${withinPath}::ltree`);
  if (target.levels.length)
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM deputy_level l WHERE l.deputy_id = d.id AND l.level = ANY(${[...target.levels]}::text[]))`,
    );
  if (target.orgIds.length)
    q = q.where(
      sql<boolean>`o.path <@ ARRAY(SELECT t.path FROM organization t WHERE t.id = ANY(${[...target.orgIds]}::bigint[]))`,
    );
  if (target.groupIds.length)
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM deputy_group_member gm WHERE gm.deputy_id = d.id AND gm.group_id = ANY(${[...target.groupIds]}::bigint[]))`,
    );
  return q.execute();
}
