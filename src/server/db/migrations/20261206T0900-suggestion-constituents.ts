import { sql, type Kysely } from 'kysely';

/**
 * The constituents behind a suggestion rate its answer too (issue 12, item 9): one rating per
 * opinion that led to the suggestion and per answer round, through the receipt code on the portal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE suggestion_constituent_rating (
      suggestion_id bigint NOT NULL REFERENCES suggestion (id),
      opinion_id    bigint NOT NULL REFERENCES opinion (id),
      round         int NOT NULL,
      level         text NOT NULL CHECK (level IN ('satisfied', 'basicallySatisfied', 'dissatisfied')),
      comment       text,
      rated_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (suggestion_id, opinion_id, round)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
