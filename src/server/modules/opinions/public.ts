import crypto from 'node:crypto';
import type { z } from 'zod';
import type { FollowRequest, PublicOpinion, PublicRateRequest } from '../../../contracts/opinions.js';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { hit } from '../../platform/http/rate-limit.js';
import { readOtpToken } from '../../platform/notify/otp.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { normalizePhone } from '../../platform/text/personal-data.js';
import { readFollowToken } from './follow-link.js';
import { formatReceiptCode, normaliseReceiptCode } from './receipt.js';
import { fireInTx } from './steps.js';

/** Steps a constituent sees; internal ones (returns, extensions, supervision) stay inside. */
const PUBLIC_ACTIONS = new Set([
  'register',
  'triage',
  'answer',
  'merge',
  'reject',
  'escalate',
  'assign',
  'accept',
  'respond',
  'feedback',
  'rate',
  'reassign',
  'close',
]);

/**
 * The opinion behind a receipt code, if the caller also knows the last four digits of the phone
 * left with it. A wrong code and a wrong phone give the same answer, so neither can be probed.
 * (Exported: the suggestions module lets the same constituent rate the suggestion their opinion led to.)
 */
export async function findByReceipt(p: Platform, ctx: RequestContext, req: z.infer<typeof FollowRequest>) {
  // Receipt codes cannot be guessed, and trying is limited per address too.
  if (ctx.ip)
    await hit(p.db, [
      {
        key: `follow:${crypto.createHmac('sha256', p.keys.fields).update(ctx.ip).digest('base64url').slice(0, 24)}`,
        max: p.config.portal.followPerHour,
        windowSeconds: 3600,
      },
    ]);
  // The link in the constituent's SMS is its own proof.
  if (req.followToken !== undefined) {
    const id = readFollowToken(p, req.followToken);
    if (!id) throw new AppError('FOLLOW_LINK_INVALID');
    return id;
  }
  if (!req.receiptCode) throw invalid({ path: 'body.receiptCode', zh: '请填写受理编号', en: 'Enter the receipt code' });
  const code = normaliseReceiptCode(req.receiptCode);
  const o = code
    ? await p.db
        .selectFrom('opinion')
        .select(['id', 'constituent_phone_sealed'])
        .where('receipt_code', '=', code)
        .executeTakeFirst()
    : undefined;
  let ok = !!o;
  if (o?.constituent_phone_sealed) {
    const phone = p.fields.decrypt(o.constituent_phone_sealed);
    const given = req.phoneLast4 ?? '';
    const proved = req.phoneToken ? readOtpToken(p, req.phoneToken, 'portal') : null;
    ok =
      (given.length === 4 &&
        crypto.timingSafeEqual(Buffer.from(phone.slice(-4).padStart(4, '0')), Buffer.from(given))) ||
      (!!proved && normalizePhone(proved.phone) === phone);
  }
  if (!o || !ok) throw new AppError('NOT_FOUND');
  return o.id;
}

/** What the constituent sees: state, station, content and the public timeline. */
export async function followOpinion(
  p: Platform,
  ctx: RequestContext,
  req: z.infer<typeof FollowRequest>,
): Promise<z.infer<typeof PublicOpinion>> {
  return presentPublic(p, await findByReceipt(p, ctx, req));
}

async function presentPublic(p: Platform, id: number): Promise<z.infer<typeof PublicOpinion>> {
  const o = await p.db
    .selectFrom('opinion as o')
    .innerJoin('organization as org', 'org.id', 'o.org_id')
    .leftJoin('opinion_category as c', 'c.id', 'o.category_id')
    .select([
      'o.receipt_code',
      'o.state',
      'org.name as station_name',
      'c.name as category_name',
      'o.content',
      'o.created_at',
      'o.rating',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
  const events = await p.db
    .selectFrom('opinion_event as e')
    .leftJoin('organization as u', 'u.id', 'e.unit_id')
    .select(['e.action', 'e.at', 'e.public_note', 'u.name as unit_name', 'e.data'])
    .where('e.opinion_id', '=', id)
    .orderBy('e.id')
    .execute();
  return {
    receiptCode: formatReceiptCode(o.receipt_code),
    state: o.state as never,
    stationName: o.station_name,
    categoryName: o.category_name,
    content: o.content,
    createdAt: o.created_at.toISOString(),
    canRate: o.state === 'fedBack',
    rating: o.rating as never,
    timeline: events
      .filter((e) => PUBLIC_ACTIONS.has(e.action))
      .map((e) => ({
        action: e.action,
        at: e.at.toISOString(),
        text: e.action === 'rate' ? String((e.data as { level?: string }).level ?? '') : e.public_note,
        // Units are named; staff are not.
        unitName: ['assign', 'reassign', 'accept', 'respond'].includes(e.action) ? e.unit_name : null,
      })),
  };
}

/** The constituent rates the handling through the receipt link. */
export async function rateByConstituent(p: Platform, ctx: RequestContext, req: z.infer<typeof PublicRateRequest>) {
  const id = await findByReceipt(p, ctx, req);
  await inTransaction(p.db, (trx) =>
    fireInTx(trx, p, id, { action: 'rate', level: req.level, comment: req.comment ?? null }, { kind: 'constituent' }),
  );
  return presentPublic(p, id);
}
