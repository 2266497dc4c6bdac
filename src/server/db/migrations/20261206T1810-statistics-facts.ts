import { type Kysely, sql } from 'kysely';

/**
 * Statistics, kept incrementally for suggestions and projects too: one fact row per submitted
 * suggestion, per suggestion × answering unit and per project, so that a catch-up moves the
 * suggestion and project rollups by the difference between new and stored facts (as for
 * opinions) instead of recomputing them whole. The rollups are emptied: the first catch-up reads
 * every suggestion event from the start and every project, and fills facts and rollups together.
 */
const measures = [
  'submitted',
  'counted',
  'answered',
  'on_time',
  'first_rated',
  'first_satisfied',
  'final_rated',
  'final_satisfied',
  'class_a',
  'class_b',
  'class_c',
  'class_d',
  'redo',
  'overdue',
]
  .map((m) => `${m} integer NOT NULL DEFAULT 0`)
  .join(',\n      ');

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stat_suggestion_fact (
      suggestion_id  bigint PRIMARY KEY,
      day            date NOT NULL,
      lead_deputy_id bigint NOT NULL,
      org_id         bigint NOT NULL,
      state          text NOT NULL,
      ${sql.raw(measures)}
    )`.execute(db);
  await sql`
    CREATE TABLE stat_suggestion_unit_fact (
      suggestion_id bigint NOT NULL,
      unit_id       bigint NOT NULL,
      day           date NOT NULL,
      ${sql.raw(measures)},
      PRIMARY KEY (suggestion_id, unit_id)
    )`.execute(db);
  await sql`
    CREATE TABLE stat_project_fact (
      project_id bigint PRIMARY KEY,
      year       int NOT NULL,
      org_id     bigint NOT NULL,
      unit_id    bigint NOT NULL,
      state      text NOT NULL,
      rating     text NOT NULL,
      projects   integer NOT NULL,
      cost       bigint NOT NULL
    )`.execute(db);
  await sql`DELETE FROM stat_suggestion_day`.execute(db);
  await sql`DELETE FROM stat_suggestion_unit_day`.execute(db);
  await sql`DELETE FROM stat_project_year`.execute(db);
  await sql`CREATE INDEX stat_topic_link_target ON stat_topic_link (kind, target_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Forward-only migration');
}
