import { sql } from 'kysely';
import type { PublicReception } from '../../../contracts/receptions.js';
import type { Db, Tx } from '../../db/database.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { deputyNames } from '../deputies/names.js';
import { stationsForReceptions } from '../stations/members.js';

/** The public notice of receptions: a station's published receptions with their deputies and free slots. */

/**
 * Published receptions of active stations. The join to organization stays: it filters out inactive
 * stations in the same query that pages the notice (and locks nothing).
 */
export function publicBase(db: Db | Tx) {
  return (db as Db)
    .selectFrom('reception as r')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .select([
      'r.id',
      'r.station_id',
      'o.name as station_name',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.mode',
      'r.theme',
      'r.place',
    ])
    .where('r.status', '=', 'published')
    .where('o.active', '=', true)
    .where('r.mode', '!=', 'homeVisit'); // a home visit is at someone's door: not announced
}

async function present(
  p: Platform,
  rows: Awaited<ReturnType<ReturnType<typeof publicBase>['execute']>>,
): Promise<PublicReception[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [duty, slots, stations] = await Promise.all([
    p.db.selectFrom('reception_duty').select(['reception_id', 'deputy_id']).where('reception_id', 'in', ids).execute(),
    p.db
      .selectFrom('reception_slot')
      .selectAll()
      .where('reception_id', 'in', ids)
      .orderBy('start_time')
      .orderBy('id')
      .execute(),
    stationsForReceptions(
      p.db,
      rows.map((r) => r.station_id),
    ),
  ]);
  // Deputies come in name order; each reception lists its own in that order.
  const deputies = await deputyNames(
    p.db,
    duty.map((d) => d.deputy_id),
  );
  const address = new Map(stations.map((s) => [s.id, s.address]));
  return rows.map((r) => {
    const mine = new Set(duty.filter((d) => d.reception_id === r.id).map((d) => d.deputy_id));
    return {
      id: r.id,
      stationId: r.station_id,
      stationName: r.station_name,
      day: r.day,
      start: r.start_time,
      end: r.end_time,
      mode: r.mode as PublicReception['mode'],
      theme: r.theme,
      place: r.place ?? address.get(r.station_id) ?? null,
      deputies: deputies.filter((d) => mine.has(d.id)).map((d) => d.name),
      slots: slots
        .filter((s) => s.reception_id === r.id)
        .map((s) => ({ id: s.id, start: s.start_time, end: s.end_time, free: s.capacity - s.booked })),
    };
  });
}

/** A station's published receptions from today on (the notice: date, time, place, deputies). */
export async function publicReceptions(p: Platform, stationId: number, today = chinaToday()) {
  const rows = await publicBase(p.db)
    .where('r.station_id', '=', stationId)
    .where('r.day', '>=', today)
    .orderBy('r.day')
    .orderBy('r.start_time')
    .limit(50)
    .execute();
  return { items: await present(p, rows) };
}

/** One published reception with its free slots. */
export async function publicReception(p: Platform, id: number, today = chinaToday()) {
  const rows = await publicBase(p.db).where('r.id', '=', id).where('r.day', '>=', today).execute();
  const [item] = await present(p, rows);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}
