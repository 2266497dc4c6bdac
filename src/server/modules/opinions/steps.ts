import { sql } from 'kysely';
import { deputyNames } from '../deputies/names.js';
import {
  actionLabels,
  stateLabels,
  type OpinionAction,
  type OpinionActionName,
  type OpinionState,
} from '../../../contracts/opinions.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { UpdateObject } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday, makeDay } from '../../platform/calendar/dates.js';
import { addWorkingDays } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { AppError, errorBody, invalid, type Lang } from '../../platform/errors/errors.js';
import { enqueue, type OutboxMessage } from '../../platform/notify/outbox.js';
import { canRead, capacitiesOf } from './access.js';
import { followUrl, messageTitle, smsExcerpt } from './follow-link.js';
import { formatReceiptCode } from './receipt.js';
import { ratingWaitError } from './rating-wait.js';
import { loadForAction, parsePaths, type Loaded } from './view.js';
import { decide, outcomeAtClose, type Capacity, type Decision } from './workflow.js';

/** Who fires a step: a staff user in a request, a constituent by receipt code, or the sweep. */
export type Firer =
  | { kind: 'staff'; actor: Actor; ctx: RequestContext }
  | { kind: 'constituent' }
  | { kind: 'system'; ctx: RequestContext };

interface Effect {
  set?: UpdateObject<DB, 'opinion'>;
  note?: string | null;
  publicNote?: string | null;
  data?: Record<string, unknown>;
  unitId?: number | null;
  messages?: OutboxMessage[];
}

type Step<A extends OpinionActionName> = (
  trx: Tx,
  p: Platform,
  o: Loaded,
  input: Extract<OpinionAction, { action: A }>,
  firer: Firer,
) => Promise<Effect>;

const title = (o: Loaded) => messageTitle(o.row.content);

/** Refusals name the state, the missing right, or the rule. */
export function refuse(d: Exclude<Decision, { ok: true }>, action: OpinionActionName): AppError {
  if (d.reason === 'state')
    return new AppError('OPINION_ILLEGAL_TRANSITION', {
      state: d.state,
      action,
      vars: {
        zh: { state: stateLabels[d.state].zh, action: actionLabels[action].zh },
        en: { state: stateLabels[d.state].en, action: actionLabels[action].en },
      },
    });
  if (d.reason === 'rule') return new AppError(d.rule);
  // Whoever got this far may read the opinion (others were told it does not exist).
  return new AppError('FORBIDDEN');
}

