import { type Kysely, sql } from 'kysely';

/**
 * Deputies' suggestions (代表建议): congress sessions with their number series, suggestions with
 * co-signers, links to the opinions they came from, unit assignments, consultations (面商),
 * written answers, an append-only event log, and the rules (clocks) per committee.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE suggestion_rules (
      org_id     bigint PRIMARY KEY REFERENCES organization (id),
      rules      jsonb NOT NULL,
      updated_by bigint REFERENCES app_user (id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE congress_session (
      id          bigserial PRIMARY KEY,
      org_id      bigint NOT NULL REFERENCES organization (id),
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      kind        text NOT NULL CHECK (kind IN ('session', 'interim')),
      year        int NOT NULL,
      prefix      text NOT NULL DEFAULT '' CHECK (length(prefix) <= 20),
      next_number int NOT NULL DEFAULT 1 CHECK (next_number >= 1),
      open        boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE suggestion (
      id                    bigserial PRIMARY KEY,
      org_id                bigint NOT NULL REFERENCES organization (id),
      org_path              ltree NOT NULL,
      session_id            bigint NOT NULL REFERENCES congress_session (id),
      number                int,
      lead_deputy_id        bigint NOT NULL REFERENCES deputy (id),
      title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      content               text NOT NULL CHECK (length(content) <= 20000),
      reasons               text,
      measures              text,
      category              text,
      publishable           boolean NOT NULL DEFAULT true,
      not_public_reason     text,
      state                 text NOT NULL,
      mode                  text CHECK (mode IN ('joint', 'separate')),
      review_reason         text,
      exclusions            text[] NOT NULL DEFAULT '{}',
      merged_into           bigint REFERENCES suggestion (id),
      assigned_on           date,
      answer_due            date,
      extension_months      int NOT NULL DEFAULT 0,
      extension_pending     jsonb,
      paused_since          date,
      paused_days           int NOT NULL DEFAULT 0,
      return_by             date,
      co_view_due           date,
      redo_due              date,
      rate_by               date,
      commitment_date       date,
      commitment_reopened   boolean NOT NULL DEFAULT false,
      answer_class          text CHECK (answer_class IN ('A', 'B', 'C', 'D')),
      first_answered_at     timestamptz,
      answered_on_time      boolean,
      consulted_before      boolean,
      answered_at           timestamptz,
      first_rating_communication text,
      first_rating_result   text,
      rating_communication  text,
      rating_result         text,
      redo_count            int NOT NULL DEFAULT 0,
      key_supervision       boolean NOT NULL DEFAULT false,
      key_leaders           text,
      publish_at            timestamptz,
      repeat_of             bigint[] NOT NULL DEFAULT '{}',
      terms                 text[] NOT NULL DEFAULT '{}',
      search                tsvector,
      created_by            bigint REFERENCES app_user (id),
      created_at            timestamptz NOT NULL DEFAULT now(),
      submitted_at          timestamptz,
      closed_at             timestamptz,
      updated_at            timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, number)
    )`.execute(db);
  await sql`CREATE INDEX suggestion_lead ON suggestion (lead_deputy_id, id)`.execute(db);
  await sql`CREATE INDEX suggestion_state ON suggestion (org_id, state, id)`.execute(db);
  await sql`CREATE INDEX suggestion_session ON suggestion (session_id, id)`.execute(db);
  await sql`CREATE INDEX suggestion_path ON suggestion USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX suggestion_terms ON suggestion USING gin (terms)`.execute(db);
  await sql`CREATE INDEX suggestion_search ON suggestion USING gin (search)`.execute(db);
  await sql`CREATE INDEX suggestion_commitment ON suggestion (commitment_date)
    WHERE commitment_date IS NOT NULL AND NOT commitment_reopened`.execute(db);

  await sql`
    CREATE TABLE suggestion_signer (
      suggestion_id bigint NOT NULL REFERENCES suggestion (id),
      deputy_id     bigint NOT NULL REFERENCES deputy (id),
      state         text NOT NULL CHECK (state IN ('invited', 'confirmed', 'declined')),
      note          text,
      invited_at    timestamptz NOT NULL DEFAULT now(),
      responded_at  timestamptz,
      PRIMARY KEY (suggestion_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX suggestion_signer_deputy ON suggestion_signer (deputy_id, state)`.execute(db);

  await sql`
    CREATE TABLE suggestion_opinion (
      suggestion_id bigint NOT NULL REFERENCES suggestion (id),
      opinion_id    bigint NOT NULL REFERENCES opinion (id),
      told_at       timestamptz,
      PRIMARY KEY (suggestion_id, opinion_id)
    )`.execute(db);
  await sql`CREATE INDEX suggestion_opinion_opinion ON suggestion_opinion (opinion_id)`.execute(db);

  await sql`
    CREATE TABLE suggestion_unit (
      id            bigserial PRIMARY KEY,
      suggestion_id bigint NOT NULL REFERENCES suggestion (id),
      unit_id       bigint NOT NULL REFERENCES organization (id),
      unit_path     ltree NOT NULL,
      role          text NOT NULL CHECK (role IN ('lead', 'co', 'separate')),
      state         text NOT NULL CHECK (state IN ('assigned', 'returned', 'answered', 'withdrawn')),
      co_view       text,
      co_view_at    timestamptz,
      assigned_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX suggestion_unit_suggestion ON suggestion_unit (suggestion_id)`.execute(db);
  await sql`CREATE INDEX suggestion_unit_unit ON suggestion_unit USING gist (unit_path)`.execute(db);

  await sql`
    CREATE TABLE suggestion_consultation (
      id            bigserial PRIMARY KEY,
      suggestion_id bigint NOT NULL REFERENCES suggestion (id),
      unit_id       bigint NOT NULL REFERENCES organization (id),
      at            timestamptz NOT NULL,
      method        text NOT NULL CHECK (method IN ('faceToFace', 'phone', 'onSite')),
      stage         text NOT NULL CHECK (stage IN ('before', 'during', 'after')),
      attendees     text NOT NULL,
      notes         text,
      recorded_by   bigint REFERENCES app_user (id),
      created_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX suggestion_consultation_suggestion ON suggestion_consultation (suggestion_id)`.execute(db);

  await sql`
    CREATE TABLE suggestion_answer (
      id              bigserial PRIMARY KEY,
      suggestion_id   bigint NOT NULL REFERENCES suggestion (id),
      unit_id         bigint NOT NULL REFERENCES organization (id),
      round           int NOT NULL,
      answer_class    text NOT NULL CHECK (answer_class IN ('A', 'B', 'C', 'D')),
      content         text NOT NULL,
      commitment_date date,
      signed_by       text NOT NULL,
      on_time         boolean NOT NULL,
      consulted       boolean NOT NULL,
      answered_by     bigint REFERENCES app_user (id),
      answered_at     timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX suggestion_answer_suggestion ON suggestion_answer (suggestion_id, id)`.execute(db);
  await sql`CREATE INDEX suggestion_answer_unit ON suggestion_answer (unit_id)`.execute(db);

  await sql`
    CREATE TABLE suggestion_event (
      id            bigserial PRIMARY KEY,
      suggestion_id bigint NOT NULL REFERENCES suggestion (id),
      action        text NOT NULL,
      from_state    text,
      to_state      text,
      actor_id      bigint REFERENCES app_user (id),
      actor_name    text,
      unit_id       bigint REFERENCES organization (id),
      note          text,
      data          jsonb,
      at            timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX suggestion_event_suggestion ON suggestion_event (suggestion_id, id)`.execute(db);
  await sql`
    CREATE FUNCTION suggestion_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'suggestion_event is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER suggestion_event_no_change BEFORE UPDATE OR DELETE ON suggestion_event
    FOR EACH ROW EXECUTE FUNCTION suggestion_event_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
