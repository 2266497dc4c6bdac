import { receptionHappened, type ReceptionInput, type ReceptionPatch } from '../../../contracts/receptions.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { deputyAccounts, deputyNames, groupMemberIds, groupsByIds } from '../deputies/names.js';
import { orgById } from '../org/tree.js';
import { memberIds, stationForReceptions } from '../stations/members.js';
import { activeUserIds, holdersOfRole } from '../users/contacts.js';
import { expectStatus, getReception, lockReception } from './receptions.js';
import { levelRank, type RotaDeputy } from './rota.js';

/** Scheduling receptions: schedule, change and reschedule, publish the notice, cancel; the duty deputies are told. */

/** The station (as an organisation the actor may plan receptions for). */
export async function stationForManage(db: Db | Tx, actor: Actor, stationId: number) {
  const row = await stationForReceptions(db, stationId);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.manage', { orgPath: row.path }, 'reception.read');
  return row;
}

const serving = async (db: Db | Tx, ids: readonly number[]) =>
  (await deputyNames(db, ids)).filter((d) => d.status === 'serving').sort((a, b) => a.id - b.id);

/** The station's serving deputies as the rota sees them. */
export async function rotaDeputies(db: Db | Tx, stationId: number): Promise<RotaDeputy[]> {
  const rows = await serving(db, await memberIds(db, stationId));
  return rows.map((r) => ({
    id: r.id,
    leadingCadre: r.is_leading_cadre,
    rank: Math.min(9, ...r.levels.map((l) => levelRank[l] ?? 9)),
  }));
}

/** Duty deputies must serve at the station (or in the deputy group of a group activity). */
async function checkDeputies(trx: Tx, stationId: number, groupId: number | null, ids: readonly number[]) {
  if (!ids.length) return;
  const [members, groupMembers] = await Promise.all([
    memberIds(trx, stationId),
    groupId ? groupMemberIds(trx, groupId) : [],
  ]);
  const eligible = new Set([...members, ...groupMembers]);
  const ok = await serving(
    trx,
    ids.filter((id) => eligible.has(id)),
  );
  const good = new Set(ok.map((r) => r.id));
  const bad = ids.findIndex((id) => !good.has(id));
  if (bad >= 0)
    throw invalid({
      path: `body.deputyIds.${bad}`,
      zh: '值班代表须是该联络站（或该代表小组）的在任代表',
      en: 'Duty deputies must be serving members of the station (or of the group)',
    });
}

async function checkConsultants(trx: Tx, ids: readonly number[]) {
  if (!ids.length) return;
  const good = await holdersOfRole(trx, ids, 'consultant');
  const bad = ids.findIndex((id) => !good.has(id));
  if (bad >= 0)
    throw invalid({ path: `body.consultantIds.${bad}`, zh: '须是工作咨询员', en: 'Must be a consultant (工作咨询员)' });
}

async function checkGroup(trx: Tx, actor: Actor, groupId: number | null | undefined) {
  if (!groupId) return;
  const [g] = await groupsByIds(trx, [groupId]);
  const org = g ? await orgById(trx, g.org_id) : undefined;
  if (!org || !can(actor, 'reception.read', { orgPath: org.path }))
    throw invalid({ path: 'body.groupId', zh: '代表小组不存在', en: 'No such deputy group' });
}

/** Writes duty deputies, consultants and slots of a new reception. */
export async function insertParts(
  trx: Tx,
  id: number,
  parts: {
    deputyIds?: readonly number[];
    consultantIds?: readonly number[];
    slots?: readonly { start: string; end: string; capacity: number }[];
  },
) {
  if (parts.deputyIds?.length)
    await trx
      .insertInto('reception_duty')
      .values([...new Set(parts.deputyIds)].map((deputy_id) => ({ reception_id: id, deputy_id })))
      .execute();
  if (parts.consultantIds?.length)
    await trx
      .insertInto('reception_consultant')
      .values([...new Set(parts.consultantIds)].map((user_id) => ({ reception_id: id, user_id })))
      .execute();
  if (parts.slots?.length)
    await trx
      .insertInto('reception_slot')
      .values(
        parts.slots.map((s) => ({ reception_id: id, start_time: s.start, end_time: s.end, capacity: s.capacity })),
      )
      .execute();
}

