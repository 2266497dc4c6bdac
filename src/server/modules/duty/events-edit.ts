import { sql } from 'kysely';
import type { z } from 'zod';
import type { EventCancelInput, EventEditInput } from '../../../contracts/duty.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaClock, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { tellDeputies } from './event-notices.js';
import { invitable, loadEvent, lockEnrolment } from './events.js';

/** Changing or cancelling a planned activity: by its organiser (`duty.check`), audited, the invited told. */

async function manageable(p: Platform, actor: Actor, trx: Tx, id: number) {
  const e = await loadEvent(trx, id, true);
  if (!can(actor, 'duty.read', { orgPath: e.org_path })) throw new AppError('NOT_FOUND');
  if (!can(actor, 'duty.check', { orgPath: e.org_path })) throw new AppError('FORBIDDEN');
  if (e.state !== 'planned') throw new AppError('DUTY_EVENT_STATE');
  return e;
}

/** The deputies on the list (invited or signed up), with their accounts. */
async function enrolled(trx: Tx, id: number) {
  const rows = await trx
    .selectFrom('duty_event_deputy')
    .select(['deputy_id', 'signed_in_at'])
    .where('event_id', '=', id)
    .where('enrolled_at', 'is not', null)
    .execute();
  return {
    deputies: await deputiesForRecord(
      trx,
      rows.map((r) => r.deputy_id),
    ),
    signedIn: await signedInCount(trx, id),
  };
}

async function signedInCount(trx: Tx, id: number) {
  const { n } = await trx
    .selectFrom('duty_event_deputy')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('event_id', '=', id)
    .where('signed_in_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return n;
}

const editable = ['title', 'place', 'day', 'startsAt', 'hours', 'capacity', 'note'] as const;

/**
 * Changes a planned activity. Once a deputy has signed in, its day, time and hours stay (they are in
 * the record); a capacity below those signed up is refused. Deputies on the list are told of a new
 * day, time or place; deputies added are invited.
 */
export async function editEvent(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof EventEditInput>,
) {
  const added = input.addDeputyIds?.length ? await invitable(p, actor, input.addDeputyIds, 'body.addDeputyIds') : [];
  return inTransaction(p.db, async (trx) => {
    const e = await manageable(p, actor, trx, id);
    const before = {
      title: e.title,
      place: e.place ?? '',
      day: e.day_text,
      startsAt: e.starts_at,
      hours: Number(e.hours),
      capacity: e.capacity,
      note: e.note ?? '',
    };
    const changed = editable.filter((k) => input[k] !== undefined && input[k] !== before[k]);
    const list = await enrolled(trx, id);
    if (list.signedIn > 0)
      for (const k of ['day', 'startsAt', 'hours'] as const)
        if (changed.includes(k))
          throw invalid({
            path: `body.${k}`,
            zh: '已有代表签到，不能再改日期、时间或学时',
            en: 'Deputies have signed in; the day, time and hours stay',
          });
    const newIds = added.map((d) => d.id).filter((d) => !list.deputies.some((x) => x.id === d));
    const capacity = input.capacity === undefined ? e.capacity : input.capacity;
    if (capacity !== null && capacity < list.deputies.length + newIds.length)
      throw invalid({
        path: 'body.capacity',
        zh: `名额不能少于已在名单上的 ${list.deputies.length + newIds.length} 人`,
        en: `The capacity cannot be below the ${list.deputies.length + newIds.length} on the list`,
      });
    if (!changed.length && !newIds.length) return { id, changed: [] as string[] };
    const after = { ...before, ...Object.fromEntries(changed.map((k) => [k, input[k]])) } as typeof before;
    await trx
      .updateTable('duty_event')
      .set({
        title: after.title,
        place: after.place || null,
        day: after.day,
        starts_at: after.startsAt,
        hours: String(after.hours),
        capacity: after.capacity,
        note: after.note || null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (newIds.length)
      await trx
        .insertInto('duty_event_deputy')
        .values(newIds.map((d) => ({ event_id: id, deputy_id: d, enrolled_at: new Date() })))
        .onConflict((oc) => oc.columns(['event_id', 'deputy_id']).doUpdateSet({ enrolled_at: new Date() }))
        .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.editEvent',
      subjectType: 'dutyEvent',
      subjectId: id,
      summary: {
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        ...(newIds.length ? { addedDeputyIds: newIds } : {}),
      },
    });
    const notice = {
      id,
      title: after.title,
      day_text: after.day,
      starts_at: after.startsAt,
      place: after.place,
      org_id: e.org_id,
    };
    if (changed.some((k) => k === 'day' || k === 'startsAt' || k === 'place'))
      await tellDeputies(trx, 'duty.eventChanged', list.deputies, notice, { key: String(Date.now()) });
    await tellDeputies(
      trx,
      'duty.eventInvited',
      added.filter((d) => newIds.includes(d.id)),
      notice,
    );
    return { id, changed: [...changed, ...(newIds.length ? ['addDeputyIds'] : [])] };
  });
}

/** Cancels a planned activity with the reason, before anyone signs in; those on the list are told. */
export async function cancelEvent(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof EventCancelInput>,
) {
  return inTransaction(p.db, async (trx) => {
    const e = await manageable(p, actor, trx, id);
    const list = await enrolled(trx, id);
    if (list.signedIn > 0) throw new AppError('DUTY_EVENT_SIGNED');
    await trx
      .updateTable('duty_event')
      .set({
        state: 'cancelled',
        cancel_reason: input.reason,
        cancelled_at: new Date(),
        code_expires_at: null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.cancelEvent',
      subjectType: 'dutyEvent',
      subjectId: id,
      summary: { before: { state: 'planned' }, after: { state: 'cancelled', reason: input.reason } },
    });
    await tellDeputies(trx, 'duty.eventCancelled', list.deputies, e, { reason: input.reason });
    return { id, changed: ['state'] };
  });
}

/** The time in China as "HH:MM" (activities start at a China time). */
/**
 * The organiser takes an invited (or signed-up) deputy off a planned activity before it starts;
 * refused once it has started or taken place, or once the deputy signed in. Audited; the deputy is told.
 */
export async function removeDeputy(p: Platform, ctx: RequestContext, actor: Actor, id: number, deputyId: number) {
  return inTransaction(p.db, async (trx) => {
    const e = await manageable(p, actor, trx, id);
    const today = chinaToday();
    if (e.day_text < today || (e.day_text === today && e.starts_at <= chinaClock()))
      throw new AppError('DUTY_EVENT_HELD');
    const row = await lockEnrolment(trx, id, deputyId);
    if (row?.signed_in_at) throw new AppError('DUTY_EVENT_DEPUTY_SIGNED');
    if (!row?.enrolled_at) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('duty_event_deputy')
      .set({ enrolled_at: null, enrolled_self: false })
      .where('event_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'duty.eventRemoveDeputy',
      subjectType: 'dutyEvent',
      subjectId: id,
      summary: { before: { deputyId, enrolledSelf: row.enrolled_self }, after: { deputyId: null } },
    });
    await tellDeputies(trx, 'duty.eventUninvited', await deputiesForRecord(trx, [deputyId]), e, {
      key: String(Date.now()),
    });
    return { id, changed: ['removeDeputyId'] };
  });
}
