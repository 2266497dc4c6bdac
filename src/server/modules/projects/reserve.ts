// The reserve (储备库): candidate projects proposed all year by departments, the committee, from
// constituents' opinions and from deputies' suggestions; screening with recorded reasons.
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  ProjectInput,
  ProjectListQuery,
  ProjectSummary,
  ProjectView,
  ScreeningInput,
} from '../../../contracts/projects.js';
import { inTransaction, type Db } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { opinionBriefs } from '../opinions/deputy-desk.js';
import { orgById } from '../org/tree.js';
import { suggestionBriefs } from '../suggestions/project-links.js';
import {
  loadForManage,
  loadProject,
  ownGrant,
  projectRows,
  readableProjectsSql,
  stateError,
  dayText,
  type ProjectRow,
} from './load.js';
import { supervisionOf } from './supervision.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summaryOf(r: ProjectRow): ProjectSummary {
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    cost: r.cost,
    fundingSource: r.funding_source,
    unitId: r.unit_id,
    unitName: r.unit_name,
    location: r.location,
    expectedCompletion: dayText(r.expected_completion),
    source: r.source as ProjectSummary['source'],
    state: r.state as ProjectSummary['state'],
    progress: r.progress,
    rating: r.rating,
  };
}

/** Checks the source reference (an opinion or a submitted suggestion that exists) and the unit. */
async function checkRefs(db: Db, input: z.infer<typeof ProjectInput>) {
  if (input.source === 'opinion') {
    const [o] = input.sourceOpinionId ? await opinionBriefs(db, [input.sourceOpinionId]) : [];
    if (!o)
      throw invalid({ path: 'body.sourceOpinionId', zh: '请填写来源群众意见', en: 'Give the opinion it came from' });
  }
  if (input.source === 'suggestion') {
    const [s] = input.sourceSuggestionId ? await suggestionBriefs(db, [input.sourceSuggestionId]) : [];
    if (!s)
      throw invalid({
        path: 'body.sourceSuggestionId',
        zh: '请填写来源代表建议（已提交的建议）',
        en: 'Give the (submitted) suggestion it came from',
      });
  }
  if (input.unitId && !(await orgById(db, input.unitId)))
    throw invalid({ path: 'body.unitId', zh: '责任单位不存在', en: 'No such responsible unit' });
}

/** A new candidate in the reserve, proposed by the actor (within their scope). */
export async function proposeProject(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof ProjectInput>,
): Promise<number> {
  const org = input.orgId ? await orgById(p.db, input.orgId) : await orgOf(p.db, ownGrant(actor, 'project.propose'));
  if (!org) throw invalid({ path: 'body.orgId', zh: '请选择所属机构', en: 'Choose the organisation' });
  authorize(actor, 'project.propose', { orgPath: org.path });
  await checkRefs(p.db, input);
  return inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('project')
      .values({
        org_id: org.id,
        org_path: org.path,
        year: input.year,
        title: input.title,
        description: input.description,
        cost: input.cost,
        funding_source: input.fundingSource,
        unit_id: input.unitId ?? null,
        location: input.location,
        expected_completion: input.expectedCompletion,
        source: input.source,
        source_opinion_id: input.source === 'opinion' ? input.sourceOpinionId! : null,
        source_suggestion_id: input.source === 'suggestion' ? input.sourceSuggestionId! : null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'project.propose',
      subjectType: 'project',
      subjectId: id,
      summary: { after: { title: input.title, year: input.year, cost: input.cost, source: input.source } },
    });
    return id;
  });
}

async function orgOf(db: Db, grant: { orgId: number } | undefined) {
  return grant ? orgById(db, grant.orgId) : undefined;
}

