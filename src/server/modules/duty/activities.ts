import crypto from 'node:crypto';
import { sql } from 'kysely';
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import {
  activityKindLabels,
  activityStateLabels,
  systemKinds,
  type ActivityState,
  type CheckInput,
  type DisputeInput,
  type HandEntryInput,
  type ResolveInput,
} from '../../../contracts/duty.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { cleanPhoto } from '../../platform/files/images.js';
import { fileStore, type NewFile } from '../../platform/files/store.js';
import { receptionForDuty } from '../receptions/duty-source.js';
import { activityViews, lockActivity, ownDeputyId, relationTo } from './load.js';
import { deputyInScopeSql } from './policy.js';
import { receptionSource } from './sync.js';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

function stateError(state: string, action: { zh: string; en: string }) {
  const label = activityStateLabels[state as ActivityState] ?? { zh: state, en: state };
  return new AppError('DUTY_ACTIVITY_STATE', {
    vars: { zh: { state: label.zh, action: action.zh }, en: { state: label.en, action: action.en } },
  });
}

async function event(trx: Tx, activityId: number, action: string, actor: Actor, note: string | null, data = {}) {
  await trx
    .insertInto('duty_activity_event')
    .values({ activity_id: activityId, action, note, data: JSON.stringify(data), actor_id: actor.userId })
    .execute();
}

/**
 * A hand entry (by the deputy for themselves, or by station or committee staff for a deputy). A
 * deputy's own entry waits for the check; staff who may check enter it confirmed. A reception the
 * system knows is keyed by the reception, so the entry and the sign-in are one activity: when it is
 * already there, that activity is returned (`existing`).
 */
export async function enterActivity(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof HandEntryInput>,
) {
  const deputyId = input.deputyId ?? (await ownDeputyId(p.db, actor));
  if (deputyId === null) throw new AppError('DUTY_NOT_A_DEPUTY');
  const rel = await relationTo(p.db, actor, deputyId, 'duty.check');
  if (!rel.own && !rel.may) throw new AppError('FORBIDDEN');
  let sourceKey = `hand:${input.idempotencyKey ?? crypto.randomUUID()}`;
  let day = input.day;
  if (input.receptionId !== undefined) {
    if (input.kind !== 'reception' && input.kind !== 'homeVisit')
      throw invalid({ path: 'body.receptionId', zh: '只有接待活动可关联接待', en: 'Only receptions name a reception' });
    const r = await receptionForDuty(p.db, input.receptionId, deputyId);
    if (!r || !r.onDuty || r.status === 'cancelled')
      throw invalid({
        path: 'body.receptionId',
        zh: '该代表不在这次接待的值班名单上',
        en: 'The deputy was not on duty at this reception',
      });
    sourceKey = receptionSource(r.id);
    day = r.day;
  } else if (systemKinds.includes(input.kind)) {
    throw invalid({
      path: 'body.kind',
      zh: `“${activityKindLabels[input.kind].zh}”由系统自动记录，无需手工登记`,
      en: `"${activityKindLabels[input.kind].en}" is recorded by the system; no hand entry needed`,
    });
  }
  return inTransaction(p.db, async (trx) => {
    const inserted = await trx
      .insertInto('duty_activity')
      .values({
        deputy_id: deputyId,
        org_path: rel.deputy.org_path,
        kind: input.kind,
        source_key: sourceKey,
        day,
        title: input.title,
        hours: input.hours === undefined ? null : String(input.hours),
        flags: input.flags ?? [],
        origin: 'hand',
        state: rel.may ? 'confirmed' : 'pending',
        note: input.note ?? null,
        checked_by: rel.may ? actor.userId : null,
        checked_at: rel.may ? new Date() : null,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['deputy_id', 'source_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('duty_activity')
        .select('id')
        .where('deputy_id', '=', deputyId)
        .where('source_key', '=', sourceKey)
        .executeTakeFirstOrThrow();
      return { id: existing.id, existing: true };
    }
    await event(trx, inserted.id, 'entered', actor, input.note ?? null, { kind: input.kind });
    await p.audit.record(trx, ctx, {
      action: 'duty.enterActivity',
      subjectType: 'dutyActivity',
      subjectId: inserted.id,
      summary: { after: { deputyId, kind: input.kind, day, title: input.title, sourceKey } },
    });
    return { id: inserted.id, existing: false };
  });
}

/** One activity as its deputy or staff in scope see it. */
export async function getActivity(p: Platform, actor: Actor, id: number) {
  const [view] = await activityViews(p.db, sql<boolean>`a.id = ${id}`, 1);
  if (!view) throw new AppError('NOT_FOUND');
  await relationTo(p.db, actor, view.deputyId, 'duty.read');
  return view;
}

/** Cleans a photo (EXIF removed) or keeps a PDF, checked by content. */
async function evidenceFile(bytes: Buffer): Promise<NewFile> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime === 'application/pdf') return { bytes, contentType: 'application/pdf' };
  return cleanPhoto(bytes);
}

