import { type Kysely, sql } from 'kysely';

/** A phone holds at most one live booking per reception (a verified phone could otherwise book every place). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNIQUE INDEX appointment_one_per_phone ON appointment (reception_id, phone_digest)
            WHERE status = 'booked'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
