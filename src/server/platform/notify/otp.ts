import crypto from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../audit/audit.js';
import { chinaToday } from '../calendar/dates.js';
import type { Platform } from '../context.js';
import { safeEqual, seal, unseal } from '../crypto/keys.js';
import { AppError } from '../errors/errors.js';
import { enqueue } from './outbox.js';

/** The message type of a one-time code: the only message with a secret variable (`code`), wiped once sent. */
export const OTP_TYPE = 'otp.code';

/** One-time codes for the public portal: 6 digits, valid 5 minutes, resend after 60 s, 5 tries. */
export const OTP = { digits: 6, validSeconds: 300, resendSeconds: 60, maxTries: 5, tokenSeconds: 1800 } as const;

export type OtpPurpose = 'portal';

const otpKeys = new WeakMap<Buffer, { mac: Buffer; token: Buffer }>();

/** Keys of their own for code digests and proof tokens, derived from the field key. */
function keysOf(p: Pick<Platform, 'keys'>) {
  let k = otpKeys.get(p.keys.fields);
  if (!k) {
    const derive = (info: string) =>
      Buffer.from(crypto.hkdfSync('sha256', p.keys.fields, Buffer.alloc(0), `liaison/otp-${info}`, 32));
    k = { mac: derive('mac'), token: derive('token') };
    otpKeys.set(p.keys.fields, k);
  }
  return k;
}

const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest('base64url');

/** Midnight of today in Beijing time (China keeps UTC+8 all year). */
function beijingDayStart(now: Date): Date {
  return new Date(`${chinaToday(now)}T00:00:00+08:00`);
}

/**
 * Sends a one-time code to a phone (through the outbox, urgent: quiet hours do not hold it). Only
 * a keyed digest of the code is stored; the code itself travels sealed in the outbox and is wiped
 * once sent. Refuses a second code within 60 s, and more codes a day than the per-phone and
 * per-address caps allow. Never says whether the phone is known to the platform.
 */
export async function sendOtp(
  p: Platform,
  ctx: RequestContext,
  input: { phone: string; purpose: OtpPurpose },
  now = new Date(),
): Promise<{ sent: true; resendAfterSeconds: number; expiresInSeconds: number }> {
  const k = keysOf(p);
  const phoneDigest = hmac(k.mac, `phone:${input.phone}`);
  const ipDigest = ctx.ip ? hmac(k.mac, `ip:${ctx.ip}`) : null;
  const caps = p.config.notify.otp;
  await inTransaction(p.db, async (trx) => {
    // One sender at a time per phone and per address, so that the counts below cannot race.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`otp:${phoneDigest}`}))`.execute(trx);
    if (ipDigest) await sql`SELECT pg_advisory_xact_lock(hashtext(${`otp:${ipDigest}`}))`.execute(trx);
    const last = await trx
      .selectFrom('otp_code')
      .select('created_at')
      .where('phone_digest', '=', phoneDigest)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last) {
      const wait = OTP.resendSeconds - Math.floor((now.getTime() - last.created_at.getTime()) / 1000);
      if (wait > 0) throw new AppError('OTP_TOO_SOON', { retryAfterSeconds: wait });
    }
    const since = beijingDayStart(now);
    const count = async (column: 'phone_digest' | 'ip_digest', digest: string) =>
      (
        await trx
          .selectFrom('otp_code')
          .select(sql<number>`count(*)::int`.as('n'))
          .where(column, '=', digest)
          .where('created_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n;
    if ((await count('phone_digest', phoneDigest)) >= caps.dailyPerPhone) throw new AppError('OTP_DAILY_LIMIT');
    if (ipDigest && (await count('ip_digest', ipDigest)) >= caps.dailyPerIp) throw new AppError('OTP_DAILY_LIMIT');

    // A new code replaces any earlier one of the same purpose.
    await trx
      .updateTable('otp_code')
      .set({ consumed_at: now })
      .where('phone_digest', '=', phoneDigest)
      .where('purpose', '=', input.purpose)
      .where('consumed_at', 'is', null)
      .execute();
    const code = String(crypto.randomInt(0, 10 ** OTP.digits)).padStart(OTP.digits, '0');
    const { id } = await trx
      .insertInto('otp_code')
      .values({
        purpose: input.purpose,
        phone_digest: phoneDigest,
        ip_digest: ipDigest,
        code_mac: hmac(k.mac, `code:${input.purpose}:${phoneDigest}:${code}`),
        created_at: now,
        expires_at: new Date(now.getTime() + OTP.validSeconds * 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(trx, {
      type: OTP_TYPE,
      to: { phoneSealed: p.fields.encrypt(input.phone) },
      vars: { code: p.fields.encrypt(code), minutes: OTP.validSeconds / 60 },
      urgent: true,
    });
    await p.audit.record(trx, ctx, {
      action: 'otp.send',
      subjectType: 'otp',
      subjectId: id,
      summary: { purpose: input.purpose },
    });
  });
  return { sent: true, resendAfterSeconds: OTP.resendSeconds, expiresInSeconds: OTP.validSeconds };
}

/**
 * Checks a code against the phone's latest one. A wrong code uses up one of its 5 tries (the try
 * is kept even though the request fails); the right one is consumed and proves the phone with a
 * sealed token (30 minutes) for the request that needs it.
 */
export async function verifyOtp(
  p: Platform,
  ctx: RequestContext,
  input: { phone: string; purpose: OtpPurpose; code: string },
  now = new Date(),
): Promise<{ verified: true; token: string }> {
  const k = keysOf(p);
  const phoneDigest = hmac(k.mac, `phone:${input.phone}`);
  const ok = await inTransaction(p.db, async (trx) => {
    const row = await trx
      .selectFrom('otp_code')
      .select(['id', 'code_mac', 'attempts'])
      .where('phone_digest', '=', phoneDigest)
      .where('purpose', '=', input.purpose)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    let good = false;
    if (row && row.attempts < OTP.maxTries) {
      good = safeEqual(row.code_mac, hmac(k.mac, `code:${input.purpose}:${phoneDigest}:${input.code}`));
      await trx
        .updateTable('otp_code')
        .set(good ? { consumed_at: now, attempts: row.attempts + 1 } : { attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'otp.verify',
      subjectType: 'otp',
      subjectId: row?.id,
      summary: { purpose: input.purpose, ok: good },
    });
    return good;
  });
  if (!ok) throw new AppError('OTP_INVALID');
  const token = seal(
    k.token,
    JSON.stringify({ phone: input.phone, purpose: input.purpose, exp: now.getTime() + OTP.tokenSeconds * 1000 }),
  );
  return { verified: true, token };
}

/** The phone a verification token proves, or null when it is forged, for another purpose or expired. */
export function readOtpToken(
  p: Pick<Platform, 'keys'>,
  token: string,
  purpose: OtpPurpose,
  now = new Date(),
): { phone: string } | null {
  try {
    const t = JSON.parse(unseal(keysOf(p).token, token)) as { phone: string; purpose: string; exp: number };
    return t.purpose === purpose && t.exp > now.getTime() ? { phone: t.phone } : null;
  } catch {
    return null;
  }
}

/** Codes older than two days count towards no cap any more: removed. */
export async function purgeOtp(p: Platform) {
  await p.db
    .deleteFrom('otp_code')
    .where('created_at', '<', sql<Date>`now() - interval '2 days'`)
    .execute();
}
