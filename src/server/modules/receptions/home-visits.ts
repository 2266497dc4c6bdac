import type { z } from 'zod';
import type { AcceptHomeVisit, HomeVisitRequest } from '../../../contracts/receptions.js';
import { inTransaction } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { hit } from '../../platform/http/rate-limit.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { maskName, maskPhone } from '../../platform/text/personal-data.js';
import { orgById } from '../org/tree.js';
import { stationForReceptions } from '../stations/members.js';
import { BOOKINGS_PER_HOUR, rateDigest, verifiedPhone } from './appointments.js';
import { createReception, publishInTx } from './schedule.js';

/** Home visits (上门接待): a constituent asks; the station accepts and schedules it, or declines. */

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
    const st = await stationForReceptions(trx, stationId);
    if (!st?.active) throw new AppError('NOT_FOUND');
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
  const st = await orgById(p.db, stationId);
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
