import { type Kysely, sql } from 'kysely';

/** The platform: organisation tree, staff users and roles, sessions, lockouts, audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS ltree`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);

  await sql`
    CREATE TABLE region (
      code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6,12}$'),
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      level       text NOT NULL CHECK (level IN ('province','city','county','township','village')),
      parent_code text REFERENCES region(code),
      path        ltree NOT NULL UNIQUE
    )`.execute(db);
  await sql`CREATE INDEX region_path_gist ON region USING gist (path)`.execute(db);

  await sql`
    CREATE TABLE organization (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id   bigint REFERENCES organization(id),
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      kind        text NOT NULL CHECK (kind IN ('standingCommittee','deputyAffairsCommittee',
                    'streetWorkingCommittee','townshipPresidium','streetOffice','department','station','other')),
      region_code text REFERENCES region(code),
      path        ltree NOT NULL UNIQUE,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX organization_path_gist ON organization USING gist (path)`.execute(db);
  await sql`CREATE INDEX organization_parent ON organization (parent_id)`.execute(db);

  await sql`
    CREATE TABLE app_user (
      id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username             text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
      display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
      org_id               bigint NOT NULL REFERENCES organization(id),
      password_hash        text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      totp_secret          text,
      totp_enabled         boolean NOT NULL DEFAULT false,
      totp_pending_secret  text,
      totp_last_step       bigint,
      password_changed_at  timestamptz,
      last_login_at        timestamptz,
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX app_user_username ON app_user (username)`.execute(db);
  await sql`CREATE INDEX app_user_org ON app_user (org_id)`.execute(db);

  await sql`
    CREATE TABLE user_role (
      id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id    bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role       text NOT NULL CHECK (role IN ('admin','securityAdmin','auditor','districtOfficer',
                   'streetOfficer','stationHead','liaisonOfficer','deputy','handlingUnitStaff','consultant')),
      org_id     bigint NOT NULL REFERENCES organization(id),
      granted_by bigint REFERENCES app_user(id),
      granted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, role, org_id)
    )`.execute(db);

  await sql`
    CREATE TABLE user_session (
      id             text PRIMARY KEY,
      user_id        bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      csrf_token     text NOT NULL,
      mfa_pending    boolean NOT NULL DEFAULT false,
      created_at     timestamptz NOT NULL DEFAULT now(),
      last_seen_at   timestamptz NOT NULL DEFAULT now(),
      expires_at     timestamptz NOT NULL,
      revoked_at     timestamptz,
      revoked_reason text,
      ip             text,
      user_agent     text
    )`.execute(db);
  await sql`CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE login_failure (
      key          text PRIMARY KEY,
      failures     integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id           bigint PRIMARY KEY,
      at           timestamptz NOT NULL,
      actor_id     bigint,
      actor_name   text,
      action       text NOT NULL,
      subject_type text,
      subject_id   text,
      summary      jsonb NOT NULL DEFAULT '{}'::jsonb,
      ip           text,
      user_agent   text,
      request_id   text,
      prev_hash    text NOT NULL,
      hash         text NOT NULL
    )`.execute(db);
  await sql`CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_action ON audit_log (action, at DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id)`.execute(db);
  // Append-only, whoever connects: the rows are evidence.
  await sql`
    CREATE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forbid_change()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
