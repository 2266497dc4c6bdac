import { type Kysely, sql } from 'kysely';

/**
 * A planned activity may be cancelled (with the reason, told to the invited deputies) or edited;
 * constituents rate the reception itself (接待满意度), on the spot (a QR code shown at the station)
 * or through the SMS link after an appointment, once per visitor (a later rating replaces theirs).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE duty_event
      ADD COLUMN cancel_reason text CHECK (length(cancel_reason) <= 500),
      ADD COLUMN cancelled_at  timestamptz,
      ADD COLUMN updated_at    timestamptz`.execute(db);

  // rater_key: 'a:<appointment id>' for the SMS link, or a digest of the visitor's device nonce on the spot.
  await sql`
    CREATE TABLE duty_reception_rating (
      id            bigserial PRIMARY KEY,
      reception_id  bigint NOT NULL REFERENCES reception (id),
      station_id    bigint NOT NULL REFERENCES organization (id),
      station_path  ltree NOT NULL,
      day           date NOT NULL,
      rater_key     text NOT NULL CHECK (length(rater_key) BETWEEN 3 AND 64),
      channel       text NOT NULL CHECK (channel IN ('spot', 'sms')),
      overall       text NOT NULL CHECK (overall IN ('satisfied', 'basicallySatisfied', 'dissatisfied')),
      comment       text CHECK (length(comment) <= 500),
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      UNIQUE (reception_id, rater_key)
    )`.execute(db);
  await sql`CREATE INDEX duty_reception_rating_path ON duty_reception_rating USING gist (station_path)`.execute(db);
  await sql`CREATE INDEX duty_reception_rating_station ON duty_reception_rating (station_id, day)`.execute(db);

  // The SMS inviting a visitor to rate is sent once per appointment.
  await sql`
    CREATE TABLE duty_reception_rating_invite (
      appointment_id bigint PRIMARY KEY REFERENCES appointment (id),
      reception_id   bigint NOT NULL REFERENCES reception (id),
      sent_at        timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
