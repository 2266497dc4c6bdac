import { sql } from 'kysely';
import { ReceptionRule } from '../../../contracts/reception-rule.js';
import type { PlanView } from '../../../contracts/receptions.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { occurrences } from '../../platform/calendar/reception-rule.js';
import { calendarCache } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { orgById } from '../org/tree.js';
import { stationForReceptions } from '../stations/members.js';
import { userNames } from '../users/contacts.js';
import { baseQuery, summarize } from './receptions.js';
import { assignRota } from './rota.js';
import { insertParts, rotaDeputies, stationForManage } from './schedule.js';

/** Annual plans (年度活动计划): generated from the station's reception-day rule, approved by the street committee. */

const DEFAULT_TIME = { start: '09:00', end: '11:30' };

/** Appointment slots of an hour each (the last one shorter) over a reception's time; none with capacity 0. */
export function hourlySlots(time: { start: string; end: string }, capacity: number) {
  if (capacity <= 0) return [];
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const toText = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const slots: { start: string; end: string; capacity: number }[] = [];
  for (let m = toMin(time.start); m < toMin(time.end); m += 60)
    slots.push({ start: toText(m), end: toText(Math.min(m + 60, toMin(time.end))), capacity });
  return slots;
}

async function planRow(db: Db | Tx, actor: Actor, stationId: number, year: number) {
  const station = await stationForReceptions(db, stationId);
  if (!station) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.read', { orgPath: station.path });
  const row = await db
    .selectFrom('reception_plan')
    .select(['id', 'status', 'note', 'approved_at', 'approved_by', 'summary', 'summary_at'])
    .where('station_id', '=', stationId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!row) return { station, plan: undefined };
  const [approver] = row.approved_by === null ? [] : await userNames(db, [row.approved_by]);
  return { station, plan: { ...row, approved_by: approver?.display_name ?? null } };
}

/** Every reception of a station in a year, by day: a plan's rows, or those arranged one by one before any plan. */
async function yearReceptions(db: Db | Tx, stationId: number, year: number) {
  const rows = await baseQuery(db)
    .where('r.station_id', '=', stationId)
    .where(sql<boolean>`extract(year FROM r.day) = ${year}`)
    .orderBy('r.day')
    .orderBy('r.start_time')
    .execute();
  return summarize(db, rows);
}

/**
 * A station's plan of a year and, while there is none, the receptions already arranged one by one that year
 * (so "no plan" never reads as "nothing arranged"; generating a plan keeps them and skips their days).
 */
export async function getPlanOrArranged(p: Platform, actor: Actor, stationId: number, year: number) {
  const plan = await getPlan(p, actor, stationId, year);
  return { plan, arranged: plan ? [] : await yearReceptions(p.db, stationId, year) };
}

/** A station's plan of a year with its receptions and how often each deputy is on duty (null when none yet). */
export async function getPlan(p: Platform, actor: Actor, stationId: number, year: number): Promise<PlanView | null> {
  const { station, plan } = await planRow(p.db, actor, stationId, year);
  if (!plan) return null;
  const receptions = await yearReceptions(p.db, stationId, year);
  const counts = new Map<number, { name: string; count: number }>();
  for (const r of receptions.filter((x) => x.status !== 'cancelled'))
    for (const d of r.duty) counts.set(d.deputyId, { name: d.name, count: (counts.get(d.deputyId)?.count ?? 0) + 1 });
  return {
    id: plan.id,
    stationId,
    stationName: station.name,
    year,
    status: plan.status as PlanView['status'],
    note: plan.note,
    approvedAt: plan.approved_at?.toISOString() ?? null,
    approvedBy: plan.approved_by,
    summary: plan.summary,
    summaryAt: plan.summary_at?.toISOString() ?? null,
    receptions,
    dutyCounts: [...counts]
      .map(([deputyId, c]) => ({ deputyId, name: c.name, count: c.count }))
      .sort((a, b) => b.count - a.count || a.deputyId - b.deputyId),
  };
}

/**
 * Generates (or regenerates, while not approved) a station's plan for a year: one regular reception
 * on every day of the station's rule (lunar rules included, holidays as the rule says), with a duty
 * rota that spreads the station's deputies over the year. Receptions of the plan already published,
 * held or cancelled are kept, and their duty counts towards the rota.
 */
