// What the statistics module reads of receptions, as SQL the receptions module owns.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface ReceptionDay {
  day: string;
  station_id: number;
  held: number;
  cancelled: number;
  visitors: number;
  deputies_present: number;
}

/**
 * Receptions by day and station between `from` and `to` (inclusive): held (closed with a record),
 * cancelled, constituents received, deputies signed in.
 */
export async function receptionDays(db: Db, from: string, to: string): Promise<ReceptionDay[]> {
  const r = await sql<ReceptionDay>`
    SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.station_id,
      count(*) FILTER (WHERE r.status = 'closed')::int AS held,
      count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled,
      coalesce(sum(r.visitors) FILTER (WHERE r.status = 'closed'), 0)::int AS visitors,
      coalesce(sum((SELECT count(*) FROM reception_duty d WHERE d.reception_id = r.id AND d.signed_in_at IS NOT NULL))
        FILTER (WHERE r.status = 'closed'), 0)::int AS deputies_present
    FROM reception r
    WHERE r.day BETWEEN ${from}::date AND ${to}::date
    GROUP BY r.day, r.station_id`.execute(db);
  return r.rows.map((x) => ({ ...x, station_id: Number(x.station_id) }));
}

/** The first and last reception day on record (null when there is none). */
export async function receptionDayRange(db: Db): Promise<{ from: string; to: string } | null> {
  const r = await sql<{ from: string | null; to: string | null }>`
    SELECT to_char(min(day), 'YYYY-MM-DD') AS from, to_char(max(day), 'YYYY-MM-DD') AS to FROM reception`.execute(db);
  const row = r.rows[0];
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}
