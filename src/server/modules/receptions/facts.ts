import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * What happened at receptions, as the compliance checks read it (by station, deputy or group ids;
 * one query each). "Held" means published or closed, on or before `asOf`.
 */

const HELD = sql<boolean>`r.status IN ('published', 'closed')`;

/** Per station: the last reception held on or before `asOf` and the next one planned or published after it. */
export async function receptionDaysOf(db: Db | Tx, stationIds: readonly number[], asOf: string) {
  if (!stationIds.length) return new Map<number, { last: string | null; next: string | null }>();
  const rows = await db
    .selectFrom('reception as r')
    .select([
      'r.station_id',
      sql<string | null>`to_char(max(r.day) FILTER (WHERE ${HELD} AND r.day <= ${asOf}::date), 'YYYY-MM-DD')`.as(
        'last',
      ),
      sql<
        string | null
      >`to_char(min(r.day) FILTER (WHERE r.status IN ('planned', 'published') AND r.day > ${asOf}::date), 'YYYY-MM-DD')`.as(
        'next',
      ),
    ])
    .where(sql<boolean>`r.station_id = ANY(${[...stationIds]}::int[])`)
    .groupBy('r.station_id')
    .execute();
  return new Map(rows.map((r) => [r.station_id, { last: r.last, next: r.next }]));
}

/** Of the deputies: who signed in at a reception (not cancelled) from 1 January to `asOf`, and who is on duty later in the year. */
export async function dutyOfDeputies(db: Db | Tx, deputyIds: readonly number[], year: number, asOf: string) {
  if (!deputyIds.length) return { signedIn: new Set<number>(), scheduled: new Set<number>() };
  const rows = await db
    .selectFrom('reception_duty as rd')
    .innerJoin('reception as r', 'r.id', 'rd.reception_id')
    .select([
      'rd.deputy_id',
      sql<boolean>`bool_or(rd.signed_in_at IS NOT NULL AND r.status <> 'cancelled'
        AND r.day BETWEEN ${`${year}-01-01`}::date AND ${asOf}::date)`.as('signed_in'),
      sql<boolean>`bool_or(r.status IN ('planned', 'published') AND r.day > ${asOf}::date
        AND extract(year FROM r.day) = ${year})`.as('scheduled'),
    ])
    .where(sql<boolean>`rd.deputy_id = ANY(${[...deputyIds]}::int[])`)
    .groupBy('rd.deputy_id')
    .execute();
  return {
    signedIn: new Set(rows.filter((r) => r.signed_in).map((r) => r.deputy_id)),
    scheduled: new Set(rows.filter((r) => r.scheduled).map((r) => r.deputy_id)),
  };
}

/** Per deputy group: receptions held with the group attached from 1 January to `asOf`. */
export async function groupActivitiesOf(db: Db | Tx, groupIds: readonly number[], year: number, asOf: string) {
  if (!groupIds.length) return new Map<number, number>();
  const rows = await db
    .selectFrom('reception as r')
    .select(['r.group_id', sql<number>`count(*)::int`.as('n')])
    .where(sql<boolean>`r.group_id = ANY(${[...groupIds]}::int[])`)
    .where(HELD)
    .where(sql<boolean>`r.day BETWEEN ${`${year}-01-01`}::date AND ${asOf}::date`)
    .groupBy('r.group_id')
    .execute();
  return new Map(rows.map((r) => [r.group_id!, r.n]));
}
