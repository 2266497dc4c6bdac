import { type Kysely, sql } from 'kysely';

/**
 * Livelihood projects (民生实事项目): the reserve (储备库) with screening, the deputies' votes (票决)
 * and year-end ratings (满意度测评) with secrecy that can be checked, and the implementation (plan,
 * milestones, progress reports with photos, decisions with public notices).
 *
 * Secrecy: who voted (`project_voter`) and what was voted (`project_ballot`) are two tables with no
 * column in common but the vote: a ballot has a random id, no voter, no account, no timestamp and
 * no serial number; closing a vote rewrites its ballots in random order in one transaction, so that
 * neither the physical order nor the inserting transaction links a ballot to an attendance mark.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE project (
      id                  bigserial PRIMARY KEY,
      org_id              bigint NOT NULL REFERENCES organization (id),
      org_path            ltree NOT NULL,
      year                int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
      description         text NOT NULL CHECK (length(description) <= 5000),
      cost                bigint NOT NULL CHECK (cost > 0),
      funding_source      text NOT NULL CHECK (length(funding_source) BETWEEN 1 AND 200),
      unit_id             bigint REFERENCES organization (id),
      location            text NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
      expected_completion date NOT NULL,
      source              text NOT NULL CHECK (source IN ('department', 'committee', 'opinion', 'suggestion')),
      source_opinion_id   bigint REFERENCES opinion (id),
      source_suggestion_id bigint REFERENCES suggestion (id),
      state               text NOT NULL DEFAULT 'reserve' CHECK (state IN
                            ('reserve', 'shortlisted', 'excluded', 'chosen', 'notChosen', 'inProgress', 'paused', 'done', 'terminated')),
      screening           jsonb,
      exclusion_reason    text,
      screened_by         bigint REFERENCES app_user (id),
      screened_at         timestamptz,
      targets             text,
      plan_published_at   timestamptz,
      progress            int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      supervision_leader  text,
      rating              text CHECK (rating IN ('satisfied', 'basicallySatisfied', 'dissatisfied')),
      created_by          bigint REFERENCES app_user (id),
      created_at          timestamptz NOT NULL DEFAULT now(),
      updated_at          timestamptz NOT NULL DEFAULT now(),
      CHECK (source <> 'opinion' OR source_opinion_id IS NOT NULL),
      CHECK (source <> 'suggestion' OR source_suggestion_id IS NOT NULL),
      CHECK (state <> 'excluded' OR exclusion_reason IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX project_org_year ON project (org_id, year, id)`.execute(db);
  await sql`CREATE INDEX project_path ON project USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX project_unit ON project (unit_id) WHERE unit_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX project_opinion ON project (source_opinion_id) WHERE source_opinion_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX project_suggestion ON project (source_suggestion_id) WHERE source_suggestion_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE project_vote (
      id              bigserial PRIMARY KEY,
      org_id          bigint NOT NULL REFERENCES organization (id),
      org_path        ltree NOT NULL,
      kind            text NOT NULL CHECK (kind IN ('selection', 'rating')),
      year            int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      rules           jsonb NOT NULL,
      state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed', 'published')),
      members         int NOT NULL DEFAULT 0,
      paper_returned  int,
      paper_spoiled   int,
      result          jsonb,
      opened_at       timestamptz,
      closed_at       timestamptz,
      published_at    timestamptz,
      published_by    bigint REFERENCES app_user (id),
      created_by      bigint REFERENCES app_user (id),
      created_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX project_vote_org ON project_vote (org_id, year, id)`.execute(db);

  await sql`
    CREATE TABLE project_vote_candidate (
      vote_id    bigint NOT NULL REFERENCES project_vote (id),
      project_id bigint NOT NULL REFERENCES project (id),
      position   int NOT NULL,
      PRIMARY KEY (vote_id, project_id),
      UNIQUE (vote_id, position)
    )`.execute(db);
  await sql`CREATE INDEX project_vote_candidate_project ON project_vote_candidate (project_id)`.execute(db);

  // Who may vote and who did (签到/投票记录): no choice here.
  await sql`
    CREATE TABLE project_voter (
      vote_id   bigint NOT NULL REFERENCES project_vote (id),
      deputy_id bigint NOT NULL REFERENCES deputy (id),
      voted     text CHECK (voted IN ('electronic', 'paper')),
      PRIMARY KEY (vote_id, deputy_id)
    )`.execute(db);
  await sql`CREATE INDEX project_voter_deputy ON project_voter (deputy_id)`.execute(db);

  // What was voted: anonymous. No voter, no account, no time, no serial.
  await sql`
    CREATE TABLE project_ballot (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      vote_id      bigint NOT NULL REFERENCES project_vote (id),
      channel      text NOT NULL CHECK (channel IN ('electronic', 'paper')),
      receipt_hash text UNIQUE,
      choices      jsonb NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX project_ballot_vote ON project_ballot (vote_id, id)`.execute(db);

  // Paper ballots typed in by two different officers; a ballot counts once both entries agree.
  await sql`
    CREATE TABLE project_paper_entry (
      vote_id    bigint NOT NULL REFERENCES project_vote (id),
      ballot_no  int NOT NULL CHECK (ballot_no >= 1),
      entry      smallint NOT NULL CHECK (entry IN (1, 2)),
      entered_by bigint NOT NULL REFERENCES app_user (id),
      choices    jsonb NOT NULL,
      PRIMARY KEY (vote_id, ballot_no, entry)
    )`.execute(db);

  await sql`
    CREATE TABLE project_milestone (
      id         bigserial PRIMARY KEY,
      project_id bigint NOT NULL REFERENCES project (id),
      title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
      due_on     date NOT NULL,
      done_on    date
    )`.execute(db);
  await sql`CREATE INDEX project_milestone_project ON project_milestone (project_id, due_on)`.execute(db);

  await sql`
    CREATE TABLE project_progress (
      id          bigserial PRIMARY KEY,
      project_id  bigint NOT NULL REFERENCES project (id),
      percent     int NOT NULL CHECK (percent BETWEEN 0 AND 100),
      note        text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
      file_id     bigint REFERENCES stored_file (id),
      reported_by bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX project_progress_project ON project_progress (project_id, id)`.execute(db);

  await sql`
    CREATE TABLE project_decision (
      id          bigserial PRIMARY KEY,
      project_id  bigint NOT NULL REFERENCES project (id),
      kind        text NOT NULL CHECK (kind IN ('change', 'pause', 'resume', 'terminate')),
      reference   text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
      decided_on  date NOT NULL,
      reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
      notice      text NOT NULL CHECK (length(notice) BETWEEN 1 AND 2000),
      changes     jsonb NOT NULL DEFAULT '{}',
      created_by  bigint REFERENCES app_user (id),
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX project_decision_project ON project_decision (project_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('20261206T1000-projects cannot be undone');
}