export async function generatePlan(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: { stationId: number; year: number; perReception: number; slotCapacity?: number },
) {
  const calendar = await calendarCache(p.db).get();
  const today = chinaToday();
  await inTransaction(p.db, async (trx) => {
    const station = await stationForManage(trx, actor, input.stationId);
    if (input.year < Number(today.slice(0, 4)))
      throw invalid({
        path: 'body.year',
        zh: `${input.year} 年已过去，只能为今年或以后的年份制订计划`,
        en: `${input.year} is over; a plan is made for this year or a later one`,
      });
    if (!station.reception_schedule) throw new AppError('RECEPTION_NO_RULE');
    const rule = ReceptionRule.parse(station.reception_schedule);
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`reception-plan:${station.id}`}))`.execute(trx);
    let plan = await trx
      .selectFrom('reception_plan')
      .select(['id', 'status'])
      .where('station_id', '=', station.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (plan?.status === 'approved') throw new AppError('RECEPTION_PLAN_APPROVED');
    if (!plan)
      plan = await trx
        .insertInto('reception_plan')
        .values({ station_id: station.id, year: input.year })
        .returning(['id', 'status'])
        .executeTakeFirstOrThrow();
    // Regenerating replaces the planned receptions (not yet announced); the rest stay.
    const old = await trx
      .selectFrom('reception')
      .select('id')
      .where('plan_id', '=', plan.id)
      .where('status', '=', 'planned')
      .execute();
    if (old.length) {
      const ids = old.map((o) => o.id);
      await trx.deleteFrom('reception_duty').where('reception_id', 'in', ids).execute();
      await trx.deleteFrom('reception_consultant').where('reception_id', 'in', ids).execute();
      await trx.deleteFrom('reception_slot').where('reception_id', 'in', ids).execute();
      await trx.deleteFrom('reception').where('id', 'in', ids).execute();
    }
    const kept = await trx
      .selectFrom('reception as r')
      .innerJoin('reception_duty as rd', 'rd.reception_id', 'r.id')
      .select(['rd.deputy_id', sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day')])
      .where('r.station_id', '=', station.id)
      .where('r.status', '!=', 'cancelled')
      .where(sql<boolean>`extract(year FROM r.day) = ${input.year}`)
      .execute();
    const taken = new Set(
      (
        await trx
          .selectFrom('reception')
          .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
          .where('station_id', '=', station.id)
          .where('status', '!=', 'cancelled')
          .where(sql<boolean>`extract(year FROM day) = ${input.year}`)
          .execute()
      ).map((r) => r.day),
    );
    const prior = new Map<number, number>();
    for (const k of kept) prior.set(k.deputy_id, (prior.get(k.deputy_id) ?? 0) + 1);
    // A plan looks forward: days of the year already past (a plan made late in the year, or for a
    // year that has begun) are not planned, since a reception that has happened cannot be announced.
    const from = `${input.year}-01-01` > today ? `${input.year}-01-01` : today;
    const days =
      from > `${input.year}-12-31`
        ? []
        : occurrences(rule, from, `${input.year}-12-31`, calendar).filter(
            (d) => d.startsWith(`${input.year}-`) && d >= today && !taken.has(d),
          );
    const deputies = await rotaDeputies(trx, station.id);
    if (deputies.length === 0 && days.length > 0)
      throw invalid({
        path: 'body.stationId',
        zh: '该联络站没有在任代表，无法排班',
        en: 'The station has no serving deputies to put on duty',
      });
    const rota = assignRota(days.length, deputies, input.perReception, prior);
    const time = rule.time ?? DEFAULT_TIME;
    for (const [i, day] of days.entries()) {
      const { id } = await trx
        .insertInto('reception')
        .values({
          station_id: station.id,
          plan_id: plan.id,
          day,
          start_time: time.start,
          end_time: time.end,
          mode: 'regular',
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertParts(trx, id, { deputyIds: rota[i], slots: hourlySlots(time, input.slotCapacity ?? 5) });
    }
    await trx
      .updateTable('reception_plan')
      .set({ status: 'draft', updated_at: new Date() })
      .where('id', '=', plan.id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'receptionPlan.generate',
      subjectType: 'receptionPlan',
      subjectId: plan.id,
      summary: {
        stationId: station.id,
        year: input.year,
        receptions: days.length,
        replaced: old.length,
        perReception: input.perReception,
      },
    });
  });
  return (await getPlan(p, actor, input.stationId, input.year))!;
}

async function loadPlan(trx: Tx, actor: Actor, id: number) {
  const row = await trx
    .selectFrom('reception_plan')
    .select(['id', 'station_id', 'year', 'status', 'note', 'summary'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  const station = row ? await orgById(trx, row.station_id) : undefined;
  if (!row || !station) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.read', { orgPath: station.path });
  return { ...row, path: station.path, name: station.name };
}

/** The station submits its plan; the street committee approves it (审批). Approved plans' receptions are announced by the daily job. */
export async function setPlanStatus(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  to: 'submitted' | 'approved' | 'draft',
) {
  const plan = await inTransaction(p.db, async (trx) => {
    const plan = await loadPlan(trx, actor, id);
    authorize(
      actor,
      to === 'submitted' ? 'reception.manage' : 'reception.approve',
      { orgPath: plan.path },
      'reception.read',
    );
    const from: Record<typeof to, string[]> = {
      submitted: ['draft'],
      approved: ['draft', 'submitted'],
      draft: ['submitted', 'approved'],
    };
    if (!from[to].includes(plan.status))
      throw invalid({
        path: 'body.status',
        zh: `计划当前状态（${plan.status}）不能改为 ${to}`,
        en: `A ${plan.status} plan cannot become ${to}`,
      });
    await trx
      .updateTable('reception_plan')
      .set({
        status: to,
        ...(to === 'approved'
          ? { approved_by: actor.userId, approved_at: new Date() }
          : { approved_by: null, approved_at: null }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: `receptionPlan.${to === 'submitted' ? 'submit' : to === 'approved' ? 'approve' : 'reopen'}`,
      subjectType: 'receptionPlan',
      subjectId: id,
      summary: { before: { status: plan.status }, after: { status: to } },
    });
    return plan;
  });
  return (await getPlan(p, actor, plan.station_id, plan.year))!;
}

/** Saves the plan's note or its year-end summary (年终总结). */
export async function patchPlan(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { note?: string | null; summary?: string | null },
) {
  const plan = await inTransaction(p.db, async (trx) => {
    const plan = await loadPlan(trx, actor, id);
    authorize(actor, 'reception.manage', { orgPath: plan.path }, 'reception.read');
    await trx
      .updateTable('reception_plan')
      .set({
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.summary !== undefined ? { summary: input.summary, summary_at: new Date() } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'receptionPlan.update',
      subjectType: 'receptionPlan',
      subjectId: id,
      summary: { before: { note: plan.note, summary: plan.summary }, after: input },
    });
    return plan;
  });
  return (await getPlan(p, actor, plan.station_id, plan.year))!;
}

const modeZh: Record<string, string> = {
  regular: '定期接待',
  themed: '主题接待',
  appointment: '预约接待',
  mobile: '流动接待',
  homeVisit: '上门接待',
  online: '网上接待',
};

/** A draft of the year-end summary from what happened: receptions held, visitors, deputies, opinions, appointments. */
export async function draftSummary(p: Platform, actor: Actor, id: number): Promise<{ summary: string }> {
  const plan = await inTransaction(p.db, (trx) => loadPlan(trx, actor, id));
  const view = (await getPlan(p, actor, plan.station_id, plan.year))!;
  const held = view.receptions.filter((r) => r.status === 'closed');
  const cancelled = view.receptions.filter((r) => r.status === 'cancelled').length;
  const planned = view.receptions.filter((r) => r.status !== 'cancelled').length;
  const visitors = held.reduce((n, r) => n + r.visitors, 0);
  const attended = new Map<number, string>();
  for (const r of held) for (const d of r.duty) if (d.signedInAt) attended.set(d.deputyId, d.name);
  const ids = held.map((r) => r.id);
  const [opinions, appts] = ids.length
    ? await Promise.all([
        p.db
          .selectFrom('reception_entry')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('reception_id', 'in', ids)
          .where('kind', '=', 'opinion')
          .executeTakeFirstOrThrow(),
        p.db
          .selectFrom('appointment')
          .select([
            sql<number>`count(*) FILTER (WHERE status = 'attended')::int`.as('attended'),
            sql<number>`count(*) FILTER (WHERE status IN ('attended','noShow'))::int`.as('booked'),
          ])
          .where('reception_id', 'in', ids)
          .executeTakeFirstOrThrow(),
      ])
    : [{ n: 0 }, { attended: 0, booked: 0 }];
  const byMode = new Map<string, number>();
  for (const r of held) byMode.set(r.mode, (byMode.get(r.mode) ?? 0) + 1);
  const modes = [...byMode].map(([m, n]) => `${modeZh[m] ?? m} ${n} 次`).join('、') || '无';
  const summary = [
    `${view.stationName} ${plan.year} 年度工作总结（草稿）`,
    `一、接待活动：年度计划安排 ${planned} 次，已开展 ${held.length} 次（${modes}），取消 ${cancelled} 次。`,
    `二、代表参与：${attended.size} 名代表到站接待选民${attended.size ? `（${[...attended.values()].join('、')}）` : ''}。`,
    `三、接待群众 ${visitors} 人次，其中预约 ${appts.booked} 人、按约到场 ${appts.attended} 人；现场登记意见建议 ${opinions.n} 件，已纳入闭环办理。`,
    '四、存在的问题和下一步打算：（请补充）',
  ].join('\n');
  return { summary };
}
