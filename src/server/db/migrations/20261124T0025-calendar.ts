import { type Kysely, sql } from 'kysely';

/**
 * The official working-day calendar. Only days that differ from the plain rule (Monday–Friday
 * work, Saturday–Sunday rest) have a row: holidays (weekend days inside a holiday period too, so
 * that reception rules can see them), adjusted working days (调休上班) and administrators'
 * corrections. That keeps the table to ~40 rows a year that an administrator can read in full,
 * and a day without a row still has an answer (a deadline running into a year not yet published
 * falls back to the plain rule while the status warns).
 *
 * `calendar_year` records which years hold their official arrangement (imported from the
 * `chinese-days` package, or entered and confirmed by an administrator): a year without
 * a row is "missing", whatever corrections it may already have.
 *
 * The rows themselves are not loaded here: `liaison migrate`, `liaison serve` and
 * `liaison calendar import` load them from the installed package after migrating (a restore
 * migrates an empty database and needs it still empty; see docs/decisions/calendar.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_day (
      day        date PRIMARY KEY,
      is_working boolean NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('holiday','adjustedWorkday','weekend','workday')),
      name       text CHECK (length(name) BETWEEN 1 AND 100),
      name_en    text CHECK (length(name_en) BETWEEN 1 AND 100),
      source     text NOT NULL CHECK (source IN ('chinese-days','admin')),
      note       text CHECK (length(note) <= 500),
      updated_by bigint REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (is_working = (kind IN ('adjustedWorkday','workday'))),
      CHECK (kind NOT IN ('adjustedWorkday','weekend') OR extract(isodow FROM day) >= 6),
      CHECK (kind <> 'workday' OR extract(isodow FROM day) <= 5)
    )`.execute(db);

  await sql`
    CREATE TABLE calendar_year (
      year       integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
      source     text NOT NULL CHECK (source IN ('chinese-days','admin')),
      note       text CHECK (length(note) <= 500),
      updated_by bigint REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
