import { sql } from 'kysely';
import type { Action } from '../../../contracts/roles.js';
import type { Db, Tx } from '../../db/database.js';
import { inScope, type Actor } from '../../platform/access/policy.js';

/**
 * Receptions as the visitors' rating of them (接待满意度, modules/duty) needs them: the reception
 * with its station, the receptions of a year in scope, and the visitors who came by appointment.
 * Read-only; the receptions module keeps its tables.
 */

const base = (db: Db | Tx) =>
  (db as Db)
    .selectFrom('reception as r')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .select([
      'r.id',
      'r.station_id',
      'o.name as station_name',
      'o.path as station_path',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.theme',
      'r.status',
      'r.mode',
    ]);

/** One reception with its station (undefined when there is none). */
export function receptionForRating(db: Db | Tx, id: number) {
  return base(db).where('r.id', '=', id).executeTakeFirst();
}

/** The held or announced receptions of a year up to `until`, at stations in the actor's scope of `action`. */
export function receptionsForRating(db: Db | Tx, actor: Actor, action: Action, year: number, until: string) {
  return base(db)
    .where('r.status', 'in', ['published', 'closed'])
    .where('r.day', '>=', sql<string>`${`${year}-01-01`}::date`)
    .where('r.day', '<=', sql<string>`least(${`${year}-12-31`}::date, ${until}::date)`)
    .where(inScope(actor, action, sql.ref('o.path')))
    .orderBy('r.day', 'desc')
    .orderBy('r.start_time', 'desc')
    .limit(500)
    .execute();
}

/**
 * Visitors who came by appointment to receptions closed between `from` and `to` (not cancelled, not
 * marked absent): the appointment, its reception and station, and the sealed phone to write to.
 */
export function visitorsOfClosedReceptions(db: Db | Tx, from: string, to: string) {
  return (db as Db)
    .selectFrom('appointment as a')
    .innerJoin('reception as r', 'r.id', 'a.reception_id')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .select([
      'a.id as appointment_id',
      'a.phone_sealed',
      'r.id as reception_id',
      'r.station_id',
      'o.name as station_name',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
    ])
    .where('r.status', '=', 'closed')
    .where('a.status', 'in', ['booked', 'attended'])
    .where('r.day', '>=', sql<string>`${from}::date`)
    .where('r.day', '<=', sql<string>`${to}::date`)
    .orderBy('a.id')
    .limit(2000)
    .execute();
}

/** The reception an appointment is for. */
export async function receptionOfAppointment(db: Db | Tx, appointmentId: number) {
  const row = await (db as Db)
    .selectFrom('appointment')
    .select(['reception_id', 'status'])
    .where('id', '=', appointmentId)
    .executeTakeFirst();
  return row ?? null;
}