/** Records the four reviews; shortlisted, or excluded with the reason kept for the proposer. */
export async function screenProject(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof ScreeningInput>,
) {
  const reason = input.exclusionReason?.trim();
  if (!input.shortlist && !reason)
    throw invalid({
      path: 'body.exclusionReason',
      zh: '不予入选须写明理由（将告知提出者）',
      en: 'An exclusion needs a reason (the proposer is shown it)',
    });
  const checks = ['feasibility', 'necessity', 'fiscal', 'legality'] as const;
  const failed = checks.filter((c) => !input[c].ok);
  if (input.shortlist && failed.length)
    throw invalid(
      ...failed.map((c) => ({
        path: `body.${c}.ok`,
        zh: '有未通过的审查项，不能入围',
        en: 'A review did not pass; the project cannot be shortlisted',
      })),
    );
  await inTransaction(p.db, async (trx) => {
    const { row } = await loadForManage(trx, actor, id, true);
    if (!['reserve', 'shortlisted', 'excluded'].includes(row.state))
      throw stateError(row.state, { zh: '初选审查', en: 'screened' });
    const screening = Object.fromEntries(checks.map((c) => [c, input[c]]));
    await trx
      .updateTable('project')
      .set({
        state: input.shortlist ? 'shortlisted' : 'excluded',
        screening: JSON.stringify(screening),
        exclusion_reason: input.shortlist ? null : reason!,
        screened_by: actor.userId,
        screened_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.screen',
      subjectType: 'project',
      subjectId: id,
      summary: {
        before: { state: row.state },
        after: { state: input.shortlist ? 'shortlisted' : 'excluded', screening, reason },
      },
    });
    // The exclusion notice (不予入选告知): the proposer is told, with the reason.
    if (!input.shortlist && row.created_by !== null && row.created_by !== actor.userId)
      await enqueue(trx, {
        type: 'project.excluded',
        to: { userId: row.created_by },
        vars: { title: row.title, reason: reason! },
      });
  });
}

/** Projects the actor may read, newest year first. */
export async function listProjects(p: Platform, actor: Actor, q: z.infer<typeof ProjectListQuery>) {
  let query = projectRows(p.db).where(readableProjectsSql(actor));
  if (q.year) query = query.where('pr.year', '=', q.year);
  if (q.state) query = query.where('pr.state', '=', q.state);
  const rows = await query.orderBy('pr.year', 'desc').orderBy('pr.id', 'desc').limit(500).execute();
  return { items: rows.map(summaryOf) };
}

/** One project with its source, screening, plan, milestones, reports, decisions and votes. */
export async function getProject(p: Platform, actor: Actor, id: number): Promise<ProjectView> {
  const { row, access } = await loadProject(p.db, actor, id);
  const [opinion] = row.source_opinion_id ? await opinionBriefs(p.db, [row.source_opinion_id]) : [];
  const [suggestion] = row.source_suggestion_id ? await suggestionBriefs(p.db, [row.source_suggestion_id]) : [];
  const [milestones, reports, decisions, votes, supervision] = await Promise.all([
    p.db
      .selectFrom('project_milestone')
      .selectAll()
      .where('project_id', '=', id)
      .orderBy('due_on')
      .orderBy('id')
      .execute(),
    p.db.selectFrom('project_progress').selectAll().where('project_id', '=', id).orderBy('id', 'desc').execute(),
    p.db.selectFrom('project_decision').selectAll().where('project_id', '=', id).orderBy('id').execute(),
    p.db
      .selectFrom('project_vote_candidate as c')
      .innerJoin('project_vote as v', 'v.id', 'c.vote_id')
      .select(['v.id', 'v.name', 'v.kind', 'v.state'])
      .where('c.project_id', '=', id)
      .orderBy('v.id')
      .execute(),
    supervisionOf(p.db, [id]),
  ]);
  return {
    ...summaryOf(row),
    description: row.description,
    sourceOpinion: opinion ?? null,
    sourceSuggestion: suggestion ?? null,
    screening: (row.screening as ProjectView['screening']) ?? null,
    exclusionReason: row.exclusion_reason,
    targets: row.targets,
    supervisionLeader: row.supervision_leader,
    planPublishedAt: iso(row.plan_published_at),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: dayText(m.due_on),
      doneOn: dayText(m.done_on),
    })),
    reports: reports.map((r) => ({
      id: r.id,
      percent: r.percent,
      note: r.note,
      hasPhoto: r.file_id !== null,
      createdAt: r.created_at.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind as 'change',
      reference: d.reference,
      decidedOn: dayText(d.decided_on),
      reason: d.reason,
      notice: d.notice,
      changes: d.changes as Record<string, unknown>,
      createdAt: d.created_at.toISOString(),
    })),
    votes,
    supervisors: supervision.supervisors.get(id) ?? [],
    inspections: supervision.inspections.get(id) ?? [],
    canManage: access.manage,
    canReport: access.report && ['inProgress', 'chosen'].includes(row.state),
  };
}
