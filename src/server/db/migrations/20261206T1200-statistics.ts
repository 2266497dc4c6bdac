import { type Kysely, sql } from 'kysely';

/**
 * Statistics (统计汇总表): per-opinion and per-assignment facts, the rollups summed from them by
 * day × organisation × category × channel × state (and by deputy, by handling unit), receptions by
 * day × station, and the watermark of the events already rolled up. Derived data only: the
 * `liaison statistics rebuild` command recomputes every row from the system of record.
 */

// Handling-time histogram: h0 … h15, buckets of days (see statistics/measures.ts).
const hist = Array.from({ length: 16 }, (_, i) => `h${i} integer NOT NULL DEFAULT 0`).join(',\n      ');

const opinionMeasures = `
      received             integer NOT NULL DEFAULT 0,
      assigned             integer NOT NULL DEFAULT 0,
      response_due         integer NOT NULL DEFAULT 0,
      accepted_in_time     integer NOT NULL DEFAULT 0,
      due                  integer NOT NULL DEFAULT 0,
      on_time              integer NOT NULL DEFAULT 0,
      overdue_open         integer NOT NULL DEFAULT 0,
      due_soon             integer NOT NULL DEFAULT 0,
      feedback_due         integer NOT NULL DEFAULT 0,
      fed_back             integer NOT NULL DEFAULT 0,
      rated                integer NOT NULL DEFAULT 0,
      rated_positive       integer NOT NULL DEFAULT 0,
      rated_very_satisfied integer NOT NULL DEFAULT 0,
      rated_satisfied      integer NOT NULL DEFAULT 0,
      rated_basically      integer NOT NULL DEFAULT 0,
      rated_dissatisfied   integer NOT NULL DEFAULT 0,
      rated_very_dissatisfied integer NOT NULL DEFAULT 0,
      unrated_closed       integer NOT NULL DEFAULT 0,
      result_due           integer NOT NULL DEFAULT 0,
      solved               integer NOT NULL DEFAULT 0,
      answered_on_spot     integer NOT NULL DEFAULT 0,
      closed               integer NOT NULL DEFAULT 0,
      handled              integer NOT NULL DEFAULT 0,
      handling_minutes     bigint  NOT NULL DEFAULT 0,
      returns              integer NOT NULL DEFAULT 0,
      extensions           integer NOT NULL DEFAULT 0,
      ${hist}`;

const unitMeasures = `
      assignments          integer NOT NULL DEFAULT 0,
      response_due         integer NOT NULL DEFAULT 0,
      accepted_in_time     integer NOT NULL DEFAULT 0,
      due                  integer NOT NULL DEFAULT 0,
      on_time              integer NOT NULL DEFAULT 0,
      overdue_open         integer NOT NULL DEFAULT 0,
      due_soon             integer NOT NULL DEFAULT 0,
      result_due           integer NOT NULL DEFAULT 0,
      solved               integer NOT NULL DEFAULT 0,
      handled              integer NOT NULL DEFAULT 0,
      handling_minutes     bigint  NOT NULL DEFAULT 0,
      returns              integer NOT NULL DEFAULT 0,
      extensions           integer NOT NULL DEFAULT 0,
      ${hist}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stat_opinion_fact (
      opinion_id  bigint PRIMARY KEY,
      day         date NOT NULL,
      org_id      bigint NOT NULL,
      category_id bigint NOT NULL,
      channel     text NOT NULL,
      state       text NOT NULL,
      deputy_ids  bigint[] NOT NULL DEFAULT '{}',
      ${sql.raw(opinionMeasures)}
    )`.execute(db);
  await sql`CREATE INDEX stat_opinion_fact_org_day ON stat_opinion_fact (org_id, day)`.execute(db);

  await sql`
    CREATE TABLE stat_assignment_fact (
      assignment_id bigint PRIMARY KEY,
      opinion_id    bigint NOT NULL,
      day           date NOT NULL,
      unit_id       bigint NOT NULL,
      category_id   bigint NOT NULL,
      ${sql.raw(unitMeasures)}
    )`.execute(db);
  await sql`CREATE INDEX stat_assignment_fact_opinion ON stat_assignment_fact (opinion_id)`.execute(db);
  await sql`CREATE INDEX stat_assignment_fact_unit_day ON stat_assignment_fact (unit_id, day)`.execute(db);

  // The rollups: the same sums grouped by their dimensions (name and type, in key order).
  const rollup = (table: string, dims: [string, string][], measures: string) =>
    sql`CREATE TABLE ${sql.raw(table)} (
      ${sql.raw(dims.map(([name, type]) => `${name} ${type} NOT NULL`).join(', '))},
      ${sql.raw(measures)},
      PRIMARY KEY (${sql.raw(dims.map(([name]) => name).join(', '))})
    )`.execute(db);
  const org: [string, string] = ['org_id', 'bigint'];
  const category: [string, string] = ['category_id', 'bigint'];
  const channel: [string, string] = ['channel', 'text'];
  await rollup('stat_opinion_day', [['day', 'date'], org, category, channel, ['state', 'text']], opinionMeasures);
  await sql`CREATE INDEX stat_opinion_day_org ON stat_opinion_day (org_id, day)`.execute(db);
  // Coarser ones for the dashboard's totals, rankings and breakdowns: whole months from the monthly
  // tables, the days at the period's edges from the daily ones.
  await rollup('stat_org_day', [['day', 'date'], org], opinionMeasures);
  await rollup('stat_org_month', [['month', 'date'], org], opinionMeasures);
  await rollup('stat_category_month', [['month', 'date'], org, category], opinionMeasures);
  await rollup('stat_channel_month', [['month', 'date'], org, channel], opinionMeasures);
  await rollup('stat_deputy_day', [['day', 'date'], ['deputy_id', 'bigint'], org], opinionMeasures);
  await rollup('stat_unit_day', [['day', 'date'], ['unit_id', 'bigint'], category], unitMeasures);
  await sql`CREATE INDEX stat_unit_day_unit ON stat_unit_day (unit_id, day)`.execute(db);

  await sql`
    CREATE TABLE stat_reception_day (
      day              date NOT NULL,
      station_id       bigint NOT NULL,
      held             integer NOT NULL DEFAULT 0,
      cancelled        integer NOT NULL DEFAULT 0,
      visitors         integer NOT NULL DEFAULT 0,
      deputies_present integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, station_id)
    )`.execute(db);

  await sql`
    CREATE TABLE stat_watermark (
      name       text PRIMARY KEY,
      safe_id    bigint NOT NULL DEFAULT 0,
      recent     jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
