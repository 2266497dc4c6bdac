import { type Kysely, sql } from 'kysely';

/**
 * Livelihood projects, ranked: paper totals typed twice by two different officers (双人双录) and
 * compared before they count. (Rank ballots
 * need no new column: the form is in `project_vote.rules`, the places in `project_ballot.choices`.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One entry of the paper totals. A round holds the first and the second entry; a second entry
  // that differs ends the round (both kept, shown) and the next entry opens a new round.
  await sql`
    CREATE TABLE project_paper_totals_entry (
      vote_id    bigint NOT NULL REFERENCES project_vote (id),
      round      int NOT NULL CHECK (round >= 1),
      entry      smallint NOT NULL CHECK (entry IN (1, 2)),
      entered_by bigint NOT NULL REFERENCES app_user (id),
      entered_at timestamptz NOT NULL DEFAULT now(),
      issued     int NOT NULL CHECK (issued >= 0),
      totals     jsonb NOT NULL,
      PRIMARY KEY (vote_id, round, entry)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('20261206T1700-projects-ranked cannot be undone');
}
