import { type Kysely, sql } from 'kysely';

/**
 * Statistics, more: deputies' suggestions by day × organisation (the lead deputy's) × state and by
 * day × handling unit; livelihood projects by year × organisation × unit × state × year-end rating;
 * and the links from a hot-topic cluster to what it turned into (a project candidate). The rollups
 * are derived data, recomputed by the statistics job (suggestions and projects are few).
 */
const suggestionMeasures = `
      submitted       integer NOT NULL DEFAULT 0,
      counted         integer NOT NULL DEFAULT 0,
      answered        integer NOT NULL DEFAULT 0,
      on_time         integer NOT NULL DEFAULT 0,
      first_rated     integer NOT NULL DEFAULT 0,
      first_satisfied integer NOT NULL DEFAULT 0,
      final_rated     integer NOT NULL DEFAULT 0,
      final_satisfied integer NOT NULL DEFAULT 0,
      class_a         integer NOT NULL DEFAULT 0,
      class_b         integer NOT NULL DEFAULT 0,
      class_c         integer NOT NULL DEFAULT 0,
      class_d         integer NOT NULL DEFAULT 0,
      redo            integer NOT NULL DEFAULT 0,
      overdue         integer NOT NULL DEFAULT 0`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stat_suggestion_day (
      day    date NOT NULL,
      org_id bigint NOT NULL,
      state  text NOT NULL,
      ${sql.raw(suggestionMeasures)},
      PRIMARY KEY (day, org_id, state)
    )`.execute(db);
  await sql`
    CREATE TABLE stat_suggestion_unit_day (
      day     date NOT NULL,
      unit_id bigint NOT NULL,
      ${sql.raw(suggestionMeasures)},
      PRIMARY KEY (day, unit_id)
    )`.execute(db);
  await sql`
    CREATE TABLE stat_project_year (
      year    int NOT NULL,
      org_id  bigint NOT NULL,
      unit_id bigint NOT NULL DEFAULT 0,
      state   text NOT NULL,
      rating  text NOT NULL DEFAULT '',
      projects integer NOT NULL DEFAULT 0,
      cost    bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (year, org_id, unit_id, state, rating)
    )`.execute(db);
  await sql`
    CREATE TABLE stat_topic_link (
      id          bigserial PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('project', 'suggestion')),
      target_id   bigint NOT NULL,
      label       text NOT NULL,
      opinion_ids bigint[] NOT NULL,
      created_by  bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX stat_topic_link_opinions ON stat_topic_link USING gin (opinion_ids)`.execute(db);
}
