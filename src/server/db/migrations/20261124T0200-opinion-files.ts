import { type Kysely, sql } from 'kysely';

/** Photos and documents of an opinion: brought by the constituent, or attached to a response. */
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
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
