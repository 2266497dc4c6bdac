import { type Kysely, sql } from 'kysely';

/**
 * An opinion raised at a reception names a reception that exists. Registration now checks it
 * (a clear error naming the field); a reference to none left by earlier versions is cleared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE opinion SET reception_id = NULL
             WHERE reception_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reception r WHERE r.id = opinion.reception_id)`.execute(
    db,
  );
  await sql`ALTER TABLE opinion ADD CONSTRAINT opinion_reception_fk FOREIGN KEY (reception_id) REFERENCES reception (id)`.execute(
    db,
  );
  await sql`CREATE INDEX opinion_reception ON opinion (reception_id) WHERE reception_id IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
