import { type Kysely, sql } from 'kysely';

/**
 * Receptions (接待活动): stations' annual plans (年度活动计划) and year-end summaries, receptions with
 * their duty deputies (值班代表), consultants, appointment slots, constituents' appointments (预约)
 * and home-visit requests (上门), the record at the table (sign-in, visitors, summary, photos), and
 * the idempotency keys of entries made at the table (so that an offline tablet's retry is applied once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reception_plan (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      station_id   bigint NOT NULL REFERENCES station(org_id),
      year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
      note         text CHECK (length(note) <= 2000),
      approved_by  bigint REFERENCES app_user(id),
      approved_at  timestamptz,
      summary      text CHECK (length(summary) <= 10000),
      summary_at   timestamptz,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (station_id, year)
    )`.execute(db);

  await sql`
    CREATE TABLE reception (
      id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      station_id        bigint NOT NULL REFERENCES station(org_id),
      plan_id           bigint REFERENCES reception_plan(id),
      group_id          bigint REFERENCES deputy_group(id),
      day               date NOT NULL,
      start_time        text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      end_time          text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time > start_time),
      mode              text NOT NULL
                        CHECK (mode IN ('regular', 'themed', 'appointment', 'mobile', 'homeVisit', 'online')),
      theme             text CHECK (length(theme) <= 200),
      place             text CHECK (length(place) <= 200),
      status            text NOT NULL DEFAULT 'planned'
                        CHECK (status IN ('planned', 'published', 'cancelled', 'closed')),
      notice_days       integer NOT NULL DEFAULT 3 CHECK (notice_days BETWEEN 0 AND 30),
      published_at      timestamptz,
      cancel_reason     text CHECK (length(cancel_reason) <= 500),
      previous_day      date,
      reschedule_reason text CHECK (length(reschedule_reason) <= 500),
      visitors          integer NOT NULL DEFAULT 0 CHECK (visitors >= 0),
      summary           text CHECK (length(summary) <= 10000),
      closed_at         timestamptz,
      closed_by         bigint REFERENCES app_user(id),
      reminded_at       timestamptz,
      created_by        bigint REFERENCES app_user(id),
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX reception_station_day ON reception (station_id, day)`.execute(db);
  await sql`CREATE INDEX reception_day ON reception (day) WHERE status IN ('planned', 'published')`.execute(db);
  await sql`CREATE INDEX reception_group ON reception (group_id, day) WHERE group_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE reception_duty (
      reception_id    bigint NOT NULL REFERENCES reception(id),
      deputy_id       bigint NOT NULL REFERENCES deputy(id),
      signed_in_at    timestamptz,
      sign_in_method  text CHECK (sign_in_method IN ('qr', 'officer')),
      signed_in_by    bigint REFERENCES app_user(id),
      PRIMARY KEY (reception_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX reception_duty_deputy ON reception_duty (deputy_id)`.execute(db);

  await sql`
    CREATE TABLE reception_consultant (
      reception_id bigint NOT NULL REFERENCES reception(id),
      user_id      bigint NOT NULL REFERENCES app_user(id),
      PRIMARY KEY (reception_id, user_id)
    )`.execute(db);

  await sql`
    CREATE TABLE reception_slot (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reception_id  bigint NOT NULL REFERENCES reception(id),
      start_time    text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      end_time      text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time > start_time),
      capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
      booked        integer NOT NULL DEFAULT 0,
      CHECK (booked BETWEEN 0 AND capacity)
    )`.execute(db);
  await sql`CREATE INDEX reception_slot_reception ON reception_slot (reception_id, start_time)`.execute(db);

  const person = sql`
      name_sealed    text NOT NULL,
      name_masked    text NOT NULL,
      phone_sealed   text NOT NULL,
      phone_masked   text NOT NULL,
      phone_digest   text NOT NULL,
      topic          text NOT NULL CHECK (length(topic) BETWEEN 1 AND 500),`;
  await sql`
    CREATE TABLE appointment (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reception_id   bigint NOT NULL REFERENCES reception(id),
      slot_id        bigint NOT NULL REFERENCES reception_slot(id),
      ${person}
      status         text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended', 'noShow')),
      cancel_digest  text NOT NULL UNIQUE,
      cancelled_at   timestamptz,
      marked_by      bigint REFERENCES app_user(id),
      marked_at      timestamptz,
      reminded_at    timestamptz,
      created_at     timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX appointment_reception ON appointment (reception_id, id)`.execute(db);

  await sql`
    CREATE TABLE home_visit_request (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      station_id      bigint NOT NULL REFERENCES station(org_id),
      ${person}
      address_sealed  text NOT NULL,
      status          text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined')),
      reception_id    bigint REFERENCES reception(id),
      decided_by      bigint REFERENCES app_user(id),
      decided_at      timestamptz,
      decline_reason  text CHECK (length(decline_reason) <= 500),
      created_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX home_visit_station ON home_visit_request (station_id, status, id)`.execute(db);

  await sql`
    CREATE TABLE reception_photo (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reception_id  bigint NOT NULL REFERENCES reception(id),
      file_id       bigint NOT NULL REFERENCES stored_file(id),
      caption       text CHECK (length(caption) <= 100),
      created_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX reception_photo_reception ON reception_photo (reception_id, id)`.execute(db);

  // Opinions registered at the table are counted here (their receipt codes in result), so that the
  // record and the year-end summary need not read the closed loop's tables.
  await sql`
    CREATE TABLE reception_entry (
      idempotency_key text PRIMARY KEY CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
      reception_id    bigint NOT NULL REFERENCES reception(id),
      kind            text NOT NULL CHECK (kind IN ('signIn', 'visitors', 'opinion')),
      result          jsonb NOT NULL DEFAULT '{}',
      created_by      bigint REFERENCES app_user(id),
      created_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX reception_entry_reception ON reception_entry (reception_id, kind)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
