import { sql } from 'kysely';
import type { ReceptionMode } from '../../../contracts/receptions.js';
import type { Db, Tx } from '../../db/database.js';

/**
 * What the duty record (modules/duty) reads of receptions for a deputy's list of activities to come:
 * the receptions (and home visits) the deputy is on the duty rota of, from `from` on, planned or
 * published (not cancelled, not closed), in day and time order.
 */
export async function upcomingDutyOf(db: Db | Tx, deputyId: number, from: string) {
  return db
    .selectFrom('reception_duty as rd')
    .innerJoin('reception as r', 'r.id', 'rd.reception_id')
    .innerJoin('organization as so', 'so.id', 'r.station_id')
    .select([
      'r.id',
      'r.station_id as stationId',
      'so.name as stationName',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time as start',
      'r.end_time as end',
      sql<ReceptionMode>`r.mode`.as('mode'),
      'r.theme',
      'r.place',
      sql<'planned' | 'published'>`r.status`.as('status'),
    ])
    .where('rd.deputy_id', '=', deputyId)
    .where('r.status', 'in', ['planned', 'published'])
    .where('r.day', '>=', sql<string>`${from}::date`)
    .orderBy('r.day')
    .orderBy('r.start_time')
    .limit(100)
    .execute();
}
