import { type Kysely, sql } from 'kysely';

/**
 * A deputy may be linked to the staff account they sign in with (one account, one deputy), so that
 * the console can show them their own duty and duty reminders reach their bell.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE deputy ADD COLUMN user_id bigint UNIQUE REFERENCES app_user (id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
