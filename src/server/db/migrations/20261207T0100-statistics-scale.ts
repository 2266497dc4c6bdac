import { type Kysely, sql } from 'kysely';

/**
 * Statistics at a province's scale. The rollups' keys begin with the day or month, so a
 * district's rows in a period were found by reading every organisation's rows of those months
 * (a sequential scan at a million opinions): each rollup read by organisation gets an index by
 * organisation, then time. The handling units' ranking read one row per unit × day × category
 * (≈ 800 k rows at a million opinions, a hundred thousand of them a district's in two years): a
 * rollup by unit × month answers it from a few hundred, kept by the same catch-up as the others.
 * It is filled here from the daily one (the same facts summed), under the rollups' lock, so a
 * catch-up running meanwhile cannot move one without the other.
 */
/** The unit rollups' measures (as in 20261206T1200-statistics; a migration does not import the module's list). */
const unitMeasures = [
  'assignments',
  'response_due',
  'accepted_in_time',
  'due',
  'on_time',
  'overdue_open',
  'due_soon',
  'result_due',
  'solved',
  'handled',
  'handling_minutes',
  'returns',
  'extensions',
  ...Array.from({ length: 16 }, (_, i) => `h${i}`),
];
const measureColumns = unitMeasures
  .map((m) => `${m} ${m === 'handling_minutes' ? 'bigint' : 'integer'} NOT NULL DEFAULT 0`)
  .join(',\n      ');

export async function up(db: Kysely<unknown>): Promise<void> {
  // The statistics module's advisory lock (statistics/rollup.ts): no catch-up or rebuild meanwhile.
  await sql`SELECT pg_advisory_xact_lock(7150015)`.execute(db);
  await sql`CREATE INDEX stat_org_month_org ON stat_org_month (org_id, month)`.execute(db);
  await sql`CREATE INDEX stat_org_day_org ON stat_org_day (org_id, day)`.execute(db);
  await sql`CREATE INDEX stat_category_month_org ON stat_category_month (org_id, month)`.execute(db);
  await sql`CREATE INDEX stat_channel_month_org ON stat_channel_month (org_id, month)`.execute(db);
  await sql`CREATE INDEX stat_deputy_day_org ON stat_deputy_day (org_id, day)`.execute(db);
  await sql`CREATE INDEX stat_reception_day_station ON stat_reception_day (station_id, day)`.execute(db);
  await sql`
    CREATE TABLE stat_unit_month (
      month   date NOT NULL,
      unit_id bigint NOT NULL,
      ${sql.raw(measureColumns)},
      PRIMARY KEY (month, unit_id)
    )`.execute(db);
  await sql`CREATE INDEX stat_unit_month_unit ON stat_unit_month (unit_id, month)`.execute(db);
  const cols = unitMeasures.join(', ');
  const sums = unitMeasures.map((m) => `sum(${m})`).join(', ');
  await sql`
    INSERT INTO stat_unit_month (month, unit_id, ${sql.raw(cols)})
    SELECT date_trunc('month', day)::date, unit_id, ${sql.raw(sums)} FROM stat_unit_day GROUP BY 1, 2`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
