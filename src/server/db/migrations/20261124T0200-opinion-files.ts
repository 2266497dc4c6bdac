import { type Kysely, sql } from 'kysely';

/**
 * Photos and documents of an opinion (brought by the constituent, or attached to a response), and
 * the informant (民情联络员) who passed an opinion on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE opinion_file (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      opinion_id  bigint NOT NULL REFERENCES opinion(id),
      file_id     bigint NOT NULL REFERENCES stored_file(id),
      name        text CHECK (length(name) <= 200),
      added_by    bigint REFERENCES app_user(id),
      unit_id     bigint REFERENCES organization(id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX opinion_file_opinion ON opinion_file (opinion_id, id)`.execute(db);
  await sql`ALTER TABLE opinion ADD COLUMN informant_id bigint REFERENCES informant(id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
