import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { deputyNames } from '../deputies/names.js';
import { stationAddress } from '../stations/portal-extras.js';

/**
 * The appointment a cancel link's token stands for, as the cancel page names it: station, day,
 * slot, place and the duty deputies; `over` once the reception is past or no longer published.
 * Undefined when the token matches nothing. Nothing personal (name, phone, topic) is returned.
 */
export async function appointmentByCancelToken(db: Db | Tx, token: string, today = chinaToday()) {
  const digest = crypto.createHash('sha256').update(token).digest('base64url');
  const a = await (db as Db)
    .selectFrom('appointment as a')
    .innerJoin('reception as r', 'r.id', 'a.reception_id')
    .innerJoin('reception_slot as sl', 'sl.id', 'a.slot_id')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .select([
      'r.id as reception_id',
      'o.name as station_name',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'sl.start_time',
      'sl.end_time',
      'r.place',
      'r.station_id',
      'a.status',
      'r.status as reception_status',
    ])
    .where('a.cancel_digest', '=', digest)
    .executeTakeFirst();
  if (!a) return undefined;
  const duty = await (db as Db)
    .selectFrom('reception_duty')
    .select('deputy_id')
    .where('reception_id', '=', a.reception_id)
    .execute();
  const deputies = await deputyNames(
    db as Db,
    duty.map((d) => d.deputy_id),
  );
  const over =
    a.reception_status !== 'published' || a.day < today || (a.status !== 'booked' && a.status !== 'cancelled');
  return {
    stationName: a.station_name,
    day: a.day,
    start: a.start_time,
    end: a.end_time,
    place: a.place ?? (await stationAddress(db, a.station_id)),
    deputies: deputies.map((d) => d.name),
    status: a.status === 'cancelled' ? ('cancelled' as const) : over ? ('over' as const) : ('booked' as const),
  };
}
