import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * What the reception register (接待登记台账, built by modules/duty) reads of receptions: the
 * receptions held or planned at the stations within `orgPath` between two days, with the duty
 * deputies (ids, and whether each signed in), the visitors counted and the summary of the record.
 */
export async function receptionRegister(db: Db | Tx, orgPath: string, from: string, to: string) {
  return db
    .selectFrom('reception as r')
    .innerJoin('organization as so', 'so.id', 'r.station_id')
    .select([
      'r.id',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      sql<string>`r.start_time || '—' || r.end_time`.as('time'),
      'so.name as station',
      'r.mode',
      'r.theme',
      'r.place',
      'r.status',
      'r.visitors',
      'r.summary',
      sql<{ deputyId: number; signedIn: boolean }[]>`coalesce((SELECT json_agg(json_build_object(
        'deputyId', rd.deputy_id, 'signedIn', rd.signed_in_at IS NOT NULL) ORDER BY rd.deputy_id)
        FROM reception_duty rd WHERE rd.reception_id = r.id), '[]'::json)`.as('duty'),
    ])
    .where(sql<boolean>`so.path <@ ${orgPath}::ltree`)
    .where(sql<boolean>`r.day BETWEEN ${from}::date AND ${to}::date`)
    .orderBy('r.day')
    .orderBy('r.start_time')
    .limit(50_000)
    .execute();
}
