import type { Platform } from '../../src/server/platform/context.js';
import { sendOtp, verifyOtp } from '../../src/server/platform/notify/otp.js';

/** The variables of the last message of a type in the outbox (what the SMS would carry). */
export async function lastMessageVars<T>(p: Platform, type: string): Promise<T> {
  const msg = await p.db
    .selectFrom('notify_message')
    .select('vars')
    .where('type', '=', type)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return msg.vars as T;
}

/** The last one-time code sent, as the SMS would carry it (sealed in the outbox). */
export async function lastOtpCode(p: Platform): Promise<string> {
  return p.fields.decrypt(String((await lastMessageVars<{ code: string }>(p, 'otp.code')).code));
}

/** A verified-phone token as the portal gets it: send a code, read it from the outbox, verify. */
export async function otpToken(p: Platform, phone: string): Promise<string> {
  const ctx = { actor: null, requestId: 'test', ip: null, userAgent: null };
  await sendOtp(p, ctx, { phone, purpose: 'portal' });
  return (await verifyOtp(p, ctx, { phone, purpose: 'portal', code: await lastOtpCode(p) })).token;
}
