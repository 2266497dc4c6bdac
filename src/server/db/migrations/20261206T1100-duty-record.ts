import { type Kysely, sql } from 'kysely';

/**
 * The deputy's duty record (履职档案): activities recorded once per source, their evidence and
 * events; versioned point rules per district; the committee's decisions; report-back (述职) with
 * voters' ratings; bulletins (知情知政) with their recipients and read receipts; station assessments
 * with evidence per item; award decisions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE duty_activity (
      id            bigserial PRIMARY KEY,
      deputy_id     bigint NOT NULL REFERENCES deputy (id),
      org_path      ltree NOT NULL,
      kind          text NOT NULL,
      source_key    text NOT NULL CHECK (length(source_key) BETWEEN 3 AND 120),
      day           date NOT NULL,
      title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      hours         numeric(7, 2) CHECK (hours >= 0),
      flags         text[] NOT NULL DEFAULT '{}',
      origin        text NOT NULL CHECK (origin IN ('system', 'hand')),
      state         text NOT NULL CHECK (state IN ('pending', 'confirmed', 'rejected', 'disputed', 'void')),
      note          text CHECK (length(note) <= 2000),
      check_note    text CHECK (length(check_note) <= 500),
      checked_by    bigint REFERENCES app_user (id),
      checked_at    timestamptz,
      dispute       text CHECK (length(dispute) <= 1000),
      resolution    text CHECK (length(resolution) <= 1000),
      created_by    bigint REFERENCES app_user (id),
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      UNIQUE (deputy_id, source_key)
    )`.execute(db);
  await sql`CREATE INDEX duty_activity_deputy_day ON duty_activity (deputy_id, day)`.execute(db);
  await sql`CREATE INDEX duty_activity_path ON duty_activity USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX duty_activity_open ON duty_activity (state, id) WHERE state IN ('pending', 'disputed')`.execute(
    db,
  );

  await sql`
    CREATE TABLE duty_activity_file (
      id          bigserial PRIMARY KEY,
      activity_id bigint NOT NULL REFERENCES duty_activity (id),
      file_id     bigint NOT NULL REFERENCES stored_file (id),
      name        text CHECK (length(name) <= 200),
      added_by    bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_activity_file_activity ON duty_activity_file (activity_id)`.execute(db);

  await sql`
    CREATE TABLE duty_activity_event (
      id          bigserial PRIMARY KEY,
      activity_id bigint NOT NULL REFERENCES duty_activity (id),
      action      text NOT NULL,
      note        text,
      data        jsonb NOT NULL DEFAULT '{}',
      actor_id    bigint REFERENCES app_user (id),
      at          timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_activity_event_activity ON duty_activity_event (activity_id, id)`.execute(db);
  await sql`
    CREATE FUNCTION duty_activity_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'duty_activity_event is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER duty_activity_event_append_only BEFORE UPDATE OR DELETE ON duty_activity_event
    FOR EACH ROW EXECUTE FUNCTION duty_activity_event_append_only()`.execute(db);

  // A new version never replaces an old one: a past year keeps being scored by the rules it had.
  await sql`
    CREATE TABLE duty_points_rules (
      id         bigserial PRIMARY KEY,
      org_id     bigint NOT NULL REFERENCES organization (id),
      from_year  int NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
      rules      jsonb NOT NULL,
      created_by bigint REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, from_year)
    )`.execute(db);

  await sql`
    CREATE TABLE duty_decision (
      id         bigserial PRIMARY KEY,
      deputy_id  bigint NOT NULL REFERENCES deputy (id),
      org_path   ltree NOT NULL,
      year       int NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('commendation', 'talk', 'admonition', 'other')),
      note       text NOT NULL CHECK (length(note) <= 2000),
      decided_by bigint REFERENCES app_user (id),
      decided_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_decision_deputy ON duty_decision (deputy_id, year)`.execute(db);

  await sql`
    CREATE TABLE duty_report (
      id           bigserial PRIMARY KEY,
      deputy_id    bigint NOT NULL REFERENCES deputy (id),
      org_path     ltree NOT NULL,
      year         int NOT NULL,
      title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body         text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
      figures      jsonb NOT NULL DEFAULT '[]',
      aspects      text[] NOT NULL,
      state        text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'closed')),
      meeting_at   text,
      place        text,
      published_at timestamptz,
      closed_at    timestamptz,
      result       jsonb,
      created_by   bigint REFERENCES app_user (id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (deputy_id, year)
    )`.execute(db);
  await sql`CREATE INDEX duty_report_published ON duty_report (published_at DESC) WHERE state <> 'draft'`.execute(db);

  await sql`
    CREATE TABLE duty_report_rating (
      id         bigserial PRIMARY KEY,
      report_id  bigint NOT NULL REFERENCES duty_report (id),
      aspects    jsonb NOT NULL,
      overall    text NOT NULL CHECK (overall IN ('satisfied', 'basicallySatisfied', 'dissatisfied')),
      comment    text CHECK (length(comment) <= 500),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_report_rating_report ON duty_report_rating (report_id)`.execute(db);

  await sql`
    CREATE TABLE duty_bulletin (
      id           bigserial PRIMARY KEY,
      org_id       bigint NOT NULL REFERENCES organization (id),
      org_path     ltree NOT NULL,
      issuer       text NOT NULL CHECK (issuer IN ('standingCommittee', 'government', 'court', 'procuratorate')),
      title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body         text NOT NULL CHECK (length(body) <= 20000),
      topic        text,
      target       jsonb NOT NULL,
      search       tsvector NOT NULL,
      created_by   bigint REFERENCES app_user (id),
      published_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_bulletin_path ON duty_bulletin USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX duty_bulletin_search ON duty_bulletin USING gin (search)`.execute(db);

  await sql`
    CREATE TABLE duty_bulletin_recipient (
      bulletin_id bigint NOT NULL REFERENCES duty_bulletin (id),
      deputy_id   bigint NOT NULL REFERENCES deputy (id),
      read_at     timestamptz,
      PRIMARY KEY (bulletin_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX duty_bulletin_recipient_deputy ON duty_bulletin_recipient (deputy_id, bulletin_id)`.execute(
    db,
  );

  // A station against the district's standard ("六有" by default), once a year, with evidence per item.
  await sql`
    CREATE TABLE duty_assessment (
      id          bigserial PRIMARY KEY,
      station_id  bigint NOT NULL REFERENCES organization (id),
      org_path    ltree NOT NULL,
      year        int NOT NULL,
      standard    jsonb NOT NULL,
      items       jsonb NOT NULL,
      score       numeric(7, 2) NOT NULL,
      passed      boolean NOT NULL,
      assessed_by bigint REFERENCES app_user (id),
      assessed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (station_id, year)
    )`.execute(db);
  await sql`CREATE INDEX duty_assessment_path ON duty_assessment USING gist (org_path)`.execute(db);
  await sql`
    CREATE TABLE duty_assessment_file (
      id            bigserial PRIMARY KEY,
      assessment_id bigint NOT NULL REFERENCES duty_assessment (id),
      item_key      text NOT NULL,
      file_id       bigint NOT NULL REFERENCES stored_file (id),
      added_by      bigint REFERENCES app_user (id),
      created_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_assessment_file_assessment ON duty_assessment_file (assessment_id)`.execute(db);

  // The committee's award decisions (评选), each naming what it was pre-ranked on.
  await sql`
    CREATE TABLE duty_award (
      id           bigserial PRIMARY KEY,
      org_path     ltree NOT NULL,
      year         int NOT NULL,
      category     text NOT NULL CHECK (category IN ('excellentDeputy', 'advancedGroup', 'excellentSuggestion', 'advancedStation')),
      subject_id   bigint NOT NULL,
      subject_name text NOT NULL,
      rank         int,
      basis        text,
      note         text NOT NULL CHECK (length(note) <= 2000),
      decided_by   bigint REFERENCES app_user (id),
      decided_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (year, category, subject_id)
    )`.execute(db);
  await sql`CREATE INDEX duty_award_path ON duty_award USING gist (org_path)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
