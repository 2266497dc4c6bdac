import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  ListReceptionsQuery,
  ReceptionInput,
  ReceptionPatch,
  ReceptionStatus,
  ReceptionSummary,
  ReceptionView,
} from '../../../contracts/receptions.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { levelRank, type RotaDeputy } from './rota.js';

export const statusLabels: Record<ReceptionStatus, { zh: string; en: string }> = {
  planned: { zh: '计划中', en: 'planned' },
  published: { zh: '已发布', en: 'published' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  closed: { zh: '已结束', en: 'closed' },
};

/** Throws RECEPTION_STATE unless the reception is in one of `allowed`. */
export function expectStatus(status: string, allowed: readonly ReceptionStatus[]) {
  if (allowed.includes(status as ReceptionStatus)) return;
  const l = statusLabels[status as ReceptionStatus];
  throw new AppError('RECEPTION_STATE', { vars: { zh: { state: l.zh }, en: { state: l.en } } });
}

/** Receptions with their station and group, every column a view needs (plans list them too). */
export function baseQuery(db: Db | Tx) {
  return (db as Db)
    .selectFrom('reception as r')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .innerJoin('station as s', 's.org_id', 'r.station_id')
    .leftJoin('deputy_group as g', 'g.id', 'r.group_id')
    .select([
      'r.id',
      'r.station_id',
      'o.name as station_name',
      'o.path',
      's.address as station_address',
      'r.plan_id',
      'r.group_id',
      'g.name as group_name',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.mode',
      'r.theme',
      'r.place',
      'r.status',
      'r.notice_days',
      'r.published_at',
      'r.visitors',
      'r.cancel_reason',
      sql<string | null>`to_char(r.previous_day, 'YYYY-MM-DD')`.as('previous_day'),
      'r.reschedule_reason',
      'r.summary',
      'r.closed_at',
    ]);
}
export type ReceptionRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** A reception the actor may read (anything else: not found); with `manage`, one it may change. */
export async function loadReception(db: Db | Tx, actor: Actor, id: number, manage = false) {
  const row = await baseQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.read', { orgPath: row.path });
  if (manage) authorize(actor, 'reception.manage', { orgPath: row.path }, 'reception.read');
  return row;
}

/** The same row, locked for the rest of the transaction (state changes serialise per reception). */
export async function lockReception(trx: Tx, actor: Actor | null, id: number, manage = true) {
  await trx.selectFrom('reception').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!actor) {
    const row = await baseQuery(trx).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }
  return loadReception(trx, actor, id, manage);
}

async function dutyOf(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('reception_duty as rd')
    .innerJoin('deputy as d', 'd.id', 'rd.deputy_id')
    .select([
      'rd.reception_id',
      'rd.deputy_id',
      'd.name',
      'd.is_leading_cadre',
      'rd.signed_in_at',
      'rd.sign_in_method',
      sql<
        string[]
      >`coalesce((SELECT array_agg(l.level ORDER BY l.level) FROM deputy_level l WHERE l.deputy_id = d.id), '{}')`.as(
        'levels',
      ),
    ])
    .where('rd.reception_id', 'in', ids)
    .orderBy('rd.reception_id')
    .orderBy('d.name_sort')
    .execute();
}

/** Summaries of rows, with their duty deputies. */
export async function summarize(db: Db | Tx, rows: ReceptionRow[]): Promise<ReceptionSummary[]> {
  const duty = await dutyOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    stationId: r.station_id,
    stationName: r.station_name,
    planId: r.plan_id,
    groupId: r.group_id,
    groupName: r.group_name,
    day: r.day,
    start: r.start_time,
    end: r.end_time,
    mode: r.mode as ReceptionSummary['mode'],
    theme: r.theme,
    place: r.place,
    status: r.status as ReceptionStatus,
    noticeDays: r.notice_days,
    publishOn: addDays(r.day, -r.notice_days),
    publishedAt: r.published_at?.toISOString() ?? null,
    visitors: r.visitors,
    duty: duty
      .filter((d) => d.reception_id === r.id)
      .map((d) => ({
        deputyId: d.deputy_id,
        name: d.name,
        levels: d.levels,
        isLeadingCadre: d.is_leading_cadre,
        signedInAt: d.signed_in_at?.toISOString() ?? null,
        signInMethod: d.sign_in_method as 'qr' | 'officer' | null,
      })),
  }));
}

