import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { TableOpinionRequest } from '../../../contracts/receptions.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileStore } from '../../platform/files/store.js';
import { registerOpinion } from '../opinions/registration.js';
import { deputyNames } from '../deputies/names.js';
import { expectStatus, getReception, loadReception, lockReception } from './receptions.js';

/** At the table (接待台): sign-in, visitors, opinions, the record, closing. */

const qrKeys = new WeakMap<Buffer, Buffer>();
function qrKey(p: Platform) {
  let k = qrKeys.get(p.keys.fields);
  if (!k) {
    k = Buffer.from(crypto.hkdfSync('sha256', p.keys.fields, Buffer.alloc(0), 'liaison/reception-qr', 32));
    qrKeys.set(p.keys.fields, k);
  }
  return k;
}
const qrMac = (p: Platform, receptionId: number, deputyId: number) =>
  crypto.createHmac('sha256', qrKey(p)).update(`${receptionId}:${deputyId}`).digest('base64url').slice(0, 22);

/** The sign-in code of each duty deputy (shown as a QR code on the deputy's notice; scanned at the table). */
export async function qrCodes(p: Platform, actor: Actor, id: number) {
  await loadReception(p.db, actor, id, true);
  const onDuty = await p.db.selectFrom('reception_duty').select('deputy_id').where('reception_id', '=', id).execute();
  const duty = await deputyNames(
    p.db,
    onDuty.map((d) => d.deputy_id),
  );
  return {
    items: duty.map((d) => ({ deputyId: d.id, name: d.name, qrToken: `LSQR.${id}.${d.id}.${qrMac(p, id, d.id)}` })),
  };
}

function deputyOfQr(p: Platform, id: number, token: string): number {
  const m = /^LSQR\.(\d+)\.(\d+)\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
  if (!m || Number(m[1]) !== id) throw new AppError('RECEPTION_QR_INVALID');
  const deputyId = Number(m[2]);
  const want = Buffer.from(qrMac(p, id, deputyId));
  if (!crypto.timingSafeEqual(want, Buffer.from(m[3]!))) throw new AppError('RECEPTION_QR_INVALID');
  return deputyId;
}

/** Claims an entry's idempotency key; false when it was used before (the entry is then not applied again). */
async function claim(
  trx: Tx,
  actor: Actor,
  id: number,
  key: string,
  kind: 'signIn' | 'visitors' | 'opinion',
  result = {},
) {
  const row = await trx
    .insertInto('reception_entry')
    .values({ idempotency_key: key, reception_id: id, kind, created_by: actor.userId, result: JSON.stringify(result) })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('reception_id')
    .executeTakeFirst();
  if (row) return true;
  const first = await trx
    .selectFrom('reception_entry')
    .select(['reception_id', 'kind'])
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  if (first.reception_id !== id || first.kind !== kind)
    throw invalid({ path: 'body.idempotencyKey', zh: '该键已用于其他登记', en: 'This key was used for another entry' });
  return false;
}

/** Signs a duty deputy in (by the officer, or by scanning the deputy's code); the time is kept. */
export async function signIn(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { deputyId?: number; qrToken?: string; idempotencyKey: string; at?: string },
) {
  await inTransaction(p.db, async (trx) => {
    const r = await lockReception(trx, actor, id);
    if (!(await claim(trx, actor, id, input.idempotencyKey, 'signIn'))) return;
    expectStatus(r.status, ['published']);
    const method = input.qrToken ? 'qr' : 'officer';
    const deputyId = input.qrToken ? deputyOfQr(p, id, input.qrToken) : input.deputyId!;
    const at = input.at ? new Date(input.at) : new Date();
    if (at.getTime() > Date.now() + 5 * 60_000)
      throw invalid({ path: 'body.at', zh: '签到时间不能晚于现在', en: 'The sign-in time cannot be in the future' });
    const updated = await trx
      .updateTable('reception_duty')
      .set({
        signed_in_at: sql<Date>`coalesce(signed_in_at, ${at})`,
        sign_in_method: sql<string>`coalesce(sign_in_method, ${method})`,
        signed_in_by: actor.userId,
      })
      .where('reception_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .returning('deputy_id')
      .executeTakeFirst();
    if (!updated) {
      if (input.qrToken) throw new AppError('RECEPTION_QR_INVALID');
      throw invalid({ path: 'body.deputyId', zh: '不是本次接待的值班代表', en: 'Not a duty deputy of this reception' });
    }
    await p.audit.record(trx, ctx, {
      action: 'reception.signIn',
      subjectType: 'reception',
      subjectId: id,
      summary: { deputyId, method, at: at.toISOString() },
    });
  });
  return getReception(p, actor, id);
}

/** Counts visitors in (or corrects the count down). */
export async function countVisitors(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { delta: number; idempotencyKey: string },
) {
  await inTransaction(p.db, async (trx) => {
    const r = await lockReception(trx, actor, id);
    if (!(await claim(trx, actor, id, input.idempotencyKey, 'visitors'))) return;
    expectStatus(r.status, ['published']);
    const visitors = Math.max(0, r.visitors + input.delta);
    await trx.updateTable('reception').set({ visitors, updated_at: new Date() }).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, {
      action: 'reception.visitors',
      subjectType: 'reception',
      subjectId: id,
      summary: { before: { visitors: r.visitors }, after: { visitors } },
    });
  });
  return getReception(p, actor, id);
}

/**
 * Registers an opinion raised at the reception into the closed loop (channel reception, this
 * reception, its deputies). The opinion service keeps the idempotency key: a retry returns the first
 * opinion; the reception remembers the receipt code once.
 */
