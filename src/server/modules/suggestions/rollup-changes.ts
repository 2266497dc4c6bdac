// What the statistics catch-up reads of suggestions to keep its rollups incrementally (read-only):
// the suggestions touched by events since a watermark, and the open ones whose figures may change
// with no event (a deadline passing makes them overdue).
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { overdueOn } from './rollup-source.js';

/** Suggestions with events after `afterId` (at most `limit` events read), and the last event id read. */
export async function suggestionsChangedSince(db: Db, afterId: number, limit: number) {
  const rows = await sql<{ suggestion_id: string; id: string }>`
    SELECT suggestion_id, id FROM suggestion_event WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`.execute(db);
  const ids = [...new Set(rows.rows.map((r) => Number(r.suggestion_id)))];
  const lastId = rows.rows.length ? Number(rows.rows[rows.rows.length - 1]!.id) : afterId;
  return { ids, lastId, full: rows.rows.length === limit };
}

/** The newest suggestion event id (0 when there is none). */
export async function lastSuggestionEventId(db: Db | Tx): Promise<number> {
  const r = await sql<{ id: string | null }>`SELECT max(id) AS id FROM suggestion_event`.execute(db);
  return Number(r.rows[0]?.id ?? 0);
}

/** Ids of submitted suggestions waiting past their deadline on `today` (whether counted or not). */
export const dueSuggestionIdsSql = (today: string) => sql`SELECT s.id FROM suggestion s
  WHERE s.submitted_at IS NOT NULL AND ${overdueOn(today)}`;
