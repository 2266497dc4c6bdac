import { sql } from 'kysely';
import type { z } from 'zod';
import type { EventInput, EventKind, EventSignInInput, EventsQuery, EventView } from '../../../contracts/duty.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { can, inScope, isWithin, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { purposeMac, safeEqual } from '../../platform/crypto/keys.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { canOnDeputy } from './policy.js';
import { deputyScope, ownDeputyId, requireOwnDeputy, type DeputyScope, deputyNameMap } from './load.js';
import { recordActivity } from './record-activity.js';
import { tellDeputies } from './event-notices.js';

/**
 * Planned activities other than receptions (视察、调研、执法检查、培训、情况通报会…): planned by a
 * committee or station with the deputies invited, or open for sign-up; at the place the organiser
 * shows a code (a signed QR token and a 6-digit short code, both expiring) and each deputy signs in
 * once on their phone. The sign-in credits the activity in the record (`event:<id>`, once).
 */

/** Wrong short codes a deputy may type for one activity before the code is refused to them. */
export const MAX_CODE_TRIES = 5;

const mac = (p: Platform, eventId: number, exp: number) => purposeMac(p.keys, 'duty-event-code', `${eventId}:${exp}`);
const qrToken = (p: Platform, eventId: number, exp: number) =>
  `LSDE.${eventId}.${exp}.${mac(p, eventId, exp).toString('base64url').slice(0, 22)}`;
const shortCode = (p: Platform, eventId: number, exp: number) =>
  String(mac(p, eventId, exp).readUInt32BE(0) % 1_000_000).padStart(6, '0');

type EventRow = Awaited<ReturnType<typeof loadEvent>>;

export async function loadEvent(db: Db | Tx, id: number, lock = false) {
  let q = db
    .selectFrom('duty_event')
    .selectAll()
    .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day_text'))
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A deputy's row on an activity's list (invited, signed up, signed in), locked; undefined when none. */
export function lockEnrolment(trx: Tx, eventId: number, deputyId: number) {
  return trx
    .selectFrom('duty_event_deputy')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('deputy_id', '=', deputyId)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the deputy lies within the organiser's area (registered there or serving a station there). */
export const withinOrganiser = (e: { org_path: string }, d: DeputyScope) =>
  isWithin(d.org_path, e.org_path) || d.stationPaths.some((s) => isWithin(s, e.org_path));

/** Plans an activity with the deputies invited (each in the organiser's scope). */
export async function createEvent(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof EventInput>) {
  const org = await p.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw invalid({ path: 'body.orgId', zh: '组织单位不存在', en: 'No such organising body' });
  if (!can(actor, 'duty.check', { orgPath: org.path })) throw new AppError('FORBIDDEN');
  const invited = await invitable(p, actor, input.deputyIds, 'body.deputyIds');
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_event')
      .values({
        org_id: org.id,
        org_path: org.path,
        kind: input.kind,
        title: input.title,
        place: input.place || null,
        day: input.day,
        starts_at: input.startsAt,
        hours: String(input.hours),
        signup: input.signup,
        capacity: input.capacity ?? null,
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (invited.length)
      await trx
        .insertInto('duty_event_deputy')
        .values(invited.map((d) => ({ event_id: row.id, deputy_id: d.id, enrolled_at: new Date() })))
        .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.planEvent',
      subjectType: 'dutyEvent',
      subjectId: row.id,
      summary: { after: { ...input, deputyIds: invited.map((d) => d.id) } },
    });
    await tellDeputies(trx, 'duty.eventInvited', invited, {
      ...input,
      id: row.id,
      day_text: input.day,
      starts_at: input.startsAt,
      org_id: org.id,
    });
    return { id: row.id };
  });
}

/** The deputies to invite, each existing and in the actor's scope (else a 400 naming `path`). */
export async function invitable(p: Platform, actor: Actor, ids: readonly number[], path: string) {
  const invited = await deputiesForRecord(p.db, ids);
  if (invited.length !== new Set(ids).size)
    throw invalid({ path, zh: '名单中有不存在的代表', en: 'Some deputies do not exist' });
  for (const d of invited) {
    const scope = await deputyScope(p.db, d.id);
    if (!canOnDeputy(actor, 'duty.read', scope.org_path, scope.stationPaths))
      throw invalid({ path, zh: `${d.name}不在您的工作范围内`, en: `${d.name} is outside your scope` });
  }
  return invited;
}