/** Receptions in scope between two days, by station, organisation subtree or duty deputy. */
export async function listReceptions(p: Platform, actor: Actor, q: z.infer<typeof ListReceptionsQuery>) {
  authorize(actor, 'reception.read');
  if (q.to > addDays(q.from, 400))
    throw invalid({ path: 'query.to', zh: '时间范围最多一年', en: 'At most a year at a time' });
  let query = baseQuery(p.db)
    .where(inScope(actor, 'reception.read', sql.ref('o.path')))
    .where('r.day', '>=', q.from)
    .where('r.day', '<=', q.to);
  if (q.stationId) query = query.where('r.station_id', '=', q.stationId);
  if (q.orgId) query = query.where(sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${q.orgId})`);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.deputyId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('reception_duty as rd')
          .select('rd.deputy_id')
          .whereRef('rd.reception_id', '=', 'r.id')
          .where('rd.deputy_id', '=', q.deputyId!),
      ),
    );
  const rows = await query.orderBy('r.day').orderBy('r.start_time').orderBy('r.id').limit(1000).execute();
  return { items: await summarize(p.db, rows) };
}

/** One reception with its slots, appointments (masked), consultants, opinions and photos. */
export async function getReception(p: Platform, actor: Actor, id: number): Promise<ReceptionView> {
  const row = await loadReception(p.db, actor, id);
  const [summary] = await summarize(p.db, [row]);
  const [consultants, slots, appointments, entries, photos] = await Promise.all([
    p.db
      .selectFrom('reception_consultant as c')
      .innerJoin('app_user as u', 'u.id', 'c.user_id')
      .select(['u.id', 'u.display_name'])
      .where('c.reception_id', '=', id)
      .orderBy('u.display_name')
      .execute(),
    p.db
      .selectFrom('reception_slot')
      .selectAll()
      .where('reception_id', '=', id)
      .orderBy('start_time')
      .orderBy('id')
      .execute(),
    p.db
      .selectFrom('appointment as a')
      .innerJoin('reception_slot as sl', 'sl.id', 'a.slot_id')
      .select([
        'a.id',
        'a.slot_id',
        'sl.start_time',
        'sl.end_time',
        'a.name_masked',
        'a.phone_masked',
        'a.topic',
        'a.status',
        'a.created_at',
      ])
      .where('a.reception_id', '=', id)
      .orderBy('sl.start_time')
      .orderBy('a.id')
      .execute(),
    p.db
      .selectFrom('reception_entry')
      .select(['result'])
      .where('reception_id', '=', id)
      .where('kind', '=', 'opinion')
      .orderBy('created_at')
      .execute(),
    p.db.selectFrom('reception_photo').select(['id', 'caption']).where('reception_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    ...summary!,
    stationAddress: row.station_address,
    consultants: consultants.map((c) => ({ userId: c.id, displayName: c.display_name })),
    slots: slots.map((s) => ({
      id: s.id,
      start: s.start_time,
      end: s.end_time,
      capacity: s.capacity,
      booked: s.booked,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      slotId: a.slot_id,
      slot: `${a.start_time}–${a.end_time}`,
      name: a.name_masked,
      phone: a.phone_masked,
      topic: a.topic,
      status: a.status as ReceptionView['appointments'][number]['status'],
      createdAt: a.created_at.toISOString(),
    })),
    cancelReason: row.cancel_reason,
    previousDay: row.previous_day,
    rescheduleReason: row.reschedule_reason,
    summary: row.summary,
    closedAt: row.closed_at?.toISOString() ?? null,
    opinions: entries.map((e) => e.result as { id: number; receiptCode: string }),
    photos: photos.map((ph) => ({ id: ph.id, caption: ph.caption, url: `/api/receptions/${id}/photos/${ph.id}` })),
    can: { manage: can(actor, 'reception.manage', { orgPath: row.path }) },
  };
}

/** The station (as an organisation the actor may plan receptions for). */
export async function stationForManage(db: Db | Tx, actor: Actor, stationId: number) {
  const row = await db
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select(['s.org_id as id', 'o.name', 'o.path', 's.reception_schedule', 's.address'])
    .where('s.org_id', '=', stationId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.manage', { orgPath: row.path }, 'reception.read');
  return row;
}

/** The station's serving deputies as the rota sees them. */
export async function rotaDeputies(db: Db | Tx, stationId: number): Promise<RotaDeputy[]> {
  const rows = await db
    .selectFrom('station_member as m')
    .innerJoin('deputy as d', 'd.id', 'm.deputy_id')
    .select([
      'd.id',
      'd.is_leading_cadre',
      sql<string[]>`coalesce((SELECT array_agg(l.level) FROM deputy_level l WHERE l.deputy_id = d.id), '{}')`.as(
        'levels',
      ),
    ])
    .where('m.station_id', '=', stationId)
    .where('d.status', '=', 'serving')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    leadingCadre: r.is_leading_cadre,
    rank: Math.min(9, ...r.levels.map((l) => levelRank[l] ?? 9)),
  }));
}

/** Duty deputies must serve at the station (or in the deputy group of a group activity). */
async function checkDeputies(trx: Tx, stationId: number, groupId: number | null, ids: readonly number[]) {
  if (!ids.length) return;
  const ok = await trx
    .selectFrom('deputy as d')
    .select('d.id')
    .where('d.id', 'in', ids)
    .where('d.status', '=', 'serving')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('station_member as m')
            .select('m.deputy_id')
            .whereRef('m.deputy_id', '=', 'd.id')
            .where('m.station_id', '=', stationId),
        ),
        ...(groupId
          ? [
              eb.exists(
                eb
                  .selectFrom('deputy_group_member as gm')
                  .select('gm.deputy_id')
                  .whereRef('gm.deputy_id', '=', 'd.id')
                  .where('gm.group_id', '=', groupId),
              ),
            ]
          : []),
      ]),
    )
    .execute();
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
  const ok = await trx
    .selectFrom('user_role')
    .select('user_id')
    .where('user_id', 'in', ids)
    .where('role', '=', 'consultant')
    .execute();
  const good = new Set(ok.map((r) => r.user_id));
  const bad = ids.findIndex((id) => !good.has(id));
  if (bad >= 0)
    throw invalid({ path: `body.consultantIds.${bad}`, zh: '须是工作咨询员', en: 'Must be a consultant (工作咨询员)' });
}

async function checkGroup(trx: Tx, actor: Actor, groupId: number | null | undefined) {
  if (!groupId) return;
  const g = await trx
    .selectFrom('deputy_group as g')
    .innerJoin('organization as o', 'o.id', 'g.org_id')
    .select('o.path')
    .where('g.id', '=', groupId)
    .executeTakeFirst();
  if (!g || !can(actor, 'reception.read', { orgPath: g.path }))
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
  const duty = await trx
    .selectFrom('reception_duty as rd')
    .innerJoin('deputy as d', 'd.id', 'rd.deputy_id')
    .leftJoin('app_user as u', (j) => j.onRef('u.id', '=', 'd.user_id').on('u.status', '=', 'active'))
    .select(['d.id', 'd.private_phone_sealed', 'u.id as user_id'])
    .where('rd.reception_id', '=', id)
    .execute();
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
  today = chinaToday(),
) {
  const r = await lockReception(trx, actor, id);
  expectStatus(r.status, ['planned']);
  if (r.day < today) throw new AppError('RECEPTION_PAST', { vars: { zh: { day: r.day }, en: { day: r.day } } });
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
