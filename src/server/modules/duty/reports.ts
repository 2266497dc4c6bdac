import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  activityKindLabels,
  activityKinds,
  defaultAspects,
  ReportFigure,
  ReportResult,
  type ReportInput,
  type ReportPatch,
  type ReportRatingInput,
  type ReportView,
} from '../../../contracts/duty.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaDate, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { hit } from '../../platform/http/rate-limit.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { activityViews, relationTo, requireOwnDeputy } from './load.js';
import { COUNTING, rulesFor } from './points.js';
import { recordActivity } from './record-activity.js';
import { deputyInScopeSql } from './policy.js';
import { syncActivities } from './sync.js';

const stateLabels = {
  draft: { zh: '草稿', en: 'a draft' },
  published: { zh: '已发布', en: 'published' },
  closed: { zh: '已归档', en: 'filed' },
} as const;

function stateError(state: string, action: { zh: string; en: string }) {
  const label = stateLabels[state as keyof typeof stateLabels] ?? { zh: state, en: state };
  return new AppError('DUTY_REPORT_STATE', {
    vars: { zh: { state: label.zh, action: action.zh }, en: { state: label.en, action: action.en } },
  });
}

/** The figures of a year as the record holds them: counting activities per kind, with up to three cases each. */
export async function yearFigures(
  db: Db | Tx,
  deputyId: number,
  year: number,
): Promise<z.infer<typeof ReportFigure>[]> {
  const acts = await activityViews(
    db,
    sql<boolean>`a.deputy_id = ${deputyId} AND extract(year FROM a.day) = ${year} AND a.state IN (${sql.join([...COUNTING])})`,
  );
  return activityKinds
    .map((kind) => {
      const of = acts.filter((a) => a.kind === kind);
      return { kind, count: of.length, cases: of.slice(0, 3).map((a) => `${a.day} ${a.title}`) };
    })
    .filter((f) => f.count > 0);
}

/** A first text drawn from the figures, for the deputy to edit. */
function draftBody(name: string, year: number, figures: z.infer<typeof ReportFigure>[]) {
  const parts = figures.map((f) => `${activityKindLabels[f.kind].zh} ${f.count} 次`);
  const cases = figures.flatMap((f) => f.cases.map((c) => `- ${activityKindLabels[f.kind].zh}：${c}`));
  return [
    `各位选民：`,
    ``,
    `${year} 年，我（${name}）依法履行代表职责，${parts.length ? `共${parts.join('、')}` : '本年度暂无记录的履职活动'}。`,
    ``,
    `主要事例：`,
    ...cases,
    ``,
    `请各位选民对我的履职情况进行评议。`,
  ].join('\n');
}

