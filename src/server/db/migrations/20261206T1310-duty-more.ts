import { type Kysely, sql } from 'kysely';

/**
 * More of the duty record: planned activities other than receptions (视察、调研、执法检查、培训、
 * 情况通报会、会议) with their invited or signed-up deputies and a sign-in at the place (a signed,
 * expiring QR code or short code; one sign-in per deputy, credited once); the two contacts
 * (两联系): standing-committee members paired with deputies, and contact records of deputies with
 * constituents and of members with their deputies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE duty_event (
      id              bigserial PRIMARY KEY,
      org_id          bigint NOT NULL REFERENCES organization (id),
      org_path        ltree NOT NULL,
      kind            text NOT NULL,
      title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      place           text CHECK (length(place) <= 200),
      day             date NOT NULL,
      starts_at       text NOT NULL CHECK (starts_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
      hours           numeric(6, 2) NOT NULL CHECK (hours > 0 AND hours <= 200),
      signup          boolean NOT NULL DEFAULT false,
      capacity        int CHECK (capacity > 0),
      note            text CHECK (length(note) <= 2000),
      state           text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'cancelled')),
      code_expires_at timestamptz,
      created_by      bigint REFERENCES app_user (id),
      created_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX duty_event_path ON duty_event USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX duty_event_day ON duty_event (day)`.execute(db);

  // Invited by the organiser or signed up by the deputy; a sign-in is kept once, with its way.
  await sql`
    CREATE TABLE duty_event_deputy (
      event_id       bigint NOT NULL REFERENCES duty_event (id),
      deputy_id      bigint NOT NULL REFERENCES deputy (id),
      enrolled_at    timestamptz,
      enrolled_self  boolean NOT NULL DEFAULT false,
      signed_in_at   timestamptz,
      sign_in_method text CHECK (sign_in_method IN ('qr', 'code', 'staff')),
      failed_codes   int NOT NULL DEFAULT 0,
      PRIMARY KEY (event_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX duty_event_deputy_deputy ON duty_event_deputy (deputy_id)`.execute(db);

  // 两联系: a standing-committee member (an account) keeps in touch with the deputies paired to them.
  await sql`
    CREATE TABLE duty_pairing (
      id          bigserial PRIMARY KEY,
      member_id   bigint NOT NULL REFERENCES app_user (id),
      deputy_id   bigint NOT NULL REFERENCES deputy (id),
      org_path    ltree NOT NULL,
      created_by  bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (member_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX duty_pairing_deputy ON duty_pairing (deputy_id)`.execute(db);

  // A contact: a deputy with constituents ('constituents'), or a paired member with the deputy ('member').
  await sql`
    CREATE TABLE duty_contact (
      id          bigserial PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('constituents', 'member')),
      deputy_id   bigint NOT NULL REFERENCES deputy (id),
      member_id   bigint REFERENCES app_user (id),
      org_path    ltree NOT NULL,
      day         date NOT NULL,
      mode        text NOT NULL CHECK (mode IN ('visit', 'phone', 'meeting', 'online')),
      people      int CHECK (people BETWEEN 1 AND 10000),
      summary     text NOT NULL CHECK (length(summary) BETWEEN 2 AND 2000),
      created_by  bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'member') = (member_id IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX duty_contact_deputy ON duty_contact (deputy_id, day)`.execute(db);
  await sql`CREATE INDEX duty_contact_path ON duty_contact USING gist (org_path)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
