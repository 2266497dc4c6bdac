import { type Kysely, sql } from 'kysely';

/**
 * The once-a-minute secret wipe (`wipeSecrets` in notify/delivery.ts) looked for one-time codes
 * not yet wiped by scanning every outbox message: a table that grows by a receipt per
 * registration (10 M a year at a province's volume). This partial index holds only the codes not
 * yet wiped — a handful at any time — so the sweep reads those. Its predicate must match the
 * query's literals (`type = 'otp.code'`, `vars->>'code' <> '[wiped]'`) for the planner to use it,
 * and the planner must know how rare an unwiped code is: without statistics on `vars->>'code'` it
 * guesses that nearly every row passes `<>`, and reads the whole table anyway (seen in the plan).
 * The expression statistics (PostgreSQL 14 and later) give it the real share at each ANALYZE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX notify_message_secret ON notify_message (created_at)
     WHERE type = 'otp.code' AND vars->>'code' <> '[wiped]'`.execute(db);
  await sql`CREATE STATISTICS notify_message_code ON (vars->>'code') FROM notify_message`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP STATISTICS notify_message_code`.execute(db);
  await sql`DROP INDEX notify_message_secret`.execute(db);
}
