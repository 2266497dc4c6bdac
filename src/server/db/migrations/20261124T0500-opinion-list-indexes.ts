import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the work queue's remaining shapes: a station's newest opinions of any state (the
 * committee has its own), and the overdue filter per station and per committee. Overdue rows are
 * few: without these the list walks back through every punctual one to find a page of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX opinion_station_recent ON opinion (org_id, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_station_overdue ON opinion (org_id, id DESC) WHERE overdue`.execute(db);
  await sql`CREATE INDEX opinion_committee_overdue ON opinion (committee_id, id DESC) WHERE overdue`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