export async function tableOpinion(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof TableOpinionRequest>,
) {
  const r = await loadReception(p.db, actor, id, true);
  const known = await p.db
    .selectFrom('reception_entry')
    .select('result')
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (known) return known.result as { id: number; receiptCode: string };
  expectStatus(r.status, ['published']);
  const signed = await p.db
    .selectFrom('reception_duty')
    .select('deputy_id')
    .where('reception_id', '=', id)
    .where('signed_in_at', 'is not', null)
    .execute();
  const result = await registerOpinion(p, ctx, actor, {
    orgId: r.station_id,
    channel: 'reception',
    receptionId: id,
    content: input.content,
    deputyIds: input.deputyIds ?? signed.map((s) => s.deputy_id),
    constituent: {
      anonymous: input.constituent.anonymous,
      name: input.constituent.name ?? null,
      phone: input.constituent.phone ?? null,
    },
    idempotencyKey: input.idempotencyKey,
  });
  const out = { id: result.id, receiptCode: result.receiptCode };
  await inTransaction(p.db, (trx) => claim(trx, actor, id, input.idempotencyKey, 'opinion', out));
  return out;
}

/** Saves the record (记录): summary and the visitor count. */
export async function saveRecord(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { summary?: string | null; visitors?: number },
) {
  await inTransaction(p.db, async (trx) => {
    const r = await lockReception(trx, actor, id);
    expectStatus(r.status, ['published', 'closed']);
    await trx
      .updateTable('reception')
      .set({
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.visitors !== undefined ? { visitors: input.visitors } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'reception.record',
      subjectType: 'reception',
      subjectId: id,
      summary: { before: { summary: r.summary, visitors: r.visitors }, after: input },
    });
  });
  return getReception(p, actor, id);
}

/** Closes the reception: the record needs a summary and a deputy signed in; appointments not marked count as no-shows. */
export async function closeReception(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const r = await lockReception(trx, actor, id);
    expectStatus(r.status, ['published']);
    if (!r.summary?.trim())
      throw invalid({ path: 'body.summary', zh: '结束前须填写接待记录', en: 'Write the record before closing' });
    const signed = await trx
      .selectFrom('reception_duty')
      .select('deputy_id')
      .where('reception_id', '=', id)
      .where('signed_in_at', 'is not', null)
      .execute();
    if (!signed.length) throw invalid({ path: 'body.deputyIds', zh: '尚无代表签到', en: 'No deputy has signed in' });
    const noShows = await trx
      .updateTable('appointment')
      .set({ status: 'noShow', marked_at: new Date(), marked_by: actor.userId })
      .where('reception_id', '=', id)
      .where('status', '=', 'booked')
      .returning('id')
      .execute();
    await trx
      .updateTable('reception')
      .set({ status: 'closed', closed_at: new Date(), closed_by: actor.userId, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'reception.close',
      subjectType: 'reception',
      subjectId: id,
      summary: { attended: signed.map((s) => s.deputy_id), visitors: r.visitors, noShows: noShows.length },
    });
  });
  return getReception(p, actor, id);
}

/** Marks an appointment as attended or no-show (or back to booked). */
export async function markAppointment(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  appointmentId: number,
  status: 'attended' | 'noShow' | 'booked',
) {
  await inTransaction(p.db, async (trx) => {
    const r = await lockReception(trx, actor, id);
    expectStatus(r.status, ['published', 'closed']);
    const before = await trx
      .selectFrom('appointment')
      .select('status')
      .where('id', '=', appointmentId)
      .where('reception_id', '=', id)
      .executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND');
    if (before.status === 'cancelled')
      throw invalid({ path: 'body.status', zh: '预约已取消', en: 'The appointment was cancelled' });
    await trx
      .updateTable('appointment')
      .set({ status, marked_at: new Date(), marked_by: actor.userId })
      .where('id', '=', appointmentId)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'appointment.mark',
      subjectType: 'appointment',
      subjectId: appointmentId,
      summary: { before: { status: before.status }, after: { status } },
    });
  });
  return getReception(p, actor, id);
}

/** Adds a photo to the record (checked by content, EXIF stripped). */
export async function addReceptionPhoto(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  caption: string | null,
) {
  const r = await loadReception(p.db, actor, id, true);
  expectStatus(r.status, ['published', 'closed']);
  const photo = await cleanPhoto(bytes);
  await inTransaction(p.db, async (trx) => {
    const fileId = await fileStore(p).save(trx, photo, actor.userId);
    const { id: photoId } = await trx
      .insertInto('reception_photo')
      .values({ reception_id: id, file_id: fileId, caption })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'reception.addPhoto',
      subjectType: 'reception',
      subjectId: id,
      summary: { after: { photoId, fileId, caption } },
    });
  });
  return getReception(p, actor, id);
}

export async function receptionPhoto(p: Platform, actor: Actor, id: number, photoId: number) {
  await loadReception(p.db, actor, id);
  const row = await p.db
    .selectFrom('reception_photo')
    .select('file_id')
    .where('id', '=', photoId)
    .where('reception_id', '=', id)
    .executeTakeFirst();
  const file = row ? await fileStore(p).read(p, row.file_id) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** A booking's name and phone in full, for calling the constituent (audited: who saw whose contact). */
export async function revealAppointment(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  appointmentId: number,
) {
  await loadReception(p.db, actor, id, true);
  return inTransaction(p.db, async (trx) => {
    const a = await trx
      .selectFrom('appointment')
      .select(['name_sealed', 'phone_sealed'])
      .where('id', '=', appointmentId)
      .where('reception_id', '=', id)
      .executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, {
      action: 'appointment.revealContact',
      subjectType: 'appointment',
      subjectId: appointmentId,
      summary: { receptionId: id },
    });
    return { name: p.fields.decrypt(a.name_sealed), phone: p.fields.decrypt(a.phone_sealed) };
  });
}
