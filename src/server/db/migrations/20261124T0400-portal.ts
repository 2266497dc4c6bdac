import { type Kysely, sql } from 'kysely';

/** The public side: rate-limit counters, spent proof-of-work challenges, Open311 API keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rate_counter (
      key          text NOT NULL CHECK (length(key) <= 200),
      window_start timestamptz NOT NULL,
      count        integer NOT NULL,
      PRIMARY KEY (key, window_start)
    )`.execute(db);
  await sql`CREATE INDEX rate_counter_window ON rate_counter (window_start)`.execute(db);
  await sql`
    CREATE TABLE pow_spent (
      signature  text PRIMARY KEY CHECK (length(signature) <= 200),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE open311_key (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      key_digest  text NOT NULL UNIQUE,
      key_hint    text NOT NULL,
      org_id      bigint NOT NULL REFERENCES organization(id),
      created_by  bigint REFERENCES app_user(id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      revoked_at  timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE open311_request (
      opinion_id   bigint PRIMARY KEY REFERENCES opinion(id),
      key_id       bigint NOT NULL REFERENCES open311_key(id),
      token        text NOT NULL UNIQUE,
      service_code text NOT NULL,
      lat          double precision CHECK (lat BETWEEN -90 AND 90),
      long         double precision CHECK (long BETWEEN -180 AND 180),
      address      text CHECK (length(address) <= 200),
      device_id    text CHECK (length(device_id) <= 100),
      account_id   text CHECK (length(account_id) <= 100),
      media_url    text CHECK (length(media_url) <= 500),
      created_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX open311_request_created ON open311_request (created_at DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
