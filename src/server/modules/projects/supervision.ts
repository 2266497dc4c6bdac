// Supervision (监督): the supervision group of deputies assigned to a chosen project (督查组, led by
// the named committee member of the plan) and its inspections (视察/督查) with findings, requests
// for rectification and a photo. The deputies who took part are credited in their duty record.
import type { z } from 'zod';
import type { InspectionInput } from '../../../contracts/projects.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileStore } from '../../platform/files/store.js';
import { recordActivity } from '../duty/record-activity.js';
import { deputyNames, districtDeputiesInScope } from '../deputies/names.js';
import { projectPhoto } from './implementation.js';
import { dayText, loadForManage, stateError } from './load.js';

/** States in which a project has a group and is inspected. */
const SUPERVISED = ['chosen', 'inProgress', 'paused', 'done'];
const kindTitle = { inspection: '视察', supervision: '督查' } as const;

/** Sets the supervision group: serving district deputies in the committee's scope. */
export async function setSupervisors(p: Platform, ctx: RequestContext, actor: Actor, id: number, deputyIds: number[]) {
  await inTransaction(p.db, async (trx) => {
    const { row } = await loadForManage(trx, actor, id, true);
    if (!SUPERVISED.includes(row.state))
      throw stateError(row.state, { zh: '组建督查组', en: 'given a supervision group' });
    const ids = [...new Set(deputyIds)];
    // Serving district deputies registered where the actor runs the projects (the electorate of the votes).
    const serving = new Set((await districtDeputiesInScope(trx, actor, 'project.manage')).map((d) => d.id));
    const bad = deputyIds.findIndex((d) => !serving.has(d));
    if (bad >= 0)
      throw invalid({
        path: `body.deputyIds.${bad}`,
        zh: '该代表不是本级在职代表',
        en: 'Not a serving deputy of this congress',
      });
    const before = await trx
      .selectFrom('project_supervisor')
      .select('deputy_id')
      .where('project_id', '=', id)
      .execute();
    await trx.deleteFrom('project_supervisor').where('project_id', '=', id).execute();
    if (ids.length)
      await trx
        .insertInto('project_supervisor')
        .values(ids.map((deputyId) => ({ project_id: id, deputy_id: deputyId })))
        .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.supervisors',
      subjectType: 'project',
      subjectId: id,
      summary: { before: { deputyIds: before.map((b) => b.deputy_id) }, after: { deputyIds: ids } },
    });
  });
}