/**
 * Activities of a year: staff see those organised in their scope; a deputy sees those they are
 * invited to and those open for sign-up in their area.
 */
export async function listEvents(p: Platform, actor: Actor, q: z.infer<typeof EventsQuery>): Promise<EventView[]> {
  const year = q.year ?? yearOf(chinaToday());
  const own = await ownDeputyId(p.db, actor);
  const me = own === null ? null : await deputyScope(p.db, own);
  const myPaths = me ? [me.org_path, ...me.stationPaths] : [];
  const rows = await p.db
    .selectFrom('duty_event as e')
    .innerJoin('organization as o', 'o.id', 'e.org_id')
    .selectAll('e')
    .select([
      'o.name as org_name',
      sql<string>`to_char(e.day, 'YYYY-MM-DD')`.as('day_text'),
      sql<number>`(SELECT count(*) FROM duty_event_deputy x WHERE x.event_id = e.id AND x.enrolled_at IS NOT NULL)::int`.as(
        'enrolled',
      ),
      sql<number>`(SELECT count(*) FROM duty_event_deputy x WHERE x.event_id = e.id AND x.signed_in_at IS NOT NULL)::int`.as(
        'signed_in',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM duty_event_deputy x WHERE x.event_id = e.id AND x.deputy_id = ${own ?? 0}
        AND x.enrolled_at IS NOT NULL)`.as('mine_enrolled'),
      sql<Date | null>`(SELECT x.signed_in_at FROM duty_event_deputy x WHERE x.event_id = e.id AND x.deputy_id = ${own ?? 0})`.as(
        'mine_signed_in',
      ),
    ])
    .where('e.day', '>=', sql<string>`${`${year}-01-01`}::date`)
    .where('e.day', '<=', sql<string>`${`${year}-12-31`}::date`)
    .$if(q.kind !== undefined, (qb) => qb.where('e.kind', '=', q.kind!))
    .where((eb) =>
      eb.or([
        inScope(actor, 'duty.read', sql.ref('e.org_path')),
        sql<boolean>`EXISTS (SELECT 1 FROM duty_event_deputy x WHERE x.event_id = e.id AND x.deputy_id = ${own ?? 0}
          AND (x.enrolled_at IS NOT NULL OR x.signed_in_at IS NOT NULL))`,
        myPaths.length
          ? sql<boolean>`(e.signup AND e.org_path @> ANY (ARRAY[${sql.join(myPaths)}]::ltree[]))`
          : sql<boolean>`false`,
      ]),
    )
    .orderBy('e.day')
    .orderBy('e.starts_at')
    .orderBy('e.id')
    .limit(1000)
    .execute();
  const today = chinaToday();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind as z.infer<typeof EventKind>,
    title: r.title,
    place: r.place,
    day: r.day_text,
    startsAt: r.starts_at,
    hours: Number(r.hours),
    signup: r.signup,
    capacity: r.capacity,
    note: r.note,
    state: r.state as 'planned' | 'cancelled',
    cancelReason: r.cancel_reason,
    enrolled: r.enrolled,
    signedIn: r.signed_in,
    mine: me
      ? {
          enrolled: r.mine_enrolled,
          signedInAt: r.mine_signed_in?.toISOString() ?? null,
          canSignUp:
            r.signup &&
            r.state === 'planned' &&
            !r.mine_enrolled &&
            r.day_text >= today &&
            (r.capacity === null || r.enrolled < r.capacity) &&
            withinOrganiser(r, me),
        }
      : null,
    canManage: can(actor, 'duty.check', { orgPath: r.org_path }),
  }));
}

/** Who is invited or signed up, and who signed in (staff with the organiser's scope). */
export async function eventRoster(p: Platform, actor: Actor, id: number) {
  const e = await loadEvent(p.db, id);
  if (!can(actor, 'duty.read', { orgPath: e.org_path })) throw new AppError('NOT_FOUND');
  const rows = await p.db
    .selectFrom('duty_event_deputy')
    .selectAll()
    .where('event_id', '=', id)
    .where((eb) => eb.or([eb('enrolled_at', 'is not', null), eb('signed_in_at', 'is not', null)]))
    .execute();
  const names = await deputyNameMap(
    p.db,
    rows.map((r) => r.deputy_id),
  );
  return {
    items: rows
      .map((r) => ({
        deputyId: r.deputy_id,
        name: names.get(r.deputy_id) ?? '',
        enrolled: r.enrolled_at !== null,
        enrolledSelf: r.enrolled_self,
        signedInAt: r.signed_in_at?.toISOString() ?? null,
        method: r.sign_in_method as 'qr' | 'code' | 'staff' | null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
  };
}

/** Issues the code shown at the place, valid for `minutes` (a new one replaces the short code). */
export async function issueCode(p: Platform, ctx: RequestContext, actor: Actor, id: number, minutes: number) {
  return inTransaction(p.db, async (trx) => {
    const e = await loadEvent(trx, id, true);
    if (!can(actor, 'duty.read', { orgPath: e.org_path })) throw new AppError('NOT_FOUND');
    if (!can(actor, 'duty.check', { orgPath: e.org_path })) throw new AppError('FORBIDDEN');
    if (e.state !== 'planned') throw new AppError('DUTY_EVENT_STATE');
    const exp = Math.floor(Date.now() / 1000) + minutes * 60;
    await trx
      .updateTable('duty_event')
      .set({ code_expires_at: new Date(exp * 1000) })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.eventCode',
      subjectType: 'dutyEvent',
      subjectId: id,
      summary: { expiresAt: new Date(exp * 1000).toISOString() },
    });
    return {
      qrToken: qrToken(p, id, exp),
      shortCode: shortCode(p, id, exp),
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  });
}

/** Checks a QR token or short code against the activity; a wrong short code counts against the deputy. */
async function checkCode(p: Platform, e: EventRow, deputyId: number, input: z.infer<typeof EventSignInInput>) {
  const now = Math.floor(Date.now() / 1000);
  if (input.qrToken !== undefined) {
    const m = /^LSDE\.(\d+)\.(\d+)\.([A-Za-z0-9_-]{22})$/.exec(input.qrToken);
    if (!m || Number(m[1]) !== e.id || !safeEqual(qrToken(p, e.id, Number(m[2])), input.qrToken))
      throw new AppError('DUTY_EVENT_CODE');
    if (Number(m[2]) < now) throw new AppError('DUTY_EVENT_CODE');
    return 'qr' as const;
  }
  const exp = e.code_expires_at ? Math.floor(e.code_expires_at.getTime() / 1000) : null;
  const tries = await p.db
    .selectFrom('duty_event_deputy')
    .select('failed_codes')
    .where('event_id', '=', e.id)
    .where('deputy_id', '=', deputyId)
    .executeTakeFirst();
  if ((tries?.failed_codes ?? 0) >= MAX_CODE_TRIES) throw new AppError('DUTY_EVENT_TRIES');
  if (exp === null || exp < now || !safeEqual(shortCode(p, e.id, exp), input.shortCode!)) {
    await p.db
      .insertInto('duty_event_deputy')
      .values({ event_id: e.id, deputy_id: deputyId, failed_codes: 1 })
      .onConflict((oc) =>
        oc.columns(['event_id', 'deputy_id']).doUpdateSet({
          failed_codes: sql<number>`duty_event_deputy.failed_codes + 1`,
        }),
      )
      .execute();
    throw new AppError('DUTY_EVENT_CODE');
  }
  return 'code' as const;
}

/**
 * Signs a deputy in at the place: the deputy with the code (QR or short code), or staff for a
 * deputy. Once: signing in again changes nothing. The activity is credited in the same transaction.
 */
export async function signInEvent(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof EventSignInInput>,
) {
  const e0 = await loadEvent(p.db, id);
  let deputyId: number;
  let method: 'qr' | 'code' | 'staff';
  if (input.deputyId !== undefined) {
    if (!can(actor, 'duty.read', { orgPath: e0.org_path })) throw new AppError('NOT_FOUND');
    if (!can(actor, 'duty.check', { orgPath: e0.org_path })) throw new AppError('FORBIDDEN');
    deputyId = input.deputyId;
    method = 'staff';
  } else {
    deputyId = await requireOwnDeputy(p.db, actor);
    method = await checkCode(p, e0, deputyId, input);
  }
  const deputy = await deputyScope(p.db, deputyId);
  return inTransaction(p.db, async (trx) => {
    const e = await loadEvent(trx, id, true);
    if (e.state !== 'planned') throw new AppError('DUTY_EVENT_STATE');
    if (e.day_text > chinaToday())
      throw invalid({ path: 'body', zh: '活动尚未开始，不能签到', en: 'The activity has not begun' });
    const row = await lockEnrolment(trx, id, deputyId);
    if (row?.signed_in_at)
      return { eventId: id, title: e.title, signedInAt: row.signed_in_at.toISOString(), already: true };
    const invited = row?.enrolled_at != null;
    if (!invited && !(e.signup && withinOrganiser(e, deputy)))
      throw method === 'staff'
        ? invalid({ path: 'body.deputyId', zh: '该代表不在本次活动名单上', en: 'The deputy is not on the list' })
        : new AppError('DUTY_EVENT_NOT_INVITED');
    const at = new Date();
    await trx
      .insertInto('duty_event_deputy')
      .values({ event_id: id, deputy_id: deputyId, signed_in_at: at, sign_in_method: method })
      .onConflict((oc) =>
        oc.columns(['event_id', 'deputy_id']).doUpdateSet({ signed_in_at: at, sign_in_method: method }),
      )
      .execute();
    await recordActivity(
      trx,
      {
        deputyId,
        kind: e.kind,
        sourceKey: `event:${id}`,
        day: e.day_text,
        title: e.title,
        hours: Number(e.hours),
      },
      actor.userId,
      deputy.org_path,
    );
    await p.audit.record(trx, ctx, {
      action: 'duty.eventSignIn',
      subjectType: 'dutyEvent',
      subjectId: id,
      summary: { deputyId, method, at: at.toISOString() },
    });
    return { eventId: id, title: e.title, signedInAt: at.toISOString(), already: false };
  });
}

/** A deputy signs up for (or withdraws from) an activity open for sign-up, before its day. */
export async function signUpEvent(p: Platform, ctx: RequestContext, actor: Actor, id: number, join: boolean) {
  const deputyId = await requireOwnDeputy(p.db, actor);
  const deputy = await deputyScope(p.db, deputyId);
  await inTransaction(p.db, async (trx) => {
    const e = await loadEvent(trx, id, true);
    if (!e.signup || !withinOrganiser(e, deputy)) throw new AppError('NOT_FOUND');
    if (e.state !== 'planned') throw new AppError('DUTY_EVENT_STATE');
    if (e.day_text < chinaToday())
      throw invalid({ path: 'body', zh: '活动已过，不能报名', en: 'The activity is over' });
    const row = await trx
      .selectFrom('duty_event_deputy')
      .selectAll()
      .where('event_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .executeTakeFirst();
    if (join) {
      if (row?.enrolled_at) return;
      const { n } = await trx
        .selectFrom('duty_event_deputy')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('event_id', '=', id)
        .where('enrolled_at', 'is not', null)
        .executeTakeFirstOrThrow();
      if (e.capacity !== null && n >= e.capacity) throw new AppError('DUTY_EVENT_FULL');
      await trx
        .insertInto('duty_event_deputy')
        .values({ event_id: id, deputy_id: deputyId, enrolled_at: new Date(), enrolled_self: true })
        .onConflict((oc) =>
          oc.columns(['event_id', 'deputy_id']).doUpdateSet({ enrolled_at: new Date(), enrolled_self: true }),
        )
        .execute();
    } else {
      if (!row?.enrolled_at) return;
      if (!row.enrolled_self || row.signed_in_at)
        throw invalid({
          path: 'body',
          zh: '受邀参加或已签到的活动不能取消报名',
          en: 'An invitation or a sign-in cannot be withdrawn',
        });
      await trx
        .updateTable('duty_event_deputy')
        .set({ enrolled_at: null, enrolled_self: false })
        .where('event_id', '=', id)
        .where('deputy_id', '=', deputyId)
        .execute();
    }
    await p.audit.record(trx, ctx, {
      action: join ? 'duty.eventSignUp' : 'duty.eventWithdraw',
      subjectType: 'dutyEvent',
      subjectId: id,
      summary: { deputyId },
    });
  });
  return (await listEvents(p, actor, { year: Number((await loadEvent(p.db, id)).day_text.slice(0, 4)) })).find(
    (e) => e.id === id,
  )!;
}
