import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { AppError } from '../errors/errors.js';

export interface Limit {
  /** What is counted, e.g. `submit:ip:1.2.3.4` (hash addresses and phones before they get here). */
  key: string;
  max: number;
  windowSeconds: number;
}

/** One counter: a key in one window. */
const counterId = (key: string, start: Date) => `${key}\u0000${start.toISOString()}`;

/**
 * Fixed-window counters in PostgreSQL, so every process and node shares them (DESIGN.md: rate
 * limits live in the database). Each call counts one attempt against every limit, all in one
 * statement (safe under concurrency), and refuses with 429 when any is over, saying when the first
 * limit over (in the order given) lets the next attempt through.
 */
export async function hit(db: Db, limits: Limit[], now = new Date()): Promise<void> {
  if (!limits.length) return;
  const windows = new Map<string, { limit: Limit; start: Date }>();
  for (const l of limits) {
    const start = new Date(Math.floor(now.getTime() / (l.windowSeconds * 1000)) * l.windowSeconds * 1000);
    // One row per counter: the same key twice in one INSERT … ON CONFLICT would be an error.
    const id = counterId(l.key, start);
    const known = windows.get(id);
    if (!known || l.max < known.limit.max) windows.set(id, { limit: l, start });
  }
  const list = [...windows.values()];
  const { rows } = await sql<{ key: string; window_start: Date; count: number }>`
    INSERT INTO rate_counter (key, window_start, count)
    SELECT k, w, 1 FROM unnest(${list.map((w) => w.limit.key)}::text[], ${list.map((w) => w.start.toISOString())}::timestamptz[]) AS t(k, w)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counter.count + 1
    RETURNING key, window_start, count`.execute(db);
  const counted = new Map(rows.map((r) => [counterId(r.key, new Date(r.window_start)), r.count]));
  for (const [id, { limit, start }] of windows) {
    if ((counted.get(id) ?? 0) > limit.max)
      throw new AppError('RATE_LIMITED', {
        retryAfterSeconds: Math.ceil((start.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000),
      });
  }
}

/** Old windows count for nothing: removed (by the jobs, daily). */
export async function purgeRateCounters(db: Db) {
  await db
    .deleteFrom('rate_counter')
    .where('window_start', '<', sql<Date>`now() - interval '2 days'`)
    .execute();
}
