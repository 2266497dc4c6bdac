import { type Kysely, sql } from 'kysely';

/**
 * Livelihood projects, more: supervision groups of deputies and their inspections (视察/督查) with
 * findings and a photo; the public comment period on a vote's candidates (moderated comments and
 * support from the portal); paper ballots counted as totals (纸质选票按汇总录入).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The supervision group (督查组): deputies assigned to a project; its leader stays project.supervision_leader.
  await sql`
    CREATE TABLE project_supervisor (
      project_id bigint NOT NULL REFERENCES project (id),
      deputy_id  bigint NOT NULL REFERENCES deputy (id),
      PRIMARY KEY (project_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX project_supervisor_deputy ON project_supervisor (deputy_id)`.execute(db);

  await sql`
    CREATE TABLE project_inspection (
      id          bigserial PRIMARY KEY,
      project_id  bigint NOT NULL REFERENCES project (id),
      kind        text NOT NULL CHECK (kind IN ('inspection', 'supervision')),
      day         date NOT NULL,
      findings    text NOT NULL CHECK (length(findings) BETWEEN 1 AND 4000),
      requests    text CHECK (requests IS NULL OR length(requests) BETWEEN 1 AND 2000),
      file_id     bigint REFERENCES stored_file (id),
      created_by  bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX project_inspection_project ON project_inspection (project_id, day, id)`.execute(db);

  // The deputies who took part in an inspection (credited in their duty record).
  await sql`
    CREATE TABLE project_inspection_deputy (
      inspection_id bigint NOT NULL REFERENCES project_inspection (id),
      deputy_id     bigint NOT NULL REFERENCES deputy (id),
      PRIMARY KEY (inspection_id, deputy_id)
    )`.execute(db);

  // The public comment period before a vote: until when the portal takes comments and support.
  await sql`ALTER TABLE project_vote ADD COLUMN comment_until timestamptz`.execute(db);
  // Paper ballots counted and entered as totals: [{projectId, mark, count}] (the mode is in rules).
  await sql`ALTER TABLE project_vote ADD COLUMN paper_totals jsonb`.execute(db);

  await sql`
    CREATE TABLE project_comment (
      id           bigserial PRIMARY KEY,
      vote_id      bigint NOT NULL REFERENCES project_vote (id),
      project_id   bigint NOT NULL REFERENCES project (id),
      support      boolean NOT NULL,
      body         text CHECK (body IS NULL OR length(body) BETWEEN 1 AND 500),
      name         text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 20),
      phone_sealed text,
      state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'hidden')),
      moderated_by bigint REFERENCES app_user (id),
      moderated_at timestamptz,
      created_at   timestamptz NOT NULL DEFAULT now(),
      CHECK (support OR body IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX project_comment_vote ON project_comment (vote_id, project_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('20261206T1300-projects-more cannot be undone');
}
