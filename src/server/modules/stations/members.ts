import { sql } from 'kysely';
import type { Action } from '../../../contracts/roles.js';
import { anyOf, unnestRows, type Db, type Tx } from '../../db/database.js';
import { type Actor, inScope } from '../../platform/access/policy.js';
import {
  compositionProblems,
  hasHeadSql,
  liaisonOfficersSql,
  servingDeputiesSql,
  type StationFacts,
} from './composition.js';

/**
 * Stations as other modules need them: the station row a reception needs, its members, the
 * stations in a scope. A station is an organisation (its `org_id`), so these join organization for
 * the name and the ltree path, as the stations module's own queries do.
 */

function stationRows(db: Db | Tx) {
  return (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['s.org_id as id', 'o.name', 'o.path', 'o.active', 's.address', 's.reception_schedule']);
}

/** The station a reception needs (name, path, active, address, reception-day rule); undefined when there is none. */
export async function stationForReceptions(db: Db | Tx, id: number) {
  return stationRows(db).where('s.org_id', '=', id).executeTakeFirst();
}

/** The same for several stations (one query). */
export async function stationsForReceptions(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return stationRows(db)
    .where('s.org_id', 'in', [...new Set(ids)])
    .execute();
}

/** The deputies who are members of a station (ids, whatever their status), in id order. */
export async function memberIds(db: Db | Tx, stationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('station_member')
    .select('deputy_id')
    .where('station_id', '=', stationId)
    .orderBy('deputy_id')
    .execute();
  return rows.map((r) => r.deputy_id);
}

/** Active stations in scope (`actor` null: everywhere), under `orgId` when given, in pinyin order of their names. */
export async function activeStationsInScope(db: Db | Tx, actor: Actor | null, action: Action, orgId?: number) {
  // The join to organization is the ltree scope filter: one query for a whole district.
  return (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['s.org_id as id', 'o.name'])
    .where('o.active', '=', true)
    .where(actor ? inScope(actor, action, sql.ref('o.path')) : sql<boolean>`true`)
    .where(orgId ? sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${orgId})` : sql<boolean>`true`)
    .orderBy('o.name_sort')
    .execute();
}

/** Active stations in scope with what they lack by the composition rules (only those that lack something). */
export async function stationCompositionInScope(db: Db | Tx, actor: Actor | null, action: Action, orgId?: number) {
  const rows = await (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select([
      's.org_id as id',
      'o.name',
      's.address',
      's.opening_hours',
      's.reception_rule',
      's.reception_schedule',
      's.published_rules',
      's.published_workflow',
      servingDeputiesSql.as('serving_deputies'),
      hasHeadSql.as('has_head'),
      liaisonOfficersSql.as('liaison_officers'),
    ])
    .where('o.active', '=', true)
    .where(actor ? inScope(actor, action, sql.ref('o.path')) : sql<boolean>`true`)
    .where(orgId ? sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${orgId})` : sql<boolean>`true`)
    .orderBy('o.name_sort')
    .execute();
  return rows
    .map((r) => {
      const facts: StationFacts = {
        servingDeputies: r.serving_deputies,
        hasHead: r.has_head,
        liaisonOfficers: r.liaison_officers,
        address: r.address,
        openingHours: r.opening_hours,
        receptionRule: r.reception_rule,
        hasReceptionSchedule: r.reception_schedule !== null,
        publishedRules: r.published_rules,
        publishedWorkflow: r.published_workflow,
      };
      return { stationId: r.id, stationName: r.name, problems: compositionProblems(facts) };
    })
    .filter((s) => s.problems.length > 0);
}

/** Stations in scope of `action` named `names` (one query): id and name, for imports that name stations. */
export async function stationsNamedInScope(db: Db | Tx, actor: Actor, action: Action, names: readonly string[]) {
  if (!names.length) return [];
  return (db as Db)
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['s.org_id', 'o.name'])
    .where('o.name', 'in', [...names])
    .where(inScope(actor, action, sql.ref('o.path')))
    .execute();
}

/** Memberships of the deputies `deputyIds` (one query): which station each serves. */
export async function membershipsOf(db: Db | Tx, deputyIds: readonly number[]) {
  if (!deputyIds.length) return [];
  return db
    .selectFrom('station_member')
    .select(['deputy_id', 'station_id'])
    .where(anyOf('deputy_id', deputyIds, 'bigint'))
    .execute();
}

/** Adds memberships (a register import), keeping those that exist as they are; one statement. */
export async function addMemberships(trx: Tx, rows: readonly { station_id: number; deputy_id: number }[]) {
  if (!rows.length) return;
  await sql`INSERT INTO station_member (station_id, deputy_id) ${unnestRows(
    [
      ['station_id', 'bigint'],
      ['deputy_id', 'bigint'],
    ],
    rows,
  )} ON CONFLICT (station_id, deputy_id) DO NOTHING`.execute(trx);
}

/** The stations (id, name) a deputy is a member of, as SQL over the deputy id column `deputyId`: a json array for lists. */
export function stationsOfDeputySql(deputyId: ReturnType<typeof sql.ref>) {
  return sql<
    { id: number; name: string }[]
  >`coalesce((SELECT json_agg(json_build_object('id', so.id, 'name', so.name) ORDER BY so.name_sort)
    FROM station_member m JOIN organization so ON so.id = m.station_id WHERE m.deputy_id = ${deputyId}), '[]'::json)`;
}

/** True when the deputy id column `deputyId` is a member of station `stationId`: a filter for lists. */
export function isMemberOfSql(deputyId: ReturnType<typeof sql.ref>, stationId: number) {
  return sql<boolean>`EXISTS (SELECT 1 FROM station_member m WHERE m.deputy_id = ${deputyId} AND m.station_id = ${stationId})`;
}

/** True when the deputy id column `deputyId` serves a station in the actor's scope of `action` (a deputy registered elsewhere is seen by the stations they serve). */
export function servesInScopeSql(deputyId: ReturnType<typeof sql.ref>, actor: Actor, action: Action) {
  return sql<boolean>`EXISTS (SELECT 1 FROM station_member m JOIN organization so ON so.id = m.station_id
    WHERE m.deputy_id = ${deputyId} AND ${inScope(actor, action, sql.ref('so.path'))})`;
}

/** The stations of deputies (one query): deputy, station, head or not, station name; in station-name order. */
export async function stationsOfDeputies(db: Db | Tx, deputyIds: readonly number[]) {
  if (!deputyIds.length) return [];
  return (db as Db)
    .selectFrom('station_member as m')
    .innerJoin('organization as o', 'o.id', 'm.station_id')
    .select(['m.deputy_id', 'm.station_id', 'm.is_head', 'o.name'])
    .where('m.deputy_id', 'in', [...new Set(deputyIds)])
    .orderBy('o.name')
    .execute();
}
