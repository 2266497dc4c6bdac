import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { overallRatings } from '../../../contracts/duty.js';
import {
  type ReceptionRatingFigures,
  type ReceptionRatingInput,
  type ReceptionRatingsView,
} from '../../../contracts/duty.js';
import { inTransaction } from '../../db/database.js';
import { can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { purposeMac, safeEqual } from '../../platform/crypto/keys.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { hit } from '../../platform/http/rate-limit.js';
import { enqueue } from '../../platform/notify/outbox.js';
import {
  receptionForRating,
  receptionOfAppointment,
  receptionsForRating,
  visitorsOfClosedReceptions,
} from '../receptions/rating-source.js';

/**
 * 接待满意度: visitors rate the reception itself, on the spot (a QR code the station shows, `r…`
 * token) or through the SMS sent after a reception they booked (`a…` token, one per appointment).
 * One rating per visitor (a later one replaces theirs); the station's figures count them.
 */

/** Ratings are taken from the reception's day until this many days after it. */
export const RATING_DAYS = 14;
/** The SMS goes to visitors of receptions closed within this many days (the job runs hourly). */
const INVITE_DAYS = 3;

const mac = (p: Platform, kind: 'r' | 'a', id: number) =>
  purposeMac(p.keys, 'reception-rating', `${kind}:${id}`).toString('base64url').slice(0, 16);
export const ratingToken = (p: Platform, kind: 'r' | 'a', id: number) =>
  `${kind}${id.toString(36)}.${mac(p, kind, id)}`;
const ratingUrl = (p: Platform, token: string) => `${p.config.publicUrl}/rate?t=${token}`;

/** The reception (and appointment) a token stands for; 404 when it is not one of ours. */
async function readToken(p: Platform, token: string) {
  const m = /^([ra])([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})$/.exec(token);
  const kind = m?.[1] as 'r' | 'a' | undefined;
  const id = m ? parseInt(m[2]!, 36) : 0;
  if (!m || !kind || !Number.isSafeInteger(id) || id <= 0 || !safeEqual(m[3]!, mac(p, kind, id)))
    throw new AppError('NOT_FOUND');
  let receptionId = id;
  if (kind === 'a') {
    const a = await receptionOfAppointment(p.db, id);
    if (!a || a.status === 'cancelled') throw new AppError('NOT_FOUND');
    receptionId = a.reception_id;
  }
  const r = await receptionForRating(p.db, receptionId);
  if (!r) throw new AppError('NOT_FOUND');
  return { kind, id, r };
}

const isOpen = (r: { status: string; day: string }) => {
  const today = chinaToday();
  return (r.status === 'published' || r.status === 'closed') && r.day <= today && today <= addDays(r.day, RATING_DAYS);
};

/** What the rating page shows of the reception (public). */
export async function ratingInfo(p: Platform, token: string) {
  const { r } = await readToken(p, token);
  return {
    stationName: r.station_name,
    day: r.day,
    start: r.start_time,
    end: r.end_time,
    theme: r.theme,
    open: isOpen(r),
  };
}

/** A visitor rates the reception (public); their second rating replaces the first. */
export async function rateReception(p: Platform, ctx: RequestContext, input: z.infer<typeof ReceptionRatingInput>) {
  if (ctx.ip)
    await hit(p.db, [
      {
        key: `reception-rate:${crypto.createHmac('sha256', p.keys.fields).update(ctx.ip).digest('base64url').slice(0, 24)}`,
        max: 30,
        windowSeconds: 3600,
      },
    ]);
  const { kind, id, r } = await readToken(p, input.token);
  if (!isOpen(r)) throw new AppError('DUTY_RATING_CLOSED');
  let raterKey: string;
  if (kind === 'a') raterKey = `a:${id}`;
  else if (input.nonce)
    raterKey = `n:${purposeMac(p.keys, 'reception-rating-device', input.nonce).toString('base64url').slice(0, 24)}`;
  else
    throw invalid({
      path: 'body.nonce',
      zh: '请在手机浏览器中打开评价页',
      en: "Open the rating page in your phone's browser",
    });
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_reception_rating')
      .values({
        reception_id: r.id,
        station_id: r.station_id,
        station_path: r.station_path,
        day: r.day,
        rater_key: raterKey,
        channel: kind === 'a' ? 'sms' : 'spot',
        overall: input.overall,
        comment: input.comment || null,
      })
      .onConflict((oc) =>
        oc.columns(['reception_id', 'rater_key']).doUpdateSet({
          overall: input.overall,
          comment: input.comment || null,
          updated_at: new Date(),
        }),
      )
      .returning(['id', sql<boolean>`(xmax <> 0)`.as('replaced')])
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'duty.rateReception',
      subjectType: 'reception',
      subjectId: r.id,
      summary: { after: { overall: input.overall, channel: kind === 'a' ? 'sms' : 'spot' }, replaced: row.replaced },
    });
    return { ok: true as const, replaced: row.replaced };
  });
}

/** The link (for a QR code) the station shows visitors on the spot; the station's officers and those above. */
export async function ratingLink(p: Platform, ctx: RequestContext, actor: Actor, receptionId: number) {
  const r = await receptionForRating(p.db, receptionId);
  if (!r || !can(actor, 'duty.read', { orgPath: r.station_path })) throw new AppError('NOT_FOUND');
  if (!can(actor, 'duty.check', { orgPath: r.station_path })) throw new AppError('FORBIDDEN');
  if (!isOpen(r)) throw new AppError('DUTY_RATING_CLOSED');
  const token = ratingToken(p, 'r', r.id);
  await inTransaction(p.db, (trx) =>
    p.audit.record(trx, ctx, {
      action: 'duty.receptionRatingLink',
      subjectType: 'reception',
      subjectId: r.id,
      summary: {},
    }),
  );
  return { token, url: ratingUrl(p, token) };
}