/** An inspection by (some of) the group: findings and requests; each deputy who took part is credited. */
export async function recordInspection(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof InspectionInput>,
) {
  return inTransaction(p.db, async (trx) => {
    const { row } = await loadForManage(trx, actor, id, true);
    if (!SUPERVISED.includes(row.state)) throw stateError(row.state, { zh: '记录视察', en: 'inspected' });
    const group = new Set(
      (await trx.selectFrom('project_supervisor').select('deputy_id').where('project_id', '=', id).execute()).map(
        (r) => r.deputy_id,
      ),
    );
    const bad = input.deputyIds.findIndex((d) => !group.has(d));
    if (bad >= 0)
      throw invalid({
        path: `body.deputyIds.${bad}`,
        zh: '该代表不在本项目督查组中',
        en: "Not in the project's supervision group",
      });
    const { id: inspectionId } = await trx
      .insertInto('project_inspection')
      .values({
        project_id: id,
        kind: input.kind,
        day: input.day,
        findings: input.findings,
        requests: input.requests || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = [...new Set(input.deputyIds)];
    await trx
      .insertInto('project_inspection_deputy')
      .values(ids.map((deputyId) => ({ inspection_id: inspectionId, deputy_id: deputyId })))
      .execute();
    for (const deputyId of ids)
      await recordActivity(
        trx,
        {
          deputyId,
          kind: 'inspection',
          sourceKey: `project-inspection:${inspectionId}`,
          day: input.day,
          title: `民生实事项目${kindTitle[input.kind]}：${row.title}`,
        },
        actor.userId,
      );
    await p.audit.record(trx, ctx, {
      action: 'project.inspection',
      subjectType: 'project',
      subjectId: id,
      summary: { after: { inspectionId, kind: input.kind, day: input.day, deputyIds: ids } },
    });
    return inspectionId;
  });
}

/** The photo of an inspection (checked by content, EXIF stripped), by the committee. */
export async function addInspectionPhoto(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  inspectionId: number,
  bytes: Buffer,
) {
  await loadForManage(p.db, actor, id);
  const photo = await cleanPhoto(bytes);
  await inTransaction(p.db, async (trx) => {
    const found = await trx
      .selectFrom('project_inspection')
      .select('id')
      .where('id', '=', inspectionId)
      .where('project_id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw new AppError('NOT_FOUND');
    const fileId = await fileStore(p).save(trx, photo, actor.userId);
    await trx.updateTable('project_inspection').set({ file_id: fileId }).where('id', '=', inspectionId).execute();
    await p.audit.record(trx, ctx, {
      action: 'project.inspectionPhoto',
      subjectType: 'project',
      subjectId: id,
      summary: { after: { inspectionId, fileId, bytes: photo.bytes.length } },
    });
  });
}

/** The photo of an inspection: for whoever may read the project, or anyone once the plan is published. */
export const inspectionPhoto = (p: Platform, actor: Actor | null, id: number, inspectionId: number) =>
  projectPhoto(p, actor, id, { table: 'project_inspection', rowId: inspectionId });

/** The groups and inspections of projects (by ids), with deputies' names. */
export async function supervisionOf(db: Db | Tx, projectIds: readonly number[]) {
  if (!projectIds.length) return { supervisors: new Map<number, Named[]>(), inspections: new Map<number, Insp[]>() };
  const [group, inspections, attended] = await Promise.all([
    db
      .selectFrom('project_supervisor')
      .selectAll()
      .where('project_id', 'in', [...projectIds])
      .execute(),
    db
      .selectFrom('project_inspection')
      .selectAll()
      .where('project_id', 'in', [...projectIds])
      .orderBy('day', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('project_inspection_deputy as d')
      .innerJoin('project_inspection as i', 'i.id', 'd.inspection_id')
      .select(['d.inspection_id', 'd.deputy_id'])
      .where('i.project_id', 'in', [...projectIds])
      .execute(),
  ]);
  const names = await deputyNames(db, [...group.map((g) => g.deputy_id), ...attended.map((a) => a.deputy_id)]);
  const order = new Map(names.map((n, i) => [n.id, i]));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const byOrder = (a: number, b: number) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  const supervisors = new Map<number, Named[]>();
  for (const g of [...group].sort((a, b) => byOrder(a.deputy_id, b.deputy_id)))
    supervisors.set(g.project_id, [
      ...(supervisors.get(g.project_id) ?? []),
      { deputyId: g.deputy_id, name: nameOf.get(g.deputy_id) ?? '' },
    ]);
  const out = new Map<number, Insp[]>();
  for (const i of inspections)
    out.set(i.project_id, [
      ...(out.get(i.project_id) ?? []),
      {
        id: i.id,
        kind: i.kind as 'inspection',
        day: dayText(i.day),
        findings: i.findings,
        requests: i.requests,
        deputies: attended
          .filter((a) => a.inspection_id === i.id)
          .sort((a, b) => byOrder(a.deputy_id, b.deputy_id))
          .map((a) => nameOf.get(a.deputy_id) ?? ''),
        hasPhoto: i.file_id !== null,
      },
    ]);
  return { supervisors, inspections: out };
}
type Named = { deputyId: number; name: string };
type Insp = {
  id: number;
  kind: 'inspection' | 'supervision';
  day: string;
  findings: string;
  requests: string | null;
  deputies: string[];
  hasPhoto: boolean;
};