function checkSlots(slots: readonly { start: string; end: string }[] | undefined, start: string, end: string) {
  const bad = (slots ?? []).findIndex((s) => s.start < start || s.end > end);
  if (bad >= 0)
    throw invalid({
      path: `body.slots.${bad}`,
      zh: '预约时段须在接待时间之内',
      en: 'Appointment slots must lie within the reception time',
    });
}

/** Schedules a reception at a station (one-off, or added to a plan). */
export async function createReception(p: Platform, ctx: RequestContext, actor: Actor, input: ReceptionInput) {
  const id = await inTransaction(p.db, async (trx) => {
    const station = await stationForManage(trx, actor, input.stationId);
    await checkGroup(trx, actor, input.groupId);
    if (input.planId) {
      const plan = await trx
        .selectFrom('reception_plan')
        .select(['station_id', 'year'])
        .where('id', '=', input.planId)
        .executeTakeFirst();
      if (!plan || plan.station_id !== station.id || plan.year !== Number(input.day.slice(0, 4)))
        throw invalid({
          path: 'body.planId',
          zh: '须是本站该年度的计划',
          en: "Must be the station's plan of that year",
        });
    }
    if ((input.mode === 'mobile' || input.mode === 'homeVisit') && !input.place)
      throw invalid({
        path: 'body.place',
        zh: '流动接待和上门接待须填写地点',
        en: 'Mobile receptions and home visits need an address',
      });
    checkSlots(input.slots, input.start, input.end);
    await checkDeputies(trx, station.id, input.groupId ?? null, input.deputyIds ?? []);
    await checkConsultants(trx, input.consultantIds ?? []);
    const { id } = await trx
      .insertInto('reception')
      .values({
        station_id: station.id,
        plan_id: input.planId ?? null,
        group_id: input.groupId ?? null,
        day: input.day,
        start_time: input.start,
        end_time: input.end,
        mode: input.mode,
        theme: input.theme ?? null,
        place: input.place ?? null,
        notice_days: input.noticeDays ?? 3,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertParts(trx, id, input);
    await p.audit.record(trx, ctx, {
      action: 'reception.create',
      subjectType: 'reception',
      subjectId: id,
      summary: { after: { ...input } },
    });
    return id;
  });
  return getReception(p, actor, id);
}

async function constituentsOf(trx: Tx, id: number) {
  return trx
    .selectFrom('appointment')
    .select(['id', 'phone_sealed'])
    .where('reception_id', '=', id)
    .where('status', '=', 'booked')
    .execute();
}

/** Changes a reception; moving the day or time needs a reason, and those who booked are told. */
export async function updateReception(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: ReceptionPatch,
) {
  await inTransaction(p.db, async (trx) => {
    const before = await lockReception(trx, actor, id);
    expectStatus(before.status, ['planned', 'published']);
    const day = input.day ?? before.day;
    const start = input.start ?? before.start_time;
    const end = input.end ?? before.end_time;
    if (start >= end)
      throw invalid({
        path: 'body.end',
        zh: '结束时间应晚于开始时间',
        en: 'The end time must be after the start time',
      });
    const moved = day !== before.day || start !== before.start_time || end !== before.end_time;
    if (moved && before.status === 'published' && !input.reason)
      throw invalid({
        path: 'body.reason',
        zh: '已发布的接待改期须说明原因',
        en: 'Moving a published reception needs a reason',
      });
    if (input.groupId !== undefined) await checkGroup(trx, actor, input.groupId);
    const groupId = input.groupId === undefined ? before.group_id : input.groupId;
    if (input.deputyIds) await checkDeputies(trx, before.station_id, groupId, input.deputyIds);
    if (input.consultantIds) await checkConsultants(trx, input.consultantIds);
    if (input.slots) {
      checkSlots(input.slots, start, end);
      const booked = await trx
        .selectFrom('reception_slot')
        .select('id')
        .where('reception_id', '=', id)
        .where('booked', '>', 0)
        .execute();
      if (booked.length)
        throw invalid({
          path: 'body.slots',
          zh: '已有群众预约，不能重排时段',
          en: 'Slots cannot be replaced once booked',
        });
    } else if (moved) {
      checkSlots(
        await trx
          .selectFrom('reception_slot')
          .select(['start_time as start', 'end_time as end'])
          .where('reception_id', '=', id)
          .execute(),
        start,
        end,
      );
    }
    const mode = input.mode ?? before.mode;
    const place = input.place === undefined ? before.place : input.place;
    if ((mode === 'mobile' || mode === 'homeVisit') && !place)
      throw invalid({
        path: 'body.place',
        zh: '流动接待和上门接待须填写地点',
        en: 'Mobile receptions and home visits need an address',
      });
    await trx
      .updateTable('reception')
      .set({
        day,
        start_time: start,
        end_time: end,
        mode,
        place,
        group_id: groupId,
        ...(input.theme !== undefined ? { theme: input.theme } : {}),
        ...(input.noticeDays !== undefined ? { notice_days: input.noticeDays } : {}),
        ...(moved ? { previous_day: before.day, reschedule_reason: input.reason ?? null, reminded_at: null } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (input.deputyIds) {
      await trx.deleteFrom('reception_duty').where('reception_id', '=', id).execute();
      await insertParts(trx, id, { deputyIds: input.deputyIds });
    }
    if (input.consultantIds) {
      await trx.deleteFrom('reception_consultant').where('reception_id', '=', id).execute();
      await insertParts(trx, id, { consultantIds: input.consultantIds });
    }
    if (input.slots) {
      await trx.deleteFrom('reception_slot').where('reception_id', '=', id).execute();
      await insertParts(trx, id, { slots: input.slots });
    }
    if (moved && before.status === 'published') {
      for (const a of await constituentsOf(trx, id))
        await enqueue(trx, {
          type: 'appointment.rescheduled',
          to: { phoneSealed: a.phone_sealed },
          vars: {
            stationName: before.station_name,
            date: before.day,
            newDate: `${day} ${start}`,
            reason: input.reason!,
          },
          scopeOrgId: before.station_id,
          dedupeKey: `appointment.rescheduled:${a.id}:${day}:${start}`,
        });
      await notifyDuty(p, trx, id, before.station_name, before.station_id, `${day} ${start}`, 'moved');
    }
    await p.audit.record(trx, ctx, {
      action: moved ? 'reception.reschedule' : 'reception.update',
      subjectType: 'reception',
      subjectId: id,
      summary: {
        before: {
          day: before.day,
          start: before.start_time,
          end: before.end_time,
          mode: before.mode,
          place: before.place,
          theme: before.theme,
        },
        after: { ...input },
      },
    });
  });
  return getReception(p, actor, id);
}

/**
 * Tells the duty deputies about their duty (SMS to their phone; in-app, and by their preferences,
 * to the account they sign in with, when linked) and the station's staff (in-app).
 */
export async function notifyDuty(
  p: Platform,
  trx: Tx,
  id: number,
  stationName: string,
  stationId: number,
  when: string,
  why: string,
) {
  const onDuty = await trx.selectFrom('reception_duty').select('deputy_id').where('reception_id', '=', id).execute();
  const accounts = await deputyAccounts(
    trx,
    onDuty.map((d) => d.deputy_id),
  );
  const active = await activeUserIds(
    trx,
    accounts.flatMap((d) => (d.user_id === null ? [] : [d.user_id])),
  );
  const duty = accounts.map((d) => ({
    id: d.id,
    private_phone_sealed: d.private_phone_sealed,
    user_id: d.user_id !== null && active.has(d.user_id) ? d.user_id : null,
  }));
  for (const d of duty) {
    if (d.private_phone_sealed)
      await enqueue(trx, {
        type: 'reception.duty',
        to: { phoneSealed: d.private_phone_sealed },
        vars: { stationName, date: when },
        scopeOrgId: stationId,
        dedupeKey: `reception.duty:${id}:${d.id}:${why}:${when}`,
      });
    if (d.user_id !== null)
      await enqueue(trx, {
        type: 'reception.duty',
        to: { userId: d.user_id },
        vars: { stationName, date: when },
        scopeOrgId: stationId,
        dedupeKey: `reception.duty:${id}:${d.id}:user:${why}:${when}`,
      });
  }
  await enqueue(trx, {
    type: 'reception.duty',
    to: { orgId: stationId },
    vars: { stationName, date: when },
    dedupeKey: `reception.duty:${id}:station:${why}:${when}`,
  });
}

/** Publishes the notice (公告): the reception shows on the portal and the duty deputies are told. */
export async function publishReception(p: Platform, ctx: RequestContext, actor: Actor | null, id: number) {
  await inTransaction(p.db, async (trx) => publishInTx(p, trx, ctx, actor, id));
  return actor ? getReception(p, actor, id) : null;
}

export async function publishInTx(
  p: Platform,
  trx: Tx,
  ctx: RequestContext,
  actor: Actor | null,
  id: number,
  now = new Date(),
) {
  const r = await lockReception(trx, actor, id);
  expectStatus(r.status, ['planned']);
  if (receptionHappened(r.day, r.end_time, now)) {
    const vars = { day: r.day, end: r.end_time.slice(0, 5) };
    throw new AppError('RECEPTION_PAST', { vars: { zh: vars, en: vars } });
  }
  const duty = await trx.selectFrom('reception_duty').select('deputy_id').where('reception_id', '=', id).execute();
  if (!duty.length)
    throw invalid({
      path: 'body.deputyIds',
      zh: '发布前须安排值班代表',
      en: 'Name the duty deputies before publishing',
    });
  await trx
    .updateTable('reception')
    .set({ status: 'published', published_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await notifyDuty(p, trx, id, r.station_name, r.station_id, `${r.day} ${r.start_time}`, 'published');
  await p.audit.record(trx, ctx, {
    action: 'reception.publish',
    subjectType: 'reception',
    subjectId: id,
    summary: { day: r.day },
  });
}

/** Cancels a reception with a reason; constituents who booked are told. */
export async function cancelReception(p: Platform, ctx: RequestContext, actor: Actor, id: number, reason: string) {
  await inTransaction(p.db, async (trx) => {
    const r = await lockReception(trx, actor, id);
    expectStatus(r.status, ['planned', 'published']);
    await trx
      .updateTable('reception')
      .set({ status: 'cancelled', cancel_reason: reason, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const booked = await constituentsOf(trx, id);
    for (const a of booked)
      await enqueue(trx, {
        type: 'appointment.cancelled',
        to: { phoneSealed: a.phone_sealed },
        vars: { stationName: r.station_name, date: `${r.day} ${r.start_time}`, reason },
        scopeOrgId: r.station_id,
        dedupeKey: `appointment.cancelled:${a.id}`,
      });
    await trx
      .updateTable('appointment')
      .set({ status: 'cancelled', cancelled_at: new Date() })
      .where('reception_id', '=', id)
      .where('status', '=', 'booked')
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'reception.cancel',
      subjectType: 'reception',
      subjectId: id,
      summary: { before: { status: r.status }, after: { status: 'cancelled' }, reason, told: booked.length },
    });
  });
  return getReception(p, actor, id);
}