export type Counts = Record<(typeof overallRatings)[number], number>;
/** The figures of ratings counted by level; null when there are none. */
export function figures(c: Counts): ReceptionRatingFigures;
export function figures(c: Counts, noneAsNull: true): ReceptionRatingFigures | null;
export function figures(c: Counts, noneAsNull = false): ReceptionRatingFigures | null {
  const ratings = c.satisfied + c.basicallySatisfied + c.dissatisfied;
  if (noneAsNull && !ratings) return null;
  return {
    ratings,
    ...c,
    satisfiedShare: ratings ? Math.round(((ratings - c.dissatisfied) / ratings) * 1000) / 1000 : 0,
  };
}

/** The figures of a year: per station in scope and per reception (with its latest comments). */
export async function ratingFigures(
  p: Platform,
  actor: Actor,
  year = yearOf(chinaToday()),
  stationId?: number,
): Promise<ReceptionRatingsView> {
  const [rows, allReceptions] = await Promise.all([
    p.db
      .selectFrom('duty_reception_rating')
      .select([
        'reception_id',
        'station_id',
        'overall',
        sql<number>`count(*)::int`.as('n'),
        sql<string[]>`(array_agg(comment ORDER BY updated_at DESC) FILTER (WHERE comment IS NOT NULL))[1:5]`.as(
          'comments',
        ),
      ])
      .where('day', '>=', sql<string>`${`${year}-01-01`}::date`)
      .where('day', '<=', sql<string>`${`${year}-12-31`}::date`)
      .where(inScope(actor, 'duty.read', sql.ref('station_path')))
      .$if(stationId !== undefined, (qb) => qb.where('station_id', '=', stationId!))
      .groupBy(['reception_id', 'station_id', 'overall'])
      .execute(),
    receptionsForRating(p.db, actor, 'duty.read', year, chinaToday()),
  ]);
  const receptions = stationId === undefined ? allReceptions : allReceptions.filter((r) => r.station_id === stationId);
  const zero = (): Counts => ({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 });
  const byReception = new Map<number, { c: Counts; comments: string[] }>();
  const byStation = new Map<number, Counts>();
  for (const row of rows) {
    const k = row.overall as keyof Counts;
    const rc = byReception.get(row.reception_id) ?? { c: zero(), comments: [] };
    rc.c[k] += row.n;
    rc.comments.push(...(row.comments ?? []));
    byReception.set(row.reception_id, rc);
    const sc = byStation.get(row.station_id) ?? zero();
    sc[k] += row.n;
    byStation.set(row.station_id, sc);
  }
  const stationNames = new Map(receptions.map((r) => [r.station_id, r.station_name]));
  return {
    stations: [...new Set([...receptions.map((r) => r.station_id), ...byStation.keys()])]
      .map((id) => ({
        stationId: id,
        stationName: stationNames.get(id) ?? '',
        ...figures(byStation.get(id) ?? zero()),
      }))
      .sort((a, b) => b.ratings - a.ratings || a.stationName.localeCompare(b.stationName, 'zh')),
    receptions: receptions.map((r) => ({
      receptionId: r.id,
      stationId: r.station_id,
      stationName: r.station_name,
      day: r.day,
      start: r.start_time,
      theme: r.theme,
      status: r.status,
      comments: (byReception.get(r.id)?.comments ?? []).slice(0, 5),
      ...figures(byReception.get(r.id)?.c ?? zero()),
    })),
  };
}

/**
 * The job: each visitor who booked a reception closed in the last days gets one SMS with their own
 * rating link (once per appointment, recorded in duty_reception_rating_invite).
 */
export async function sendRatingInvites(p: Platform) {
  const today = chinaToday();
  const visitors = await visitorsOfClosedReceptions(p.db, addDays(today, -INVITE_DAYS), today);
  if (!visitors.length) return 0;
  const done = new Set(
    (
      await p.db
        .selectFrom('duty_reception_rating_invite')
        .select('appointment_id')
        .where(
          'appointment_id',
          'in',
          visitors.map((v) => v.appointment_id),
        )
        .execute()
    ).map((r) => r.appointment_id),
  );
  let sent = 0;
  for (const v of visitors) {
    if (done.has(v.appointment_id)) continue;
    await inTransaction(p.db, async (trx) => {
      const claimed = await trx
        .insertInto('duty_reception_rating_invite')
        .values({ appointment_id: v.appointment_id, reception_id: v.reception_id })
        .onConflict((oc) => oc.column('appointment_id').doNothing())
        .returning('appointment_id')
        .executeTakeFirst();
      if (!claimed) return;
      await enqueue(trx, {
        type: 'duty.receptionRating',
        to: { phoneSealed: v.phone_sealed },
        vars: {
          stationName: v.station_name,
          date: v.day,
          rateUrl: ratingUrl(p, ratingToken(p, 'a', v.appointment_id)),
        },
        dedupeKey: `reception-rating:${v.appointment_id}`,
        scopeOrgId: v.station_id,
      });
      sent++;
    });
  }
  return sent;
}