async function loadReport(db: Db | Tx, id: number, lock = false) {
  let q = db.selectFrom('duty_report').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
type ReportRow = Awaited<ReturnType<typeof loadReport>>;

async function present(db: Db | Tx, r: ReportRow): Promise<ReportView> {
  const [d] = await deputiesForRecord(db, [r.deputy_id]);
  return {
    id: r.id,
    deputyId: r.deputy_id,
    deputyName: d?.name ?? '',
    year: r.year,
    title: r.title,
    body: r.body,
    figures: ReportFigure.array().parse(r.figures),
    aspects: r.aspects,
    state: r.state as ReportView['state'],
    meetingAt: r.meeting_at,
    place: r.place,
    publishedAt: r.published_at?.toISOString() ?? null,
    result: r.result ? ReportResult.parse(r.result) : null,
  };
}

/** A report-back as its deputy or staff in scope see it. */
export async function getReport(p: Platform, actor: Actor, id: number) {
  const r = await loadReport(p.db, id);
  await relationTo(p.db, actor, r.deputy_id, 'duty.read');
  return present(p.db, r);
}

/** Report-backs of the actor's own deputy and of deputies in their scope, newest year first. */
export async function listReports(p: Platform, actor: Actor) {
  const rows = await p.db
    .selectFrom('duty_report as r')
    .selectAll('r')
    .where((eb) =>
      eb.or([deputyInScopeSql(actor, 'duty.read', 'r.deputy_id', 'r.org_path'), eb('r.created_by', '=', actor.userId)]),
    )
    .orderBy('r.year', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  return Promise.all(rows.map((r) => present(p.db, r)));
}

/** The deputy drafts the year's report-back: the figures and cases are drawn from the record as it stands. */
export async function draftReport(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof ReportInput>) {
  const deputyId = await requireOwnDeputy(p.db, actor);
  const rel = await relationTo(p.db, actor, deputyId, 'duty.read');
  await syncActivities(p, input.year, [deputyId]);
  const figures = await yearFigures(p.db, deputyId, input.year);
  const id = await inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_report')
      .values({
        deputy_id: deputyId,
        org_path: rel.deputy.org_path,
        year: input.year,
        title: input.title ?? `${rel.deputy.name}代表${input.year}年度述职报告`,
        body: draftBody(rel.deputy.name, input.year, figures),
        figures: JSON.stringify(figures),
        aspects: [...defaultAspects],
        meeting_at: input.meetingAt ?? null,
        place: input.place ?? null,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['deputy_id', 'year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw new AppError('DUTY_REPORT_EXISTS', {
        vars: { zh: { year: String(input.year) }, en: { year: String(input.year) } },
      });
    await p.audit.record(trx, ctx, {
      action: 'duty.draftReport',
      subjectType: 'dutyReport',
      subjectId: row.id,
      summary: { after: { deputyId, year: input.year, figures } },
    });
    return row.id;
  });
  return getReport(p, actor, id);
}

/** The deputy edits their draft (text, title, the aspects voters rate, the meeting). */
export async function editReport(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  patch: z.infer<typeof ReportPatch>,
) {
  await inTransaction(p.db, async (trx) => {
    const r = await loadReport(trx, id, true);
    const rel = await relationTo(trx, actor, r.deputy_id, 'duty.read');
    if (!rel.own) throw new AppError('FORBIDDEN');
    if (r.state !== 'draft') throw stateError(r.state, { zh: '修改', en: 'edited' });
    await trx
      .updateTable('duty_report')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.aspects !== undefined ? { aspects: patch.aspects } : {}),
        ...(patch.meetingAt !== undefined ? { meeting_at: patch.meetingAt } : {}),
        ...(patch.place !== undefined ? { place: patch.place } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.editReport',
      subjectType: 'dutyReport',
      subjectId: id,
      summary: { before: { title: r.title, aspects: r.aspects }, after: patch },
    });
  });
  return getReport(p, actor, id);
}