/** A handling unit an opinion may go to: an active street office or department in the same district tree. */
export async function handlingUnit(trx: Tx, id: number, o: Loaded, field: string) {
  const u = await trx
    .selectFrom('organization')
    .select(['id', 'path', 'name', 'kind', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
  const root = o.row.org_path.split('.')[0];
  if (!u || !u.active || !['streetOffice', 'department'].includes(u.kind) || u.path.split('.')[0] !== root)
    throw invalid({ path: field, zh: '承办单位不存在或已停用', en: 'No such handling unit, or it is inactive' });
  return u;
}

const assign: Step<'assign' | 'reassign'> = async (trx, p, o, input, firer) => {
  if (firer.kind !== 'staff') throw new AppError('FORBIDDEN');
  const lead = await handlingUnit(trx, input.leadUnitId, o, 'body.leadUnitId');
  const coIds = [...new Set(input.coUnitIds)].filter((id) => id !== lead.id);
  const co = [];
  for (const [i, id] of coIds.entries()) co.push(await handlingUnit(trx, id, o, `body.coUnitIds.${i}`));
  let days = input.deadlineDays;
  if (!days && o.row.category_id) {
    const c = await trx
      .selectFrom('opinion_category')
      .select('default_deadline_days')
      .where('id', '=', o.row.category_id)
      .executeTakeFirst();
    days = c?.default_deadline_days ?? undefined;
  }
  days ??= o.row.urgency === 'urgent' ? 5 : 15;
  const signOff = await signOffOf(trx, o, input, firer.actor);
  const signedAt = input.signedAt ? new Date(input.signedAt) : new Date();
  if (signedAt.getTime() > Date.now() + 5 * 60_000)
    throw invalid({ path: 'body.signedAt', zh: '签批时间不能晚于现在', en: 'The sign-off cannot be in the future' });
  // The time limit runs from the day the head signed (a paper sign-off may be entered later).
  const start = chinaToday(signedAt);
  const [deadline, acceptBy] = await Promise.all([addWorkingDays(trx, start, days), addWorkingDays(trx, start, 1)]);
  const { round } = await trx
    .selectFrom('opinion_assignment')
    .select(sql<number>`coalesce(max(round), 0) + 1`.as('round'))
    .where('opinion_id', '=', o.row.id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('opinion_assignment')
    .set({ state: 'withdrawn' })
    .where('opinion_id', '=', o.row.id)
    .where('state', 'in', ['assigned', 'accepted'])
    .execute();
  await trx
    .insertInto('opinion_assignment')
    .values(
      [lead, ...co].map((u, i) => ({
        opinion_id: o.row.id,
        unit_id: u.id,
        is_lead: i === 0,
        round,
        state: 'assigned',
        deadline,
        accept_by: acceptBy,
        signed_by: signOff.signedBy,
        signed_at: signedAt,
        signoff_kind: signOff.kind,
        signoff_file_id: signOff.fileId,
        assigned_by: firer.actor.userId,
      })),
    )
    .execute();
  const paths = [...new Set([...parsePaths(o.row.unit_paths), lead.path, ...co.map((u) => u.path)])];
  return {
    set: {
      lead_unit_id: lead.id,
      lead_unit_path: lead.path,
      unit_paths: sql<string[]>`${paths}::ltree[]`,
      deadline,
      accept_by: acceptBy,
      overdue: false,
      supervision_level: null,
      extension_pending: false,
      ...(input.action === 'reassign' ? { reopen_count: o.row.reopen_count + 1, rating: null } : {}),
    },
    note: input.note ?? null,
    unitId: lead.id,
    data: {
      leadUnitId: lead.id,
      leadUnitName: lead.name,
      coUnits: co.map((u) => ({ id: u.id, name: u.name })),
      deadline,
      acceptBy,
      days,
      signedBy: signOff.signedBy,
      signOffKind: signOff.kind,
      signedAt: signedAt.toISOString(),
      round,
    },
    messages: [lead, ...co].map((u) => ({
      type: 'opinion.assigned',
      to: { orgId: u.id },
      vars: { receiptCode: formatReceiptCode(o.row.receipt_code), title: title(o), deadline },
      dedupeKey: `opinion.assigned:${o.row.id}:${round}:${u.id}`,
    })),
  };
};

/**
 * Who signed an assignment (签字交办): the street office head assigning it themselves, or a paper
 * sign-off — the head's name typed, with the scan attached to the opinion. (An officer without a
 * paper sign-off asks the head to sign online: signoff.ts.) A sign-off still waiting is withdrawn.
 */
async function signOffOf(
  trx: Tx,
  o: Loaded,
  input: { signedBy?: string | null; signOffFileId?: number },
  actor: Actor,
): Promise<{ kind: 'paper' | 'self'; signedBy: string; fileId: number | null }> {
  await trx
    .updateTable('opinion_signoff')
    .set({ state: 'withdrawn', decided_at: new Date() })
    .where('opinion_id', '=', o.row.id)
    .where('state', '=', 'pending')
    .execute();
  let fileId: number | null = null;
  if (input.signOffFileId !== undefined) {
    const f = await trx
      .selectFrom('opinion_file')
      .select('id')
      .where('id', '=', input.signOffFileId)
      .where('opinion_id', '=', o.row.id)
      .executeTakeFirst();
    if (!f)
      throw invalid({
        path: 'body.signOffFileId',
        zh: '签批扫描件须是本件意见的附件',
        en: 'The sign-off scan must be a file attached to this opinion',
      });
    fileId = f.id;
  }
  if (input.signedBy) return { kind: 'paper', signedBy: input.signedBy, fileId };
  if (can(actor, 'opinion.signOff', { orgPath: o.scope.orgPath }))
    return { kind: 'self', signedBy: actor.displayName, fileId };
  throw invalid({
    path: 'body.signedBy',
    zh: '请填写签批负责人（纸质签批，附扫描件），或提请街道负责人在线签批',
    en: 'Name the head who signed on paper (with the scan), or ask the street office head to sign online',
  });
}

/** The unit's evidence for its answer: files of this opinion that the unit attached itself. */
async function evidenceOf(trx: Tx, o: Loaded, unitId: number, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = new Set(
    (
      await trx
        .selectFrom('opinion_file')
        .select('id')
        .where('opinion_id', '=', o.row.id)
        .where('unit_id', '=', unitId)
        .where('id', 'in', unique)
        .execute()
    ).map((f) => f.id),
  );
  const bad = unique.findIndex((id) => !found.has(id));
  if (bad >= 0)
    throw invalid({
      path: `body.fileIds.${ids.indexOf(unique[bad]!)}`,
      zh: '证明材料须是本单位为这件意见上传的附件',
      en: 'Evidence must be a file your unit attached to this opinion',
    });
  return unique;
}

async function leadAssignment(trx: Tx, o: Loaded) {
  const a = o.current.find((x) => x.is_lead && x.state !== 'responded');
  if (!a) throw new AppError('CONFLICT');
  return trx.selectFrom('opinion_assignment').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
}

const steps: { [A in OpinionActionName]: Step<A> } = {
  async triage(trx, _p, _o, input) {
    const c = await trx
      .selectFrom('opinion_category')
      .select(['id', 'name'])
      .where('id', '=', input.categoryId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!c) throw invalid({ path: 'body.categoryId', zh: '分类不存在', en: 'No such category' });
    return {
      set: { category_id: c.id, tier: input.tier, urgency: input.urgency, tags: input.tags },
      data: { categoryId: c.id, categoryName: c.name, tier: input.tier, urgency: input.urgency, tags: input.tags },
    };
  },
  async answer(_trx, _p, _o, input) {
    return { publicNote: input.answer, data: { answeredBy: input.answeredBy ?? null } };
  },
  async merge(trx, p, o, input, firer) {
    if (input.targetId === o.row.id)
      throw invalid({ path: 'body.targetId', zh: '不能与自身合并', en: 'An opinion cannot merge into itself' });
    const target = await loadForAction(trx, input.targetId, true, p.config.opinions);
    if (!target || (firer.kind === 'staff' && !canRead(firer.actor, target.scope)))
      throw invalid({ path: 'body.targetId', zh: '要合并到的意见不存在', en: 'No such opinion to merge into' });
    if (['merged', 'rejected', 'closed'].includes(target.row.state) || target.row.merged_into)
      throw invalid({
        path: 'body.targetId',
        zh: '要合并到的意见已办结、已合并或不予受理',
        en: 'The target is closed, merged or rejected',
      });
    return {
      set: { merged_into: target.row.id, outcome: 'merged' },
      note: input.note ?? null,
      data: { targetId: target.row.id, targetReceipt: formatReceiptCode(target.row.receipt_code) },
    };
  },
  async reject(_trx, _p, o, input) {
    // 件件有回音: when the officer tells the constituent, the reason is on the follow page and an
    // SMS says where to find it.
    const messages: OutboxMessage[] =
      input.tellConstituent && o.row.constituent_phone_sealed
        ? [
            {
              type: 'opinion.rejected',
              to: { phoneSealed: o.row.constituent_phone_sealed },
              vars: { receiptCode: formatReceiptCode(o.row.receipt_code) },
              dedupeKey: `opinion.rejected:${o.row.id}`,
            },
          ]
        : [];
    return {
      set: { outcome: 'rejected' },
      note: input.reason,
      publicNote: input.tellConstituent ? input.reason : null,
      data: { tellConstituent: input.tellConstituent },
      messages,
    };
  },
  async escalate(trx, _p, _o, input) {
    const ids = [...new Set(input.deputyIds)];
    const found = (await deputyNames(trx, ids)).map((d) => ({ id: d.id, name: d.name }));
    if (found.length !== ids.length) throw invalid({ path: 'body.deputyIds', zh: '代表不存在', en: 'No such deputy' });
    return { note: input.note ?? null, data: { deputies: found } };
  },
  assign: (trx, p, o, input, firer) => assign(trx, p, o, input, firer),
  reassign: (trx, p, o, input, firer) => assign(trx, p, o, input, firer),
  async accept(trx, _p, o) {
    const a = await leadAssignment(trx, o);
    await trx
      .updateTable('opinion_assignment')
      .set({ state: 'accepted', accepted_at: new Date() })
      .where('id', '=', a.id)
      .execute();
    return { unitId: a.unit_id };
  },
  async return(trx, _p, o, input) {
    const a = await leadAssignment(trx, o);
    await trx
      .updateTable('opinion_assignment')
      .set({ state: 'returned', returned_reason: input.reason })
      .where('id', '=', a.id)
      .execute();
    await trx
      .updateTable('opinion_assignment')
      .set({ state: 'withdrawn' })
      .where('opinion_id', '=', o.row.id)
      .where('state', 'in', ['assigned', 'accepted'])
      .execute();
    return {
      set: {
        return_count: sql<number>`return_count + 1`,
        lead_unit_id: null,
        lead_unit_path: null,
        deadline: null,
        accept_by: null,
        overdue: false,
        supervision_level: null,
        extension_pending: false,
      },
      note: input.reason,
      unitId: a.unit_id,
    };
  },
  async requestExtension(trx, _p, o, input) {
    const a = await leadAssignment(trx, o);
    await trx
      .updateTable('opinion_assignment')
      .set({ extension_days: input.days, extension_reason: input.reason, extension_state: 'requested' })
      .where('id', '=', a.id)
      .execute();
    return { set: { extension_pending: true }, note: input.reason, unitId: a.unit_id, data: { days: input.days } };
  },
  async decideExtension(trx, _p, o, input) {
    const a = await leadAssignment(trx, o);
    const days = a.extension_days ?? 0;
    let deadline: string | null = null;
    if (input.approve) {
      const current = o.row.deadline ? toDay(o.row.deadline) : chinaToday();
      deadline = await addWorkingDays(trx, current, days);
      await trx
        .updateTable('opinion_assignment')
        .set({ extension_state: 'approved', deadline })
        .where('opinion_id', '=', o.row.id)
        .where('round', '=', a.round)
        .where('state', 'in', ['assigned', 'accepted'])
        .execute();
    }
    await trx
      .updateTable('opinion_assignment')
      .set({ extension_state: input.approve ? 'approved' : 'refused' })
      .where('id', '=', a.id)
      .execute();
    return {
      set: {
        extension_pending: false,
        ...(deadline
          ? { deadline, extension_count: sql<number>`extension_count + 1`, overdue: deadline < chinaToday() }
          : {}),
      },
      note: input.note ?? null,
      unitId: a.unit_id,
      data: { approve: input.approve, days, deadline },
    };
  },
  async supervise(_trx, _p, o, input, firer) {
    const order = ['reminder', 'supervision', 'escalation'];
    const current = o.row.supervision_level as string | null;
    const level = current && order.indexOf(current) > order.indexOf(input.level) ? current : input.level;
    return {
      set: { supervision_level: level },
      note: input.note,
      unitId: o.row.lead_unit_id,
      data: { level: input.level, manual: firer.kind === 'staff' },
      messages: [
        ...(o.row.lead_unit_id
          ? [
              {
                type: 'opinion.supervision',
                to: { orgId: o.row.lead_unit_id },
                vars: { receiptCode: formatReceiptCode(o.row.receipt_code), title: title(o), level: input.level },
                urgent: input.level === 'escalation',
              },
            ]
          : []),
        // Past the deadline the working committee hears of it too.
        ...(input.level !== 'reminder' && o.row.committee_id && firer.kind === 'system'
          ? [
              {
                type: 'opinion.supervision',
                to: { orgId: o.row.committee_id },
                vars: { receiptCode: formatReceiptCode(o.row.receipt_code), title: title(o), level: input.level },
              },
            ]
          : []),
      ],
    };
  },
  async respond(trx, _p, o, input) {
    const a = await leadAssignment(trx, o);
    const fileIds = await evidenceOf(trx, o, a.unit_id, input.fileIds);
    await trx
      .updateTable('opinion_assignment')
      .set({ state: 'responded', response: input.response, result_type: input.resultType, responded_at: new Date() })
      .where('id', '=', a.id)
      .execute();
    return {
      set: { overdue: false },
      publicNote: input.response,
      unitId: a.unit_id,
      data: { resultType: input.resultType, assignmentId: a.id, fileIds },
    };
  },
  async feedback(trx, p, o, input) {
    const receiptCode = formatReceiptCode(o.row.receipt_code);
    const messages: OutboxMessage[] = [];
    if (input.channel === 'sms' && o.row.constituent_phone_sealed)
      messages.push({
        type: 'opinion.feedback',
        to: { phoneSealed: o.row.constituent_phone_sealed },
        vars: { receiptCode, answer: smsExcerpt(input.content), followUrl: followUrl(p, o.row.id) },
        dedupeKey: `opinion.feedback:${o.row.id}:${o.row.reopen_count}`,
      });
    // Constituents whose opinions were merged into this one are told too.
    const merged = await trx
      .selectFrom('opinion')
      .select(['id', 'receipt_code', 'constituent_phone_sealed'])
      .where('merged_into', '=', o.row.id)
      .execute();
    for (const m of merged)
      if (m.constituent_phone_sealed)
        messages.push({
          type: 'opinion.feedback',
          to: { phoneSealed: m.constituent_phone_sealed },
          vars: {
            receiptCode: formatReceiptCode(m.receipt_code),
            answer: smsExcerpt(input.content),
            followUrl: followUrl(p, m.id),
          },
          dedupeKey: `opinion.feedback:${m.id}:${o.row.id}:${o.row.reopen_count}`,
        });
    return {
      publicNote: input.content,
      data: { channel: input.channel, round: o.row.reopen_count, mergedTold: merged.length },
      messages,
    };
  },
  async rate(_trx, _p, _o, input, firer) {
    return {
      set: { rating: input.level },
      publicNote: input.comment ?? null,
      data: { level: input.level, byConstituent: firer.kind === 'constituent' },
    };
  },
  async close(_trx, _p, o, input) {
    return { set: { outcome: outcomeAtClose(o.facts), overdue: false }, note: input.note ?? null };
  },
  async linkSuggestion(_trx, _p, _o, input) {
    return { set: { suggestion_ref: input.suggestionRef }, data: { suggestionRef: input.suggestionRef } };
  },
};

/** A DATE column's day: pg reads a DATE as midnight of that day in the process's own time zone. */
export function toDay(d: Date | string): string {
  return typeof d === 'string' ? d.slice(0, 10) : makeDay(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/**
 * Fires one step of the loop on a locked opinion, inside the caller's transaction: checks the
 * state machine, applies the step, appends exactly one event, audits staff steps, and writes the
 * messages to the outbox.
 */
export async function fireInTx(
  trx: Tx,
  p: Platform,
  id: number,
  input: OpinionAction,
  firer: Firer,
): Promise<OpinionState> {
  const o = await loadForAction(trx, id, true, p.config.opinions);
  if (!o) throw new AppError('NOT_FOUND');
  let caps: Capacity[];
  if (firer.kind === 'staff') {
    if (!canRead(firer.actor, o.scope)) throw new AppError('NOT_FOUND');
    caps = capacitiesOf(firer.actor, o.scope);
  } else caps = [firer.kind];
  const d = decide(o.facts, input.action, caps);
  if (!d.ok)
    throw d.reason === 'rule' && d.rule === 'OPINION_RATING_WAIT' && o.ratingWaitUntil
      ? ratingWaitError(o.ratingWaitUntil, p.config.opinions)
      : refuse(d, input.action);
  const effect = await (steps[input.action] as Step<typeof input.action>)(trx, p, o, input as never, firer);
  const to = d.to;
  await trx
    .updateTable('opinion')
    .set({ ...effect.set, state: to, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  const actorName = firer.kind === 'staff' ? firer.actor.displayName : null;
  await trx
    .insertInto('opinion_event')
    .values({
      opinion_id: id,
      action: input.action,
      from_state: o.row.state,
      to_state: to,
      actor_kind: firer.kind,
      actor_id: firer.kind === 'staff' ? firer.actor.userId : null,
      actor_name: actorName,
      unit_id: effect.unitId ?? null,
      note: effect.note ?? null,
      public_note: effect.publicNote ?? null,
      data: JSON.stringify(effect.data ?? {}),
    })
    .execute();
  // A message to staff opens the opinion (the bell links to it).
  const link = `/opinions/${id}`;
  for (const m of effect.messages ?? [])
    await enqueue(trx, { scopeOrgId: o.row.org_id, ...(m.to.phoneSealed ? {} : { link }), ...m });
  // Last: the audit chain's lock is held from here to the commit.
  if (firer.kind !== 'constituent')
    await p.audit.record(trx, firer.ctx, {
      action: `opinion.${input.action}`,
      subjectType: 'opinion',
      subjectId: id,
      summary: { from: o.row.state, to },
    });
  return to;
}

/** A staff member takes a step on an opinion (one transaction). */
export function actOnOpinion(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: OpinionAction) {
  return inTransaction(p.db, (trx) => fireInTx(trx, p, id, input, { kind: 'staff', actor, ctx }));
}

/**
 * The same step on many opinions, each in its own transaction: one that does not fit its state
 * (or is out of scope) is reported and the others go ahead.
 */
export async function actOnMany(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  ids: number[],
  input: OpinionAction,
  lang: Lang,
) {
  const results = [];
  for (const id of [...new Set(ids)]) {
    try {
      const state = await actOnOpinion(p, ctx, actor, id, input);
      results.push({ id, ok: true, state });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const body = errorBody(err, lang, ctx.requestId);
      results.push({ id, ok: false, error: { code: body.error.code, message: body.error.message } });
    }
  }
  return { results };
}
