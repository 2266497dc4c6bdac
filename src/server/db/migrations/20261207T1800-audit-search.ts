import { type Kysely, sql } from 'kysely';

/**
 * The audit page lists the trail newest first by time, then id, under any of its filters
 * (`searchAudit`). Each filter gets an index in that order, so that a page is read from the index
 * however rare the filter's rows and however far back its time range: by id with the old
 * indexes, a quiet account's page, a past month's or a rare action prefix's walked the trail back
 * from its newest row (0.6–1 s at 4 M rows, `npm run bench:audit`; linear in the trail). Actions
 * in the "C" collation: a prefix (`role.`) is then a range whatever the database's collation.
 *
 * At a province's size these builds take minutes and hold back writes of the trail (every change)
 * meanwhile. Before upgrading a large trail, build them beforehand without holding anything back,
 * with the same statements and `CONCURRENTLY` after `INDEX`: this migration then finds them there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS audit_log_at_id ON audit_log (at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS audit_log_actor_name ON audit_log (actor_name, at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS audit_log_action_c ON audit_log (action COLLATE "C", at DESC, id DESC)`.execute(
    db,
  );
  // Their work is done by the new ones (an index's leading columns serve as it did).
  await sql`DROP INDEX IF EXISTS audit_log_at`.execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_action`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_log_action ON audit_log (action, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at DESC)`.execute(db);
  await sql`DROP INDEX audit_log_action_c`.execute(db);
  await sql`DROP INDEX audit_log_actor_name`.execute(db);
  await sql`DROP INDEX audit_log_at_id`.execute(db);
}
