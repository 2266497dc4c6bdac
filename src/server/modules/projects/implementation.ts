// Implementation (实施): the plan of a chosen project (unit, targets, budget, completion, milestones,
// supervision leader), published once; progress reports with % and a photo from the unit; after
// publication, a change, pause, resumption or termination only through a recorded decision of the
// standing committee with its public notice (公告).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { DecisionInput, PlanInput, ProgressFields } from '../../../contracts/projects.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileStore } from '../../platform/files/store.js';
import { orgById } from '../org/tree.js';
import { dayText, loadForManage, loadProject, stateError } from './load.js';
import { tellConstituents } from './notices.js';

/** Sets (or redoes) the plan of a chosen project while it is not yet published. */
export async function setPlan(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof PlanInput>,
) {
  if (!(await orgById(p.db, input.unitId)))
    throw invalid({ path: 'body.unitId', zh: '责任单位不存在', en: 'No such responsible unit' });
  await inTransaction(p.db, async (trx) => {
    const { row } = await loadForManage(trx, actor, id, true);
    if (row.plan_published_at) throw new AppError('PROJECT_DECISION_REQUIRED');
    if (row.state !== 'chosen') throw stateError(row.state, { zh: '制定实施计划', en: 'given a plan' });
    await trx
      .updateTable('project')
      .set({
        targets: input.targets,
        unit_id: input.unitId,
        cost: input.cost,
        expected_completion: input.expectedCompletion,
        supervision_leader: input.supervisionLeader,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('project_milestone').where('project_id', '=', id).execute();
    await trx
      .insertInto('project_milestone')
      .values(input.milestones.map((m) => ({ project_id: id, title: m.title, due_on: m.dueOn })))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.plan',
      subjectType: 'project',
      subjectId: id,
      summary: {
        before: { unitId: row.unit_id, cost: row.cost, expectedCompletion: dayText(row.expected_completion) },
        after: {
          unitId: input.unitId,
          cost: input.cost,
          expectedCompletion: input.expectedCompletion,
          milestones: input.milestones.length,
        },
      },
    });
  });
}

/** Publishes the plan: the project is under way; from now on changes need a decision. */
export async function publishPlan(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const { row } = await loadForManage(trx, actor, id, true);
    if (row.state !== 'chosen' || row.plan_published_at)
      throw stateError(row.state, { zh: '公布实施计划', en: 'given a published plan' });
    if (!row.targets || !row.unit_id)
      throw invalid({ path: 'body.plan', zh: '请先制定实施计划', en: 'Set the plan first' });
    await trx
      .updateTable('project')
      .set({ state: 'inProgress', plan_published_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.plan.publish',
      subjectType: 'project',
      subjectId: id,
      summary: { after: { state: 'inProgress' } },
    });
  });
}

const afterDecision = { change: null, pause: 'paused', resume: 'inProgress', terminate: 'terminated' } as const;
const decisionFrom = {
  change: ['inProgress', 'paused'],
  pause: ['inProgress'],
  resume: ['paused'],
  terminate: ['inProgress', 'paused'],
} as const;

