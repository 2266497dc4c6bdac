import { type Kysely, sql } from 'kysely';

/**
 * A membership's `since` is the day in China it began. `current_date` is the day in the database
 * session's time zone (UTC on a managed PostgreSQL as on the embedded one), so a deputy added to a
 * station or a group between 00:00 and 08:00 in Beijing was recorded as a member from the day before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['station_member', 'deputy_group_member'])
    await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN since SET DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['station_member', 'deputy_group_member'])
    await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN since SET DEFAULT current_date`.execute(db);
}