/** Publishes the report-back on the portal (figures drawn again so they equal the record) and records it as an activity. */
export async function publishReport(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const r0 = await loadReport(p.db, id);
  await syncActivities(p, r0.year, [r0.deputy_id]);
  const figures = await yearFigures(p.db, r0.deputy_id, r0.year);
  await inTransaction(p.db, async (trx) => {
    const r = await loadReport(trx, id, true);
    const rel = await relationTo(trx, actor, r.deputy_id, 'duty.check');
    if (!rel.own && !rel.may) throw new AppError('FORBIDDEN');
    if (r.state !== 'draft') throw stateError(r.state, { zh: '发布', en: 'published' });
    await trx
      .updateTable('duty_report')
      .set({ state: 'published', published_at: new Date(), figures: JSON.stringify(figures), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await reportActivity(trx, r, actor.userId, []);
    await p.audit.record(trx, ctx, {
      action: 'duty.publishReport',
      subjectType: 'dutyReport',
      subjectId: id,
      summary: { after: { state: 'published', figures } },
    });
  });
  return getReport(p, actor, id);
}

/** The report-back as an activity of the record (its source the report): on the day it was published, marked by the rating. */
function reportActivity(trx: Tx, r: ReportRow, byUserId: number, flags: 'ratedSatisfied'[]) {
  const day = r.published_at ? chinaDate(r.published_at) : chinaToday();
  const fact = { deputyId: r.deputy_id, kind: 'reportBack', sourceKey: `report:${r.id}`, day, title: r.title, flags };
  return recordActivity(trx, fact, byUserId, r.org_path);
}

/** Sums the voters' ratings: how many, the (basically) satisfied share, each aspect's average. */
async function tally(db: Db | Tx, id: number, aspects: readonly string[]): Promise<z.infer<typeof ReportResult>> {
  const rows = await db
    .selectFrom('duty_report_rating')
    .select(['aspects', 'overall'])
    .where('report_id', '=', id)
    .execute();
  const n = rows.length;
  const ok = rows.filter((r) => r.overall !== 'dissatisfied').length;
  return {
    ratings: n,
    satisfiedShare: n ? Math.round((ok / n) * 1000) / 1000 : 0,
    aspects: aspects.map((aspect) => {
      const vals = rows
        .map((r) => (r.aspects as Record<string, number>)[aspect])
        .filter((v): v is number => typeof v === 'number');
      return {
        aspect,
        average: vals.length ? Math.round((vals.reduce((s, v) => s + v, 0) / vals.length) * 100) / 100 : 0,
      };
    }),
  };
}

/**
 * Closes the rating and files the result in the record: published with the report, and the
 * report-back activity marked ratedSatisfied when the share reaches the rules' threshold.
 */
export async function closeReport(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const r = await loadReport(trx, id, true);
    const rel = await relationTo(trx, actor, r.deputy_id, 'duty.check');
    if (!rel.may) throw new AppError('FORBIDDEN');
    if (r.state !== 'published') throw stateError(r.state, { zh: '结束评议', en: 'closed' });
    const result = await tally(trx, id, r.aspects);
    const rules = await rulesFor(trx, r.org_path, r.year);
    const satisfied = result.ratings > 0 && result.satisfiedShare >= (rules?.rules.reportBackSatisfied ?? 0.9);
    await trx
      .updateTable('duty_report')
      .set({ state: 'closed', closed_at: new Date(), result: JSON.stringify(result), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await reportActivity(trx, r, actor.userId, satisfied ? ['ratedSatisfied'] : []);
    await p.audit.record(trx, ctx, {
      action: 'duty.closeReport',
      subjectType: 'dutyReport',
      subjectId: id,
      summary: { after: { state: 'closed', result } },
    });
  });
  return getReport(p, actor, id);
}

/** Published report-backs on the portal, newest first (the rating form's aspects with each). */
export async function publicReports(p: Platform) {
  const rows = await p.db
    .selectFrom('duty_report')
    .selectAll()
    .where('state', 'in', ['published', 'closed'])
    .orderBy('published_at', 'desc')
    .limit(50)
    .execute();
  return Promise.all(rows.map((r) => present(p.db, r)));
}

/** One published report-back on the portal; drafts do not exist there. */
export async function publicReport(p: Platform, id: number) {
  const r = await loadReport(p.db, id);
  if (r.state === 'draft') throw new AppError('NOT_FOUND');
  return present(p.db, r);
}

/** A voter rates a published report-back on the portal: each local aspect 1–5 and overall; limited per address. */
export async function rateReport(
  p: Platform,
  ctx: RequestContext,
  id: number,
  input: z.infer<typeof ReportRatingInput>,
) {
  if (ctx.ip)
    await hit(p.db, [
      {
        key: `duty-rate:${id}:${crypto.createHmac('sha256', p.keys.fields).update(ctx.ip).digest('base64url').slice(0, 24)}`,
        max: 20,
        windowSeconds: 3600,
      },
    ]);
  const r = await loadReport(p.db, id);
  if (r.state === 'draft') throw new AppError('NOT_FOUND');
  if (r.state !== 'published') throw stateError(r.state, { zh: '评议', en: 'rated' });
  const unknown = Object.keys(input.aspects).filter((a) => !r.aspects.includes(a));
  const missing = r.aspects.filter((a) => input.aspects[a] === undefined);
  if (unknown.length || missing.length) {
    throw invalid({
      path: 'body.aspects',
      zh: `请对每个评议项打分：${r.aspects.join('、')}`,
      en: `Rate every aspect: ${r.aspects.join(', ')}`,
    });
  }
  await inTransaction(p.db, async (trx) => {
    await trx
      .insertInto('duty_report_rating')
      .values({
        report_id: id,
        aspects: JSON.stringify(input.aspects),
        overall: input.overall,
        comment: input.comment ?? null,
      })
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.rateReport',
      subjectType: 'dutyReport',
      subjectId: id,
      summary: { after: { overall: input.overall } },
    });
  });
  return { ok: true as const };
}
