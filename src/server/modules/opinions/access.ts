import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { isWithin, type Actor } from '../../platform/access/policy.js';
import { capacityOfRole, unitRole } from './policy.js';
import type { Capacity } from './workflow.js';

/** The parts of an opinion that decide who may act on it. */
export interface OpinionScope {
  orgPath: string;
  /** Paths of the units of the current assignment round. */
  leadUnitPath: string | null;
  coUnitPaths: string[];
  /** Paths of every unit the opinion was ever assigned to (they keep reading it). */
  unitPaths: string[];
}

/** In which capacities the actor may act on this opinion (empty: they may not even read it). */
export function capacitiesOf(actor: Actor, o: OpinionScope): Capacity[] {
  const out = new Set<Capacity>();
  for (const g of actor.roles) {
    const c = capacityOfRole[g.role];
    if (c && isWithin(o.orgPath, g.orgPath)) out.add(c);
    if (g.role === unitRole) {
      if (o.leadUnitPath && isWithin(o.leadUnitPath, g.orgPath)) out.add('leadUnit');
      if (o.coUnitPaths.some((u) => isWithin(u, g.orgPath))) out.add('coUnit');
    }
  }
  return [...out];
}

/** Whether the actor may read the opinion at all (a unit that once had it keeps reading it). */
export function canRead(actor: Actor, o: OpinionScope): boolean {
  return actor.roles.some(
    (g) =>
      (capacityOfRole[g.role] && isWithin(o.orgPath, g.orgPath)) ||
      (g.role === unitRole && o.unitPaths.some((u) => isWithin(u, g.orgPath))),
  );
}

const COMMITTEES = ['streetWorkingCommittee', 'townshipPresidium'];

/**
 * The same rule in SQL, for lists: by station for the loop's desks, by assignment for units. A
 * role held on a station or a working committee becomes an equality on an indexed column (what
 * keeps the queues fast); wider roles use the ltree path.
 */
export async function readableSql(db: Db, actor: Actor, alias = 'o'): Promise<RawBuilder<SqlBool>> {
  const desk = actor.roles.filter((g) => capacityOfRole[g.role]);
  const units = actor.roles.filter((g) => g.role === unitRole).map((g) => g.orgPath);
  const known = desk.every((g) => g.orgKind !== undefined);
  const kinds = known
    ? new Map(desk.map((g) => [g.orgId, g.orgKind!]))
    : desk.length
      ? new Map(
          (
            await db
              .selectFrom('organization')
              .select(['id', 'kind'])
              .where(
                'id',
                'in',
                desk.map((g) => g.orgId),
              )
              .execute()
          ).map((o) => [o.id, o.kind]),
        )
      : new Map<number, string>();
  const parts: RawBuilder<SqlBool>[] = [];
  const stations = desk.filter((g) => kinds.get(g.orgId) === 'station').map((g) => g.orgId);
  const committees = desk.filter((g) => COMMITTEES.includes(kinds.get(g.orgId) ?? '')).map((g) => g.orgId);
  const wider = desk.filter((g) => !stations.includes(g.orgId) && !committees.includes(g.orgId)).map((g) => g.orgPath);
  if (stations.length) parts.push(sql<SqlBool>`${sql.ref(`${alias}.org_id`)} IN (${sql.join(stations)})`);
  if (committees.length) parts.push(sql<SqlBool>`${sql.ref(`${alias}.committee_id`)} IN (${sql.join(committees)})`);
  if (wider.length) parts.push(sql<SqlBool>`${sql.ref(`${alias}.org_path`)} <@ ARRAY[${sql.join(wider)}]::ltree[]`);
  for (const u of units) parts.push(sql<SqlBool>`${sql.ref(`${alias}.unit_paths`)} <@ ${u}::ltree`);
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** Unit paths where the actor works as handling-unit staff. */
export function unitScopes(actor: Actor): string[] {
  return actor.roles.filter((g) => g.role === unitRole).map((g) => g.orgPath);
}
