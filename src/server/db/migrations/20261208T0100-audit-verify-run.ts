import { type Kysely, sql } from 'kysely';

/**
 * A check of the audit chain as a run in the background: the whole trail takes minutes at a
 * province's size, longer than a request may wait behind a proxy. The run lives in the process
 * that was asked (its witness file is the one the check reads) and writes its progress here, so
 * every process can show it; a run whose process stopped beating is shown as interrupted. At most
 * one runs at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_verify_run (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      requested_by   bigint REFERENCES app_user(id),
      requested_name text NOT NULL,
      since          timestamptz,
      status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed','interrupted')),
      rows_checked   bigint NOT NULL DEFAULT 0,
      rows_expected  bigint,
      result         jsonb,
      error          text,
      process        text NOT NULL,
      started_at     timestamptz NOT NULL DEFAULT now(),
      heartbeat_at   timestamptz NOT NULL DEFAULT now(),
      finished_at    timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX audit_verify_run_one ON audit_verify_run ((true)) WHERE status = 'running'`.execute(db);
  await sql`CREATE INDEX audit_verify_run_started ON audit_verify_run (started_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_verify_run`.execute(db);
}