/** A recorded decision (变更/暂停/恢复/终止) with its public notice, applied to the project. */
export async function recordDecision(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof DecisionInput>,
) {
  if (input.kind === 'change' && !Object.keys(input.changes).length)
    throw invalid({ path: 'body.changes', zh: '请填写变更内容', en: 'Give what changes' });
  await inTransaction(p.db, async (trx) => {
    const { row } = await loadForManage(trx, actor, id, true);
    if (!(decisionFrom[input.kind] as readonly string[]).includes(row.state))
      throw stateError(row.state, { zh: '作出该决定', en: `given a ${input.kind} decision` });
    const state = afterDecision[input.kind];
    await trx
      .updateTable('project')
      .set({
        ...(state ? { state } : {}),
        ...(input.changes.cost ? { cost: input.changes.cost } : {}),
        ...(input.changes.expectedCompletion ? { expected_completion: input.changes.expectedCompletion } : {}),
        ...(input.changes.targets ? { targets: input.changes.targets } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    const { id: decisionId } = await trx
      .insertInto('project_decision')
      .values({
        project_id: id,
        kind: input.kind,
        reference: input.reference,
        decided_on: input.decidedOn,
        reason: input.reason,
        notice: input.notice,
        changes: JSON.stringify(input.changes),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: `project.decision.${input.kind}`,
      subjectType: 'project',
      subjectId: id,
      summary: {
        before: { state: row.state, cost: row.cost, expectedCompletion: dayText(row.expected_completion) },
        after: { decisionId, reference: input.reference, state: state ?? row.state, changes: input.changes },
      },
    });
  });
}

/** A progress report (the unit or the committee): % done and a note; 100 % completes the project and tells its constituents. */
export async function reportProgress(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof ProgressFields>,
) {
  return inTransaction(p.db, async (trx) => {
    const { row, access } = await loadProject(trx, actor, id, true);
    if (!access.report && !access.manage) throw new AppError('FORBIDDEN');
    if (row.state !== 'inProgress') throw stateError(row.state, { zh: '报送进展', en: 'reported on' });
    if (input.percent < row.progress)
      throw invalid({
        path: 'body.percent',
        zh: `进度不能低于上次报送的 ${row.progress}%`,
        en: `Progress cannot go below the last ${row.progress}%`,
      });
    const { id: reportId } = await trx
      .insertInto('project_progress')
      .values({ project_id: id, percent: input.percent, note: input.note, reported_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const done = input.percent === 100;
    await trx
      .updateTable('project')
      .set({ progress: input.percent, ...(done ? { state: 'done' } : {}), updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    if (done) await tellConstituents(trx, p, [id], 'project.done');
    await p.audit.record(trx, ctx, {
      action: 'project.progress',
      subjectType: 'project',
      subjectId: id,
      summary: { before: { progress: row.progress }, after: { reportId, progress: input.percent, done } },
    });
    return reportId;
  });
}

/** Adds the photo of a progress report (checked by content, EXIF stripped), by whoever may report. */
export async function addProgressPhoto(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  reportId: number,
  bytes: Buffer,
) {
  const { access } = await loadProject(p.db, actor, id);
  if (!access.report && !access.manage) throw new AppError('FORBIDDEN');
  const photo = await cleanPhoto(bytes);
  await inTransaction(p.db, async (trx) => {
    const report = await trx
      .selectFrom('project_progress')
      .select(['id', 'file_id'])
      .where('id', '=', reportId)
      .where('project_id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!report) throw new AppError('NOT_FOUND');
    const fileId = await fileStore(p).save(trx, photo, actor.userId);
    await trx.updateTable('project_progress').set({ file_id: fileId }).where('id', '=', reportId).execute();
    await p.audit.record(trx, ctx, {
      action: 'project.progressPhoto',
      subjectType: 'project',
      subjectId: id,
      summary: { after: { reportId, fileId, bytes: photo.bytes.length } },
    });
  });
}

/** Marks a milestone done on a day (the unit or the committee). */
export async function completeMilestone(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  milestoneId: number,
  doneOn: string,
) {
  await inTransaction(p.db, async (trx) => {
    const { access } = await loadProject(trx, actor, id, true);
    if (!access.report && !access.manage) throw new AppError('FORBIDDEN');
    const updated = await trx
      .updateTable('project_milestone')
      .set({ done_on: doneOn })
      .where('id', '=', milestoneId)
      .where('project_id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'project.milestone',
      subjectType: 'project',
      subjectId: id,
      summary: { after: { milestoneId, doneOn } },
    });
  });
}

/**
 * The photo of a progress report or an inspection of a project: for whoever may read the project,
 * or anyone once the plan is published (the portal).
 */
export async function projectPhoto(
  p: Platform,
  actor: Actor | null,
  id: number,
  of: { table: 'project_progress' | 'project_inspection'; rowId: number },
) {
  if (actor) await loadProject(p.db, actor, id);
  const {
    rows: [row],
  } = await sql<{ file_id: number | null; plan_published_at: Date | null }>`
    SELECT g.file_id, pr.plan_published_at FROM ${sql.table(of.table)} g JOIN project pr ON pr.id = g.project_id
    WHERE g.id = ${of.rowId} AND g.project_id = ${id}`.execute(p.db);
  if (!row?.file_id || (!actor && !row.plan_published_at)) throw new AppError('NOT_FOUND');
  const file = await fileStore(p).read(p, row.file_id);
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

export const progressPhoto = (p: Platform, actor: Actor | null, id: number, reportId: number) =>
  projectPhoto(p, actor, id, { table: 'project_progress', rowId: reportId });
