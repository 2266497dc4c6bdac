import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** Consecutive failed sign-ins are counted by username and by client address. */
export function lockKeys(username: string, ip: string | null): string[] {
  return [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** The latest time until which any of the keys is locked, or null. */
export async function lockedUntil(db: Db | Tx, keys: string[]): Promise<Date | null> {
  const rows = await db
    .selectFrom('login_failure')
    .select('locked_until')
    .where('key', 'in', keys)
    .where('locked_until', '>', new Date())
    .execute();
  const times = rows.map((r) => r.locked_until!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export interface LockoutSettings {
  maxFailures: number;
  ipMaxFailures: number;
  minutes: number;
}

/** Counts one more failure on each key; a key reaching its limit is locked. Returns whether any locked now. */
export async function recordFailure(trx: Tx, keys: string[], settings: LockoutSettings): Promise<boolean> {
  let locked = false;
  const minutes = settings.minutes;
  for (const key of keys) {
    const max = key.startsWith('ip:') ? settings.ipMaxFailures : settings.maxFailures;
    const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
      INSERT INTO login_failure AS f (key, failures, updated_at) VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
        locked_until = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN NULL ELSE f.locked_until END,
        updated_at = now()
      RETURNING failures, locked_until`.execute(trx);
    if (rows[0]!.failures >= max && !rows[0]!.locked_until) {
      await trx
        .updateTable('login_failure')
        .set({ locked_until: sql<Date>`now() + make_interval(mins => ${minutes})` })
        .where('key', '=', key)
        .execute();
      locked = true;
    }
  }
  return locked;
}

/** A success ends the run of consecutive failures. */
export async function clearFailures(trx: Tx, keys: string[]) {
  await trx.deleteFrom('login_failure').where('key', 'in', keys).execute();
}

/** Forgets the sign-in failures counted under `keys` (an unlock by the security administrator). */
export async function clearLoginFailures(trx: Tx, keys: readonly string[]) {
  if (keys.length)
    await trx
      .deleteFrom('login_failure')
      .where('key', 'in', [...keys])
      .execute();
}

/** Until when an account (by its username column, e.g. `u.username`) is locked, as a column of a list; null when not locked. */
export function accountLockedUntilSql(username: ReturnType<typeof sql.ref>) {
  return sql<Date | null>`(SELECT f.locked_until FROM login_failure f
    WHERE f.key = 'user:' || ${username} AND f.locked_until > now())`;
}
