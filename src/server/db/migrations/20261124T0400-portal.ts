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
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
