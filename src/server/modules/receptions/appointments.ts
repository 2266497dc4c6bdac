import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { BookRequest } from '../../../contracts/receptions.js';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { hit } from '../../platform/http/rate-limit.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { readOtpToken } from '../../platform/notify/otp.js';
import { maskName, maskPhone } from '../../platform/text/personal-data.js';
import { publicBase } from './public.js';

/** Appointments (预约) from the public side: booking a slot with a verified phone, cancelling by the link. */

/** Bookings and home-visit requests from one address per hour (a family or an office may share one). */
export const BOOKINGS_PER_HOUR = 30;
export const rateDigest = (p: Platform, what: string) =>
  crypto.createHmac('sha256', p.keys.fields).update(`rate:${what}`).digest('base64url').slice(0, 24);

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export function verifiedPhone(p: Platform, token: string, phone: string) {
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
