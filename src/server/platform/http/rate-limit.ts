import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { AppError } from '../errors/errors.js';

export interface Limit {
  /** What is counted, e.g. `submit:ip:1.2.3.4` (hash addresses and phones before they get here). */
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every process and node shares them (DESIGN.md: rate
 * limits live in the database). Each call counts one attempt against every limit and refuses
 * with 429 when any is over; the counting is one statement per limit, safe under concurrency.
 */
export async function hit(db: Db, limits: Limit[], now = new Date()): Promise<void> {
  for (const l of limits) {
    const start = new Date(Math.floor(now.getTime() / (l.windowSeconds * 1000)) * l.windowSeconds * 1000);
    const { rows } = await sql<{ count: number }>`
      INSERT INTO rate_counter (key, window_start, count) VALUES (${l.key}, ${start}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counter.count + 1
      RETURNING count`.execute(db);
    if (rows[0]!.count > l.max)
      throw new AppError('RATE_LIMITED', {
        retryAfterSeconds: Math.ceil((start.getTime() + l.windowSeconds * 1000 - now.getTime()) / 1000),
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
