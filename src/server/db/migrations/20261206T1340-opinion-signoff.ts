import { sql, type Kysely } from 'kysely';

/**
 * The street office head signs assignments in the system (issue 17, item 3): an officer's
 * assignment waits in the head's queue until approved (the time limit runs from the approval) or
 * declined; a paper sign-off keeps the typed name with the scan attached. And in-app messages
 * carry the console path of what they are about (item 5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE user_role DROP CONSTRAINT user_role_role_check,
      ADD CONSTRAINT user_role_role_check CHECK (role IN ('admin', 'securityAdmin', 'auditor', 'districtOfficer',
        'streetOfficer', 'streetHead', 'stationHead', 'liaisonOfficer', 'deputy', 'handlingUnitStaff', 'consultant'))`.execute(
    db,
  );
  await sql`
    CREATE TABLE opinion_signoff (
      id            bigserial PRIMARY KEY,
      opinion_id    bigint NOT NULL REFERENCES opinion (id),
      org_path      ltree NOT NULL,
      action        text NOT NULL CHECK (action IN ('assign', 'reassign')),
      body          jsonb NOT NULL,
      state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'declined', 'withdrawn')),
      requested_by  bigint NOT NULL REFERENCES app_user (id),
      requested_at  timestamptz NOT NULL DEFAULT now(),
      decided_by    bigint REFERENCES app_user (id),
      decided_at    timestamptz,
      decision_note text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX opinion_signoff_one_pending ON opinion_signoff (opinion_id) WHERE state = 'pending'`.execute(
    db,
  );
  await sql`CREATE INDEX opinion_signoff_queue ON opinion_signoff USING gist (org_path) WHERE state = 'pending'`.execute(
    db,
  );
  await sql`
    ALTER TABLE opinion_assignment
      ADD COLUMN signoff_kind text NOT NULL DEFAULT 'paper' CHECK (signoff_kind IN ('paper', 'online', 'self')),
      ADD COLUMN signoff_file_id bigint REFERENCES opinion_file (id)`.execute(db);
  // In-app messages open what they are about (issue 17, item 5): the console path travels with the message.
  await sql`ALTER TABLE notify_message ADD COLUMN link text`.execute(db);
  await sql`ALTER TABLE notify_inbox ADD COLUMN link text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
