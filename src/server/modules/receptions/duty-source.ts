import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * What the duty record (modules/duty) reads of receptions: the receptions each deputy signed in at
 * (not cancelled) between two days, one row per deputy and reception, with the reception's id as
 * the source so that the record counts it once however it arrives.
 */
export async function receptionAttendance(db: Db | Tx, deputyIds: readonly number[], from: string, to: string) {
  if (!deputyIds.length) return [];
  return db
    .selectFrom('reception_duty as rd')
    .innerJoin('reception as r', 'r.id', 'rd.reception_id')
    .innerJoin('organization as so', 'so.id', 'r.station_id')
    .select([
      'rd.reception_id as receptionId',
      'rd.deputy_id as deputyId',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.mode',
      'r.theme',
      'so.name as stationName',
    ])
    .where(sql<boolean>`rd.deputy_id = ANY(${[...deputyIds]}::bigint[])`)
    .where('rd.signed_in_at', 'is not', null)
    .where('r.status', '<>', 'cancelled')
    .where(sql<boolean>`r.day BETWEEN ${from}::date AND ${to}::date`)
    .orderBy('r.day')
    .execute();
}

/** One reception as a hand entry names it: its day, mode and station, and whether the deputy was on its duty rota; undefined when none. */
export async function receptionForDuty(db: Db | Tx, receptionId: number, deputyId: number) {
  return db
    .selectFrom('reception as r')
    .innerJoin('organization as so', 'so.id', 'r.station_id')
    .select([
      'r.id',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.mode',
      'r.theme',
      'r.status',
      'so.name as stationName',
      sql<boolean>`EXISTS (SELECT 1 FROM reception_duty rd WHERE rd.reception_id = r.id AND rd.deputy_id = ${deputyId})`.as(
        'onDuty',
      ),
    ])
    .where('r.id', '=', receptionId)
    .executeTakeFirst();
}
