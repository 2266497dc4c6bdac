import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { AcceptHomeVisit, BookRequest, HomeVisitRequest, PublicReception } from '../../../contracts/receptions.js';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { hit } from '../../platform/http/rate-limit.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { readOtpToken } from '../../platform/notify/otp.js';
import { maskName, maskPhone } from '../../platform/text/personal-data.js';
import { createReception, publishInTx } from './service.js';

/** The public side of receptions: published receptions, free slots, booking, cancelling, home-visit requests. */

function publicBase(db: Db | Tx) {
  return (db as Db)
    .selectFrom('reception as r')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .innerJoin('station as s', 's.org_id', 'r.station_id')
    .select([
      'r.id',
      'r.station_id',
      'o.name as station_name',
      's.address',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.mode',
      'r.theme',
      'r.place',
    ])
    .where('r.status', '=', 'published')
    .where('o.active', '=', true)
    .where('r.mode', '!=', 'homeVisit'); // a home visit is at someone's door: not announced
}

async function present(
  p: Platform,
  rows: Awaited<ReturnType<ReturnType<typeof publicBase>['execute']>>,
): Promise<PublicReception[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [duty, slots] = await Promise.all([
    p.db
      .selectFrom('reception_duty as rd')
      .innerJoin('deputy as d', 'd.id', 'rd.deputy_id')
      .select(['rd.reception_id', 'd.name'])
      .where('rd.reception_id', 'in', ids)
      .orderBy('d.name_sort')
      .execute(),
    p.db
      .selectFrom('reception_slot')
      .selectAll()
      .where('reception_id', 'in', ids)
      .orderBy('start_time')
      .orderBy('id')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    stationId: r.station_id,
    stationName: r.station_name,
    day: r.day,
    start: r.start_time,
    end: r.end_time,
    mode: r.mode as PublicReception['mode'],
    theme: r.theme,
    place: r.place ?? r.address,
    deputies: duty.filter((d) => d.reception_id === r.id).map((d) => d.name),
    slots: slots
      .filter((s) => s.reception_id === r.id)
      .map((s) => ({ id: s.id, start: s.start_time, end: s.end_time, free: s.capacity - s.booked })),
  }));
}

/** A station's published receptions from today on (the notice: date, time, place, deputies). */
export async function publicReceptions(p: Platform, stationId: number, today = chinaToday()) {
  const rows = await publicBase(p.db)
    .where('r.station_id', '=', stationId)
    .where('r.day', '>=', today)
    .orderBy('r.day')
    .orderBy('r.start_time')
    .limit(50)
    .execute();
  return { items: await present(p, rows) };
}

/** One published reception with its free slots. */
export async function publicReception(p: Platform, id: number, today = chinaToday()) {
  const rows = await publicBase(p.db).where('r.id', '=', id).where('r.day', '>=', today).execute();
  const [item] = await present(p, rows);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}

/** Bookings and home-visit requests from one address per hour (a family or an office may share one). */
export const BOOKINGS_PER_HOUR = 30;
const rateDigest = (p: Platform, what: string) =>
  crypto.createHmac('sha256', p.keys.fields).update(`rate:${what}`).digest('base64url').slice(0, 24);

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

function verifiedPhone(p: Platform, token: string, phone: string) {
  const proof = readOtpToken(p, token, 'portal');
  if (!proof || proof.phone !== phone) throw new AppError('RECEPTION_PHONE_UNVERIFIED');
}

/**
 * Books a slot for a constituent whose phone was verified by a one-time code. The slot's count is
 * raised by one conditional UPDATE (`booked < capacity`): concurrent bookings of the last place
 * queue on the row, and all but one find it full. Name and phone are stored encrypted.
 */