/** Attaches a photo or a PDF as evidence, by the deputy or staff who may check, while the entry is open. */
export async function addEvidence(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  bytes: Buffer,
  name: string | null,
) {
  const file = await evidenceFile(bytes);
  await inTransaction(p.db, async (trx) => {
    const a = await lockActivity(trx, id);
    const rel = await relationTo(trx, actor, a.deputy_id, 'duty.check');
    if (!rel.own && !rel.may) throw new AppError('FORBIDDEN');
    if (a.state === 'void') throw stateError(a.state, { zh: '补充佐证', en: 'given evidence' });
    const fileId = await fileStore(p).save(trx, file, actor.userId);
    const { id: evidenceId } = await trx
      .insertInto('duty_activity_file')
      .values({ activity_id: id, file_id: fileId, name, added_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await event(trx, id, 'evidence', actor, name, { evidenceId });
    await p.audit.record(trx, ctx, {
      action: 'duty.addEvidence',
      subjectType: 'dutyActivity',
      subjectId: id,
      summary: { after: { evidenceId, fileId, name } },
    });
  });
  return getActivity(p, actor, id);
}

/** The bytes of one piece of evidence, for whoever may read the activity. */
export async function evidenceBytes(p: Platform, actor: Actor, id: number, evidenceId: number) {
  await getActivity(p, actor, id);
  const row = await p.db
    .selectFrom('duty_activity_file')
    .select('file_id')
    .where('id', '=', evidenceId)
    .where('activity_id', '=', id)
    .executeTakeFirst();
  const file = row ? await fileStore(p).read(p, row.file_id) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** The station's or committee's check of a hand entry: confirmed (it counts) or rejected (with the reason). */
export async function checkActivity(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof CheckInput>,
) {
  await inTransaction(p.db, async (trx) => {
    const a = await lockActivity(trx, id);
    const rel = await relationTo(trx, actor, a.deputy_id, 'duty.check');
    if (!rel.may) throw new AppError('FORBIDDEN');
    if (a.state !== 'pending') throw stateError(a.state, { zh: '审核', en: 'checked' });
    if (input.outcome === 'reject' && !input.note)
      throw invalid({ path: 'body.note', zh: '请说明不予确认的理由', en: 'Give the reason for rejecting' });
    const state = input.outcome === 'confirm' ? 'confirmed' : 'rejected';
    await trx
      .updateTable('duty_activity')
      .set({
        state,
        check_note: input.note ?? null,
        checked_by: actor.userId,
        checked_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await event(trx, id, input.outcome, actor, input.note ?? null);
    await p.audit.record(trx, ctx, {
      action: 'duty.checkActivity',
      subjectType: 'dutyActivity',
      subjectId: id,
      summary: { before: { state: a.state }, after: { state, note: input.note ?? null } },
    });
  });
  return getActivity(p, actor, id);
}

/** The deputy disputes an entry of their own record (it keeps counting as it stands until the committee decides). */
export async function disputeActivity(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof DisputeInput>,
) {
  await inTransaction(p.db, async (trx) => {
    const a = await lockActivity(trx, id);
    const rel = await relationTo(trx, actor, a.deputy_id, 'duty.read');
    if (!rel.own) throw new AppError('FORBIDDEN');
    if (!['confirmed', 'rejected', 'pending'].includes(a.state))
      throw stateError(a.state, { zh: '提出异议', en: 'disputed' });
    await trx
      .updateTable('duty_activity')
      .set({ state: 'disputed', dispute: input.reason, resolution: null, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await event(trx, id, 'dispute', actor, input.reason, { before: a.state });
    await p.audit.record(trx, ctx, {
      action: 'duty.disputeActivity',
      subjectType: 'dutyActivity',
      subjectId: id,
      summary: { before: { state: a.state }, after: { state: 'disputed', reason: input.reason } },
    });
  });
  return getActivity(p, actor, id);
}

/**
 * The committee's answer to a dispute: confirm the entry as it was, correct it (day, title, hours,
 * kind) or strike it out; the before and after are kept in the events and the audit trail.
 */
export async function resolveDispute(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof ResolveInput>,
) {
  await inTransaction(p.db, async (trx) => {
    const a = await lockActivity(trx, id);
    const rel = await relationTo(trx, actor, a.deputy_id, 'duty.check');
    if (!rel.may || rel.own) throw new AppError('FORBIDDEN');
    if (a.state !== 'disputed') throw stateError(a.state, { zh: '处理异议', en: 'resolved' });
    const c = input.correction ?? {};
    if (input.outcome === 'correct' && !Object.keys(c).length)
      throw invalid({ path: 'body.correction', zh: '请填写更正内容', en: 'Give the correction' });
    const before = { state: a.state, day: a.day_text, title: a.title, hours: a.hours, kind: a.kind };
    const after = {
      state: input.outcome === 'strike' ? 'void' : 'confirmed',
      ...(input.outcome === 'correct'
        ? {
            day: c.day ?? a.day_text,
            title: c.title ?? a.title,
            hours: c.hours === undefined ? a.hours : c.hours === null ? null : String(c.hours),
            kind: c.kind ?? a.kind,
          }
        : {}),
    };
    await trx
      .updateTable('duty_activity')
      .set({
        ...after,
        resolution: input.note,
        checked_by: actor.userId,
        checked_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await event(trx, id, `resolve.${input.outcome}`, actor, input.note, { before, after });
    await p.audit.record(trx, ctx, {
      action: 'duty.resolveDispute',
      subjectType: 'dutyActivity',
      subjectId: id,
      summary: { before, after, note: input.note },
    });
  });
  return getActivity(p, actor, id);
}

/** The check queue: hand entries waiting and disputes, of deputies in the actor's scope, oldest first. */
export async function openActivities(p: Platform, actor: Actor) {
  return activityViews(
    p.db,
    sql<boolean>`a.state IN ('pending', 'disputed') AND ${deputyInScopeSql(actor, 'duty.check', 'a.deputy_id', 'a.org_path')}`,
    200,
  );
}
