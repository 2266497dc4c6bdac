import { type Kysely, sql } from 'kysely';

/** The closed loop: opinions, their categories, assignments to handling units, and the event log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE opinion_category (
      id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id             bigint REFERENCES opinion_category(id),
      code                  text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z][A-Za-z0-9.]{0,63}$'),
      name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      name_en               text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
      keywords              text[] NOT NULL DEFAULT '{}',
      default_unit_id       bigint REFERENCES organization(id),
      default_deadline_days integer CHECK (default_deadline_days BETWEEN 1 AND 90),
      active                boolean NOT NULL DEFAULT true,
      sort                  integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`
    CREATE TABLE opinion (
      id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      receipt_code               text NOT NULL UNIQUE,
      org_id                     bigint NOT NULL REFERENCES organization(id),
      org_path                   ltree NOT NULL,
      committee_id               bigint REFERENCES organization(id),
      channel                    text NOT NULL CHECK (channel IN
                                   ('reception','online','qrCode','phone','visit','letter','informant')),
      reception_id               bigint,
      state                      text NOT NULL CHECK (state IN ('registered','triaged','answered','assigned',
                                   'inProgress','responded','fedBack','rated','closed','merged','rejected','escalated')),
      category_id                bigint REFERENCES opinion_category(id),
      tier                       text CHECK (tier IN ('street','district','higher')),
      urgency                    text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal','urgent')),
      tags                       text[] NOT NULL DEFAULT '{}',
      content                    text NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
      location                   text CHECK (length(location) <= 200),
      anonymous                  boolean NOT NULL DEFAULT false,
      constituent_name_sealed    text,
      constituent_name_masked    text,
      constituent_phone_sealed   text,
      constituent_phone_masked   text,
      constituent_phone_digest   text,
      constituent_address_sealed text,
      contactable                boolean NOT NULL,
      merged_into                bigint REFERENCES opinion(id),
      lead_unit_id               bigint REFERENCES organization(id),
      lead_unit_path             ltree,
      unit_paths                 ltree[] NOT NULL DEFAULT '{}',
      deadline                   date,
      accept_by                  date,
      overdue                    boolean NOT NULL DEFAULT false,
      supervision_level          text CHECK (supervision_level IN ('reminder','supervision','escalation')),
      return_count               integer NOT NULL DEFAULT 0,
      extension_count            integer NOT NULL DEFAULT 0,
      extension_pending          boolean NOT NULL DEFAULT false,
      reopen_count               integer NOT NULL DEFAULT 0,
      rating                     text CHECK (rating IN ('verySatisfied','satisfied','basicallySatisfied',
                                   'dissatisfied','veryDissatisfied')),
      outcome                    text CHECK (outcome IN ('satisfied','dissatisfiedAfterReview','unrated','noContact',
                                   'merged','rejected')),
      suggestion_ref             text CHECK (length(suggestion_ref) <= 100),
      search                     tsvector NOT NULL,
      idempotency_key            text UNIQUE,
      created_by                 bigint REFERENCES app_user(id),
      created_at                 timestamptz NOT NULL DEFAULT now(),
      updated_at                 timestamptz NOT NULL DEFAULT now(),
      CHECK (anonymous OR constituent_name_sealed IS NOT NULL OR constituent_phone_sealed IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX opinion_scope ON opinion USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX opinion_state_id ON opinion (state, id DESC)`.execute(db);
  // Work queues are scoped to a station (org_id) or a working committee (committee_id, the
  // station's parent); these keep a page of 20 cheap at millions of rows. Wider scopes (district)
  // match most rows anyway and walk the primary key newest first.
  await sql`CREATE INDEX opinion_station_queue ON opinion (org_id, state, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_committee_queue ON opinion (committee_id, state, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_committee_recent ON opinion (committee_id, id DESC)`.execute(db);
  await sql`CREATE INDEX opinion_lead_unit ON opinion USING gist (lead_unit_path) WHERE lead_unit_path IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX opinion_units ON opinion USING gist (unit_paths)`.execute(db);
  await sql`CREATE INDEX opinion_search ON opinion USING gin (search)`.execute(db);
  await sql`CREATE INDEX opinion_due ON opinion (deadline) WHERE state IN ('assigned','inProgress')`.execute(db);
  await sql`CREATE INDEX opinion_phone ON opinion (constituent_phone_digest) WHERE constituent_phone_digest IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX opinion_merged ON opinion (merged_into) WHERE merged_into IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE opinion_deputy (
      opinion_id bigint NOT NULL REFERENCES opinion(id),
      deputy_id  bigint NOT NULL REFERENCES deputy(id),
      PRIMARY KEY (opinion_id, deputy_id)
    )`.execute(db);

  await sql`
    CREATE TABLE opinion_assignment (
      id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      opinion_id         bigint NOT NULL REFERENCES opinion(id),
      unit_id            bigint NOT NULL REFERENCES organization(id),
      is_lead            boolean NOT NULL,
      round              integer NOT NULL,
      state              text NOT NULL CHECK (state IN ('assigned','accepted','returned','responded','withdrawn')),
      deadline           date NOT NULL,
      accept_by          date NOT NULL,
      signed_by          text NOT NULL CHECK (length(signed_by) BETWEEN 1 AND 50),
      signed_at          timestamptz NOT NULL,
      assigned_by        bigint NOT NULL REFERENCES app_user(id),
      assigned_at        timestamptz NOT NULL DEFAULT now(),
      accepted_at        timestamptz,
      returned_reason    text,
      response           text,
      result_type        text CHECK (result_type IN ('solved','beingSolved','explained','cannotSolve')),
      responded_at       timestamptz,
      extension_days     integer,
      extension_reason   text,
      extension_state    text CHECK (extension_state IN ('requested','approved','refused')),
      reminders_sent     text[] NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE INDEX opinion_assignment_opinion ON opinion_assignment (opinion_id)`.execute(db);
  await sql`CREATE INDEX opinion_assignment_unit ON opinion_assignment (unit_id, state)`.execute(db);

  await sql`
    CREATE TABLE opinion_event (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      opinion_id  bigint NOT NULL REFERENCES opinion(id),
      action      text NOT NULL,
      from_state  text,
      to_state    text NOT NULL,
      actor_kind  text NOT NULL CHECK (actor_kind IN ('staff','constituent','system')),
      actor_id    bigint REFERENCES app_user(id),
      actor_name  text,
      unit_id     bigint REFERENCES organization(id),
      note        text,
      public_note text,
      data        jsonb NOT NULL DEFAULT '{}',
      at          timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX opinion_event_opinion ON opinion_event (opinion_id, id)`.execute(db);
  // Events are appended, never changed.
  await sql`
    CREATE FUNCTION opinion_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'opinion_event is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER opinion_event_no_change BEFORE UPDATE OR DELETE ON opinion_event
    FOR EACH ROW EXECUTE FUNCTION opinion_event_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