export async function book(
  p: Platform,
  ctx: RequestContext,
  id: number,
  input: z.infer<typeof BookRequest>,
  today = chinaToday(),
) {
  if (ctx.ip)
    await hit(p.db, [{ key: `book:h:${rateDigest(p, ctx.ip)}`, max: BOOKINGS_PER_HOUR, windowSeconds: 3600 }]);
  verifiedPhone(p, input.otpToken, input.phone);
  const token = crypto.randomBytes(24).toString('base64url');
  return inTransaction(p.db, async (trx) => {
    const r = await publicBase(trx).where('r.id', '=', id).where('r.day', '>=', today).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    const slot = await trx
      .updateTable('reception_slot')
      .set({ booked: sql<number>`booked + 1` })
      .where('id', '=', input.slotId)
      .where('reception_id', '=', id)
      .where(sql<boolean>`booked < capacity`)
      .returning(['id', 'start_time', 'end_time'])
      .executeTakeFirst();
    if (!slot) {
      const exists = await trx
        .selectFrom('reception_slot')
        .select('id')
        .where('id', '=', input.slotId)
        .where('reception_id', '=', id)
        .executeTakeFirst();
      if (!exists) throw invalid({ path: 'body.slotId', zh: '没有这个时段', en: 'No such slot' });
      throw new AppError('RECEPTION_SLOT_FULL');
    }
    const phoneDigest = p.fields.blindIndex(input.phone);
    const held = await trx
      .selectFrom('appointment')
      .select('id')
      .where('reception_id', '=', id)
      .where('phone_digest', '=', phoneDigest)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (held) throw new AppError('RECEPTION_ALREADY_BOOKED');
    const { id: appointmentId } = await trx
      .insertInto('appointment')
      .values({
        reception_id: id,
        slot_id: slot.id,
        name_sealed: p.fields.encrypt(input.name),
        name_masked: maskName(input.name),
        phone_sealed: p.fields.encrypt(input.phone),
        phone_masked: maskPhone(input.phone),
        phone_digest: phoneDigest,
        topic: input.topic,
        cancel_digest: digest(token),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(trx, {
      type: 'appointment.confirmed',
      to: { phoneSealed: p.fields.encrypt(input.phone) },
      vars: {
        stationName: r.station_name,
        date: r.day,
        time: `${slot.start_time}–${slot.end_time}`,
        cancelUrl: `${p.config.publicUrl}/appointments/cancel?t=${token}`,
      },
      urgent: true,
      scopeOrgId: r.station_id,
    });
    await p.audit.record(trx, ctx, {
      action: 'appointment.book',
      subjectType: 'appointment',
      subjectId: appointmentId,
      summary: { receptionId: id, slotId: slot.id },
    });
    return { booked: true as const, day: r.day, start: slot.start_time, end: slot.end_time, cancelToken: token };
  });
}

/** Cancels a booking by the token of its link; the place is freed. */
export async function cancelBooking(p: Platform, ctx: RequestContext, token: string) {
  await inTransaction(p.db, async (trx) => {
    const a = await trx
      .selectFrom('appointment as a')
      .innerJoin('reception as r', 'r.id', 'a.reception_id')
      .select(['a.id', 'a.status', 'a.slot_id', 'r.status as reception_status'])
      .where('a.cancel_digest', '=', digest(token))
      .forUpdate()
      .executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND');
    if (a.status === 'cancelled') return; // twice is the same as once
    if (a.status !== 'booked' || a.reception_status !== 'published')
      throw new AppError('RECEPTION_STATE', { vars: { zh: { state: '已结束' }, en: { state: 'over' } } });
    await trx
      .updateTable('appointment')
      .set({ status: 'cancelled', cancelled_at: new Date() })
      .where('id', '=', a.id)
      .execute();
    await trx
      .updateTable('reception_slot')
      .set({ booked: sql<number>`booked - 1` })
      .where('id', '=', a.slot_id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'appointment.cancel',
      subjectType: 'appointment',
      subjectId: a.id,
      summary: { by: 'constituent' },
    });
  });
  return { ok: true as const };
}

/** A constituent asks for a home visit (上门接待); the station accepts and schedules it, or declines. */
export async function requestHomeVisit(
  p: Platform,
  ctx: RequestContext,
  stationId: number,
  input: z.infer<typeof HomeVisitRequest>,
) {
  if (ctx.ip)
    await hit(p.db, [{ key: `visit:h:${rateDigest(p, ctx.ip)}`, max: BOOKINGS_PER_HOUR, windowSeconds: 3600 }]);
  verifiedPhone(p, input.otpToken, input.phone);
  await inTransaction(p.db, async (trx) => {
    const st = await trx
      .selectFrom('station as s')
      .innerJoin('organization as o', 'o.id', 's.org_id')
      .select('s.org_id')
      .where('s.org_id', '=', stationId)
      .where('o.active', '=', true)
      .executeTakeFirst();
    if (!st) throw new AppError('NOT_FOUND');
    const { id } = await trx
      .insertInto('home_visit_request')
      .values({
        station_id: stationId,
        name_sealed: p.fields.encrypt(input.name),
        name_masked: maskName(input.name),
        phone_sealed: p.fields.encrypt(input.phone),
        phone_masked: maskPhone(input.phone),
        phone_digest: p.fields.blindIndex(input.phone),
        address_sealed: p.fields.encrypt(input.address),
        topic: input.topic,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'homeVisit.request',
      subjectType: 'homeVisit',
      subjectId: id,
      summary: { stationId },
    });
  });
  return { ok: true as const };
}

async function stationPath(p: Platform, actor: Actor, stationId: number, manage: boolean) {
  const st = await p.db.selectFrom('organization').select('path').where('id', '=', stationId).executeTakeFirst();
  if (!st) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.read', { orgPath: st.path });
  if (manage) authorize(actor, 'reception.manage', { orgPath: st.path }, 'reception.read');
  return st.path;
}

/** A station's home-visit requests, newest first (names and phones masked). */
export async function listHomeVisits(p: Platform, actor: Actor, stationId: number) {
  await stationPath(p, actor, stationId, false);
  const rows = await p.db
    .selectFrom('home_visit_request')
    .select(['id', 'station_id', 'name_masked', 'phone_masked', 'topic', 'status', 'reception_id', 'created_at'])
    .where('station_id', '=', stationId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      stationId: r.station_id,
      name: r.name_masked,
      phone: r.phone_masked,
      topic: r.topic,
      status: r.status as 'requested' | 'accepted' | 'declined',
      receptionId: r.reception_id,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

/** Accepts a home-visit request: schedules a published home-visit reception at the constituent's address and tells them. */
export async function acceptHomeVisit(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  stationId: number,
  requestId: number,
  input: z.infer<typeof AcceptHomeVisit>,
) {
  await stationPath(p, actor, stationId, true);
  const req = await p.db
    .selectFrom('home_visit_request')
    .selectAll()
    .where('id', '=', requestId)
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  if (!req) throw new AppError('NOT_FOUND');
  if (req.status !== 'requested')
    throw invalid({ path: 'params.requestId', zh: '该申请已处理', en: 'This request was already decided' });
  const reception = await createReception(p, ctx, actor, {
    stationId,
    day: input.day,
    start: input.start,
    end: input.end,
    mode: 'homeVisit',
    place: p.fields.decrypt(req.address_sealed),
    theme: req.topic.slice(0, 200),
    deputyIds: input.deputyIds,
  });
  await inTransaction(p.db, async (trx) => {
    const done = await trx
      .updateTable('home_visit_request')
      .set({ status: 'accepted', reception_id: reception.id, decided_by: actor.userId, decided_at: new Date() })
      .where('id', '=', requestId)
      .where('status', '=', 'requested')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw invalid({ path: 'params.requestId', zh: '该申请已处理', en: 'This request was already decided' });
    await publishInTx(p, trx, ctx, actor, reception.id);
    await enqueue(trx, {
      type: 'homeVisit.accepted',
      to: { phoneSealed: req.phone_sealed },
      vars: { stationName: reception.stationName, date: `${input.day} ${input.start}` },
      scopeOrgId: stationId,
    });
    await p.audit.record(trx, ctx, {
      action: 'homeVisit.accept',
      subjectType: 'homeVisit',
      subjectId: requestId,
      summary: { receptionId: reception.id },
    });
  });
  return listHomeVisits(p, actor, stationId);
}

/** Declines a home-visit request with a reason (kept; the station calls the constituent back). */
export async function declineHomeVisit(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  stationId: number,
  requestId: number,
  reason: string,
) {
  await stationPath(p, actor, stationId, true);
  await inTransaction(p.db, async (trx) => {
    const done = await trx
      .updateTable('home_visit_request')
      .set({ status: 'declined', decline_reason: reason, decided_by: actor.userId, decided_at: new Date() })
      .where('id', '=', requestId)
      .where('station_id', '=', stationId)
      .where('status', '=', 'requested')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'homeVisit.decline',
      subjectType: 'homeVisit',
      subjectId: requestId,
      summary: { reason },
    });
  });
  return listHomeVisits(p, actor, stationId);
}
