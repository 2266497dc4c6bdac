import { type Kysely, sql } from 'kysely';

/**
 * Notifications: the transactional outbox and its deliveries (one per recipient and channel,
 * with attempts), the in-app inbox, staff preferences and contacts, constituents' opt-outs,
 * and one-time codes (only a keyed digest of each code is kept).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notify_message (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type            text NOT NULL CHECK (type ~ '^[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)+$'),
      to_user_id      bigint REFERENCES app_user(id),
      to_org_id       bigint REFERENCES organization(id),
      to_phone_sealed text,
      to_email        text CHECK (length(to_email) <= 254),
      vars            jsonb NOT NULL DEFAULT '{}'::jsonb,
      urgent          boolean NOT NULL DEFAULT false,
      dedupe_key      text UNIQUE CHECK (length(dedupe_key) <= 200),
      org_path        ltree,
      state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','expanded','cancelled')),
      created_at      timestamptz NOT NULL DEFAULT now(),
      expanded_at     timestamptz,
      CHECK (to_user_id IS NOT NULL OR to_org_id IS NOT NULL OR to_phone_sealed IS NOT NULL
             OR to_email IS NOT NULL OR state <> 'pending')
    )`.execute(db);
  await sql`CREATE INDEX notify_message_pending ON notify_message (id) WHERE state = 'pending'`.execute(db);
  await sql`CREATE INDEX notify_message_path ON notify_message USING gist (org_path)`.execute(db);

  await sql`
    CREATE TABLE notify_delivery (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      message_id      bigint NOT NULL REFERENCES notify_message(id),
      channel         text NOT NULL CHECK (channel IN ('sms','email','inApp')),
      recipient_key   text NOT NULL,
      user_id         bigint REFERENCES app_user(id),
      address_sealed  text,
      address_masked  text,
      address_digest  text,
      lang            text NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN','en')),
      status          text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending','sending','retrying','sent','dead','cancelled','suppressed')),
      status_reason   text,
      attempts        integer NOT NULL DEFAULT 0,
      max_attempts    integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      queued_until    timestamptz,
      locked_until    timestamptz,
      last_error      text,
      provider        text,
      provider_ref    text,
      sent_at         timestamptz,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      UNIQUE (message_id, channel, recipient_key)
    )`.execute(db);
  await sql`CREATE INDEX notify_delivery_due ON notify_delivery (next_attempt_at)
              WHERE status IN ('pending','retrying')`.execute(db);
  await sql`CREATE INDEX notify_delivery_stuck ON notify_delivery (locked_until) WHERE status = 'sending'`.execute(db);
  await sql`CREATE INDEX notify_delivery_status ON notify_delivery (status, id)`.execute(db);
  await sql`CREATE INDEX notify_delivery_message ON notify_delivery (message_id)`.execute(db);

  await sql`
    CREATE TABLE notify_attempt (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      delivery_id bigint NOT NULL REFERENCES notify_delivery(id),
      attempt     integer NOT NULL,
      at          timestamptz NOT NULL DEFAULT now(),
      ok          boolean NOT NULL,
      error       text CHECK (length(error) <= 500)
    )`.execute(db);
  await sql`CREATE INDEX notify_attempt_delivery ON notify_attempt (delivery_id, id)`.execute(db);

  await sql`
    CREATE TABLE notify_inbox (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id     bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      delivery_id bigint NOT NULL UNIQUE REFERENCES notify_delivery(id),
      type        text NOT NULL,
      title       text NOT NULL,
      body        text NOT NULL,
      urgent      boolean NOT NULL DEFAULT false,
      created_at  timestamptz NOT NULL DEFAULT now(),
      read_at     timestamptz
    )`.execute(db);
  await sql`CREATE INDEX notify_inbox_user ON notify_inbox (user_id, id DESC)`.execute(db);
  await sql`CREATE INDEX notify_inbox_unread ON notify_inbox (user_id) WHERE read_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE notify_preference (
      user_id  bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      type     text NOT NULL,
      channels text[] NOT NULL CHECK (channels <@ ARRAY['sms','email','inApp']::text[]),
      PRIMARY KEY (user_id, type)
    )`.execute(db);

  await sql`
    CREATE TABLE notify_contact (
      user_id      bigint PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      phone_sealed text,
      phone_masked text,
      email_sealed text,
      email_masked text,
      lang         text NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN','en')),
      updated_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE notify_optout (
      address_digest text NOT NULL,
      type           text NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (address_digest, type)
    )`.execute(db);

  await sql`
    CREATE TABLE otp_code (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      purpose      text NOT NULL CHECK (purpose ~ '^[a-z][a-zA-Z0-9]{0,30}$'),
      phone_digest text NOT NULL,
      ip_digest    text,
      code_mac     text NOT NULL,
      attempts     integer NOT NULL DEFAULT 0,
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      consumed_at  timestamptz
    )`.execute(db);
  await sql`CREATE INDEX otp_code_phone ON otp_code (phone_digest, created_at DESC)`.execute(db);
  await sql`CREATE INDEX otp_code_ip ON otp_code (ip_digest, created_at DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
