// Every step of a suggestion: fireInTx locks, decides (workflow.ts), applies the step's effect,
// appends exactly one suggestion_event, writes the outbox and audits last (after opinions/steps.ts).
import { sql, type UpdateObject } from 'kysely';
import {
  actionLabels,
  stateLabels,
  type SuggestionAction,
  type SuggestionState,
} from '../../../contracts/suggestions.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/policy.js';
import { isWithin } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday, daysBetween } from '../../platform/calendar/dates.js';
import { addWorkingDays } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue, type OutboxMessage } from '../../platform/notify/outbox.js';
import { accountsOfDeputies } from '../deputies/names.js';
import { orgById } from '../org/tree.js';
import { tellSuggestionAnswered } from '../opinions/deputy-desk.js';
import { registerInTx } from '../opinions/registration.js';
import { addMonths, answerDue, currentDue } from './clock.js';
import { actorDeputyId, displayNumber, loadSuggestion, type Loaded } from './load.js';
import { capacitiesOf, canRead } from './policy.js';
import { decide, type Capacity, type Decision, type WorkflowAction } from './workflow.js';

/** Who fires a step: a staff user (a deputy included) in a request, or the sweep. */
export type Firer = { kind: 'staff'; actor: Actor; ctx: RequestContext } | { kind: 'system'; ctx: RequestContext };

type Input = SuggestionAction | { action: 'commitmentDue' };

interface Effect {
  set?: UpdateObject<DB, 'suggestion'>;
  /** Where the step leads when it is not the table's `to` (分办 answers, ratings, returns). */
  to?: SuggestionState;
  note?: string | null;
  data?: Record<string, unknown>;
  unitId?: number | null;
  messages?: OutboxMessage[];
  /** Work after the event (notices to constituents). */
  after?: () => Promise<unknown>;
}

interface Ctx {
  trx: Tx;
  p: Platform;
  s: Loaded;
  firer: Firer;
  caps: Capacity[];
  today: string;
}

type Step<A extends Input['action']> = (c: Ctx, input: Extract<Input, { action: A }>) => Promise<Effect>;

const title = (s: Loaded) => s.row.title.replace(/\s+/g, ' ').slice(0, 30);
const number = (s: Loaded) => displayNumber(s.row.session_prefix, s.row.number) ?? `#${s.row.id}`;

function refuse(d: Exclude<Decision, { ok: true }>, action: WorkflowAction, s: Loaded): AppError {
  if (d.reason === 'state')
    return new AppError('SUGGESTION_ILLEGAL_TRANSITION', {
      state: d.state,
      action,
      vars: {
        zh: { state: stateLabels[d.state].zh, action: actionLabels[action].zh },
        en: { state: stateLabels[d.state].en, action: actionLabels[action].en },
      },
    });
  if (d.reason === 'rule') {
    // The dates the rules name, in both languages.
    const dates = { returnBy: s.row.return_day ?? '', rateBy: s.row.rate_day ?? '' };
    return new AppError(d.rule, { vars: { zh: dates, en: dates } });
  }
  return new AppError('FORBIDDEN');
}

/** Messages to the accounts of deputies (those linked to one). */
async function toDeputies(trx: Tx, ids: readonly number[], type: string, vars: OutboxMessage['vars'], key: string) {
  const accounts = await accountsOfDeputies(trx, ids);
  return [...accounts.values()].map((userId) => ({ type, to: { userId }, vars, dedupeKey: `${key}:${userId}` }));
}

/** Messages to every unit of the current assignment (everyone holding a role on it). */
function toUnits(s: Loaded, unitIds: readonly number[], type: string, vars: OutboxMessage['vars'], key: string) {
  return [...new Set(unitIds)].map((orgId) => ({
    type,
    to: { orgId },
    vars,
    dedupeKey: `${key}:${orgId}`,
    scopeOrgId: orgId,
  }));
}

const activeUnits = (s: Loaded) => s.units.filter((u) => u.state === 'assigned' || u.state === 'answered');

/** The actor's units on the suggestion with one of `roles` (a unit's staff act for their unit). */
function myUnits(c: Ctx, roles: readonly string[], states: readonly string[] = ['assigned', 'answered']) {
  if (c.firer.kind !== 'staff') return [];
  const held = c.firer.actor.roles.filter((g) => g.role === 'handlingUnitStaff').map((g) => g.orgPath);
  return c.s.units.filter(
    (u) => roles.includes(u.role) && states.includes(u.state) && held.some((h) => isWithin(u.unit_path, h)),
  );
}

/** A unit a suggestion may be assigned to: an active street office or department under the session's committee. */
async function handlingUnit(c: Ctx, id: number, field: string) {
  const u = await orgById(c.trx, id);
  if (!u || !u.active || !['streetOffice', 'department'].includes(u.kind) || !isWithin(u.path, c.s.row.org_path))
    throw invalid({ path: field, zh: '承办单位不存在或已停用', en: 'No such handling unit, or it is inactive' });
  return u;
}

/** Earlier years' suggestions of the same committee that share most of their key terms (年年提). */
async function repeatsOf(c: Ctx) {
  const terms = c.s.row.terms;
  if (terms.length < 3) return [];
  const rows = await c.trx
    .selectFrom('suggestion as s')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id',
      sql<number>`cardinality(ARRAY(SELECT unnest(s.terms) INTERSECT SELECT unnest(${terms}::text[])))`.as('shared'),
      sql<number>`cardinality(ARRAY(SELECT unnest(s.terms) UNION SELECT unnest(${terms}::text[])))`.as('joined'),
    ])
    .where('s.org_id', '=', c.s.row.org_id)
    .where('cs.year', '<', c.s.row.session_year)
    .where('s.number', 'is not', null)
    .where(sql<boolean>`s.terms && ${terms}::text[]`)
    .limit(200)
    .execute();
  return rows.filter((r) => r.joined > 0 && r.shared / r.joined >= 0.5).map((r) => r.id);
}

const steps: { [A in Input['action']]: Step<A> } = {
  async submit() {
    return { set: { submitted_at: new Date() } };
  },
  async withdraw(c, input) {
    await c.trx
      .updateTable('suggestion_unit')
      .set({ state: 'withdrawn' })
      .where('suggestion_id', '=', c.s.row.id)
      .where('state', '=', 'assigned')
      .execute();
    return { note: input.reason, set: { closed_at: new Date() } };
  },
  async returnForRevision(c, input) {
    return {
      note: input.reason,
      set: { review_reason: input.reason },
      messages: await toDeputies(
        c.trx,
        [c.s.row.lead_deputy_id],
        'suggestion.reviewed',
        { title: title(c.s), result: `退回修改：${input.reason.slice(0, 40)}` },
        `sug-review:${c.s.row.id}:${Date.now()}`,
      ),
    };
  },
  async accept(c, input) {
    // The session's counter row is the lock: numbers are given in commit order, never twice.
    const { n } = await c.trx
      .updateTable('congress_session')
      .set({ next_number: sql`next_number + 1` })
      .where('id', '=', c.s.row.session_id)
      .returning(sql<number>`next_number - 1`.as('n'))
      .executeTakeFirstOrThrow();
    const repeats = await repeatsOf(c);
    return {
      note: input.note ?? null,
      set: { number: n, review_reason: null, repeat_of: repeats },
      data: { number: n, repeatOf: repeats },
      messages: await toDeputies(
        c.trx,
        [c.s.row.lead_deputy_id],
        'suggestion.reviewed',
        { title: title(c.s), result: `已立案，编号${displayNumber(c.s.row.session_prefix, n)}` },
        `sug-accept:${c.s.row.id}`,
      ),
    };
  },
  async notAccept(c, input) {
    return {
      note: input.reason,
      set: { review_reason: input.reason, exclusions: input.exclusions, closed_at: new Date() },
      data: { exclusions: input.exclusions },
      messages: await toDeputies(
        c.trx,
        [c.s.row.lead_deputy_id],
        'suggestion.reviewed',
        { title: title(c.s), result: `不予立案：${input.reason.slice(0, 40)}` },
        `sug-review:${c.s.row.id}:${Date.now()}`,
      ),
    };
  },
  async convert(c, input) {
    if (c.firer.kind !== 'staff') throw new AppError('FORBIDDEN');
    const text = `${c.s.row.title}\n${c.s.row.content}`.slice(0, 5000);
    let opinion;
    try {
      opinion = await registerInTx(
        c.trx,
        c.p,
        {
          orgId: input.stationId,
          channel: 'visit',
          content: text,
          deputyIds: [c.s.row.lead_deputy_id],
          constituent: { anonymous: true },
        },
        { kind: 'staff', actor: c.firer.actor, ctx: c.firer.ctx },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED') throw err;
      throw invalid({
        path: 'body.stationId',
        zh: '联络站不存在或不在您的管理范围内',
        en: 'No such station in your scope',
      });
    }
    await c.trx
      .insertInto('suggestion_opinion')
      .values({ suggestion_id: c.s.row.id, opinion_id: opinion.id })
      .execute();
    return {
      note: input.reason,
      set: { review_reason: input.reason, closed_at: new Date() },
      data: { opinionId: opinion.id, receiptCode: opinion.receiptCode },
      messages: await toDeputies(
        c.trx,
        [c.s.row.lead_deputy_id],
        'suggestion.reviewed',
        { title: title(c.s), result: `转为群众意见办理（受理编号${opinion.receiptCode}）` },
        `sug-review:${c.s.row.id}:convert`,
      ),
    };
  },
  async merge(c, input) {
    const target = await loadSuggestion(c.trx, input.intoId, false);
    if (
      !target ||
      target.row.id === c.s.row.id ||
      target.row.org_id !== c.s.row.org_id ||
      !['accepted', 'assigned', 'answered', 'reHandling', 'closed'].includes(target.row.state)
    )
      throw invalid({
        path: 'body.intoId',
        zh: '并入的建议不存在，或尚未立案',
        en: 'The suggestion to merge into does not exist or is not accepted',
      });
    return {
      note: input.reason ?? null,
      set: { merged_into: target.row.id, closed_at: new Date() },
      data: { intoId: target.row.id, intoNumber: displayNumber(target.row.session_prefix, target.row.number) },
    };
  },
  async assign(c, input) {
    const ids =
      input.mode === 'joint'
        ? [input.leadUnitId ?? 0, ...input.coUnitIds.filter((id) => id !== input.leadUnitId)]
        : [...new Set(input.unitIds)];
    if (input.mode === 'joint' && !input.leadUnitId)
      throw invalid({ path: 'body.leadUnitId', zh: '请选择主办单位', en: 'Choose the lead unit' });
    if (input.mode === 'separate' && !ids.length)
      throw invalid({ path: 'body.unitIds', zh: '请选择分办单位', en: 'Choose the units' });
    const units = [];
    for (const [i, id] of [...new Set(ids)].entries())
      units.push(
        await handlingUnit(
          c,
          id,
          input.mode === 'separate' ? `body.unitIds.${i}` : i === 0 ? 'body.leadUnitId' : `body.coUnitIds.${i - 1}`,
        ),
      );
    await c.trx
      .updateTable('suggestion_unit')
      .set({ state: 'withdrawn' })
      .where('suggestion_id', '=', c.s.row.id)
      .where('state', 'in', ['assigned', 'answered'])
      .execute();
    await c.trx
      .insertInto('suggestion_unit')
      .values(
        units.map((u, i) => ({
          suggestion_id: c.s.row.id,
          unit_id: u.id,
          unit_path: u.path,
          role: input.mode === 'separate' ? 'separate' : i === 0 ? 'lead' : 'co',
          state: 'assigned',
        })),
      )
      .execute();
    const rules = c.s.rules;
    const returnBy = await addWorkingDays(c.trx, c.today, rules.returnWindowWorkingDays);
    const due = answerDue({ assigned_on: c.today, extension_months: 0, paused_days: 0 }, rules)!;
    return {
      set: {
        mode: input.mode,
        assigned_on: c.today,
        answer_due: due,
        extension_months: 0,
        extension_pending: null,
        paused_since: null,
        paused_days: 0,
        return_by: returnBy,
        co_view_due: addMonths(c.today, rules.coViewMonths),
      },
      data: { mode: input.mode, units: units.map((u) => ({ id: u.id, name: u.name })), due, returnBy },
      messages: toUnits(
        c.s,
        units.map((u) => u.id),
        'suggestion.assigned',
        { number: number(c.s), title: title(c.s), due },
        `sug-assign:${c.s.row.id}:${c.today}`,
      ),
    };
  },
  async returnAssignment(c, input) {
    const mine = myUnits(c, ['lead', 'separate'], ['assigned']);
    if (!mine.length) throw new AppError('FORBIDDEN');
    // The lead unit returns the whole assignment (its co-units go with it); a separate unit only its own part.
    const returning = mine.some((u) => u.role === 'lead') ? activeUnits(c.s) : mine;
    await c.trx
      .updateTable('suggestion_unit')
      .set({ state: 'returned' })
      .where(
        'id',
        'in',
        returning.map((u) => u.id),
      )
      .execute();
    const left = activeUnits(c.s).filter((u) => !returning.some((r) => r.id === u.id));
    return {
      note: input.reason,
      unitId: mine[0]!.unit_id,
      to: left.length ? (c.s.row.state as SuggestionState) : 'accepted',
      data: { units: returning.map((u) => u.unit_id) },
      ...(left.length ? {} : { set: { assigned_on: null, answer_due: null, return_by: null, co_view_due: null } }),
    };
  },
  async coView(c, input) {
    const mine = myUnits(c, ['co']);
    if (!mine.length) throw new AppError('FORBIDDEN');
    await c.trx
      .updateTable('suggestion_unit')
      .set({ co_view: input.view, co_view_at: new Date() })
      .where(
        'id',
        'in',
        mine.map((u) => u.id),
      )
      .execute();
    return { note: input.view.slice(0, 200), unitId: mine[0]!.unit_id };
  },
  async requestExtension(c, input) {
    const mine = myUnits(c, ['lead', 'separate'], ['assigned']);
    return {
      note: input.reason,
      unitId: mine[0]?.unit_id ?? null,
      set: { extension_pending: JSON.stringify({ months: input.months, reason: input.reason }) },
      data: { months: input.months },
    };
  },
  async decideExtension(c, input) {
    const pending = c.s.row.extension_pending as { months: number; reason: string };
    if (!input.approve)
      return { note: input.reason ?? null, set: { extension_pending: null }, data: { approve: false } };
    const room = c.s.rules.maxMonths - c.s.rules.answerMonths - c.s.row.extension_months;
    const months = Math.min(input.months ?? pending.months, room);
    if (months < 1)
      throw invalid({
        path: 'body.months',
        zh: `已达到最长办理期限（${c.s.rules.maxMonths} 个月），不能再延期`,
        en: `The longest time allowed (${c.s.rules.maxMonths} months) is reached`,
      });
    const extension = c.s.row.extension_months + months;
    const due = answerDue(
      { assigned_on: c.s.row.assigned_day, extension_months: extension, paused_days: c.s.row.paused_days },
      c.s.rules,
    );
    return {
      note: input.reason ?? null,
      set: { extension_pending: null, extension_months: extension, answer_due: due },
      data: { approve: true, months, due },
    };
  },
  async pause(c, input) {
    return { note: input.reason, set: { paused_since: c.today } };
  },
  async resume(c, input) {
    const days = Math.max(0, daysBetween(c.s.row.paused_day!, c.today));
    const paused = c.s.row.paused_days + days;
    const due = answerDue(
      { assigned_on: c.s.row.assigned_day, extension_months: c.s.row.extension_months, paused_days: paused },
      c.s.rules,
    );
    return {
      note: input.note ?? null,
      set: {
        paused_since: null,
        paused_days: paused,
        answer_due: due,
        ...(c.s.row.redo_day ? { redo_due: addDays(c.s.row.redo_day, days) } : {}),
      },
      data: { days, due },
    };
  },
  async progress(c, input) {
    return { note: input.note, unitId: myUnits(c, ['lead', 'separate'])[0]?.unit_id ?? null };
  },
  async consult(c, input) {
    const mine = myUnits(c, ['lead', 'co', 'separate']);
    if (!mine.length) throw new AppError('FORBIDDEN');
    const at = new Date(input.at);
    if (at.getTime() > Date.now() + 5 * 60_000)
      throw invalid({ path: 'body.at', zh: '面商时间不能晚于现在', en: 'The consultation cannot be in the future' });
    await c.trx
      .insertInto('suggestion_consultation')
      .values({
        suggestion_id: c.s.row.id,
        unit_id: mine[0]!.unit_id,
        at,
        method: input.method,
        stage: input.stage,
        attendees: input.attendees,
        notes: input.notes ?? null,
        recorded_by: c.firer.kind === 'staff' ? c.firer.actor.userId : null,
      })
      .execute();
    return { unitId: mine[0]!.unit_id, note: input.notes ?? null, data: { method: input.method, stage: input.stage } };
  },
  async answer(c, input) {
    const mine = myUnits(c, ['lead', 'separate'], ['assigned']);
    if (!mine.length) throw new AppError('FORBIDDEN');
    const needsDate = input.answerClass === 'B' || input.answerClass === 'C';
    if (needsDate && !input.commitmentDate)
      throw invalid({
        path: 'body.commitmentDate',
        zh: 'B、C 类答复须写明承诺解决的日期',
        en: 'A B or C answer needs the date by which it will be solved',
      });
    if (needsDate && input.commitmentDate! <= c.today)
      throw invalid({
        path: 'body.commitmentDate',
        zh: '承诺日期应晚于今天',
        en: 'The committed date must be after today',
      });
    const unit = mine[0]!;
    const due = currentDue({ ...clockRow(c.s), state: c.s.row.state }, c.s.rules);
    const onTime = !!due && c.today <= due;
    const consulted = !!(await c.trx
      .selectFrom('suggestion_consultation')
      .select('id')
      .where('suggestion_id', '=', c.s.row.id)
      .where('unit_id', '=', unit.unit_id)
      .executeTakeFirst());
    const { round } = await c.trx
      .selectFrom('suggestion_answer')
      .select(sql<number>`count(*)::int + 1`.as('round'))
      .where('suggestion_id', '=', c.s.row.id)
      .where('unit_id', '=', unit.unit_id)
      .executeTakeFirstOrThrow();
    await c.trx
      .insertInto('suggestion_answer')
      .values({
        suggestion_id: c.s.row.id,
        unit_id: unit.unit_id,
        round,
        answer_class: input.answerClass,
        content: input.content,
        commitment_date: needsDate ? input.commitmentDate! : null,
        signed_by: input.signedBy,
        on_time: onTime,
        consulted,
        answered_by: c.firer.kind === 'staff' ? c.firer.actor.userId : null,
      })
      .execute();
    await c.trx.updateTable('suggestion_unit').set({ state: 'answered' }).where('id', '=', unit.id).execute();
    const waiting = activeUnits(c.s).filter((u) => u.id !== unit.id && u.state === 'assigned' && u.role !== 'co');
    const data = {
      answerClass: input.answerClass,
      onTime,
      consulted,
      round,
      commitmentDate: input.commitmentDate ?? null,
    };
    if (waiting.length) return { unitId: unit.unit_id, to: c.s.row.state as SuggestionState, data };
    const first = c.s.row.first_answered_at === null;
    const publishAt = c.s.row.publishable
      ? await addWorkingDays(c.trx, c.today, c.s.rules.publishAfterWorkingDays)
      : null;
    const merged = await c.trx
      .selectFrom('suggestion')
      .select('lead_deputy_id')
      .where('merged_into', '=', c.s.row.id)
      .execute();
    const signers = (
      await c.trx
        .selectFrom('suggestion_signer')
        .select('deputy_id')
        .where('suggestion_id', '=', c.s.row.id)
        .where('state', '=', 'confirmed')
        .execute()
    ).map((r) => r.deputy_id);
    const opinions = await c.trx
      .selectFrom('suggestion_opinion')
      .select('opinion_id')
      .where('suggestion_id', 'in', (eb) =>
        eb
          .selectFrom('suggestion')
          .select('id')
          .where((w) => w.or([w('id', '=', c.s.row.id), w('merged_into', '=', c.s.row.id)])),
      )
      .execute();
    const p = c.p;
    const trx = c.trx;
    const key = `${c.s.row.id}:${c.s.row.redo_count}:${c.s.row.commitment_reopened}`;
    return {
      unitId: unit.unit_id,
      data,
      set: {
        answer_class: input.answerClass,
        answered_at: new Date(),
        rate_by: addDays(c.today, c.s.rules.rateWindowDays),
        commitment_date: needsDate ? input.commitmentDate! : null,
        commitment_reopened: false,
        ...(publishAt ? { publish_at: new Date(`${publishAt}T00:00:00+08:00`) } : {}),
        ...(first ? { first_answered_at: new Date(), answered_on_time: onTime, consulted_before: consulted } : {}),
      },
      messages: await toDeputies(
        c.trx,
        [c.s.row.lead_deputy_id, ...signers, ...merged.map((m) => m.lead_deputy_id)],
        'suggestion.answered',
        { number: number(c.s), title: title(c.s) },
        `sug-answered:${key}`,
      ),
      after: () =>
        tellSuggestionAnswered(
          trx,
          p,
          opinions.map((o) => o.opinion_id),
          key,
        ),
    };
  },
  async rate(c, input) {
    const bad = input.communication === 'dissatisfied' || input.result === 'dissatisfied';
    const data = { communication: input.communication, result: input.result, comment: input.comment ?? null };
    if (!c.caps.includes('lead')) {
      if (!c.s.rules.coSignersRate) throw new AppError('FORBIDDEN');
      // A co-signer's rating is recorded; the lead deputy's decides what happens next.
      return { data: { ...data, coSigner: true }, to: 'answered' };
    }
    const first =
      c.s.row.first_rating_result === null
        ? { first_rating_communication: input.communication, first_rating_result: input.result }
        : {};
    const rating = { rating_communication: input.communication, rating_result: input.result, ...first };
    if (bad && c.s.row.redo_count === 0) {
      const redoDue = addMonths(c.today, c.s.rules.redoMonths);
      const answered = activeUnits(c.s).filter((u) => u.role !== 'co');
      await c.trx
        .updateTable('suggestion_unit')
        .set({ state: 'assigned' })
        .where(
          'id',
          'in',
          answered.map((u) => u.id),
        )
        .execute();
      return {
        to: 'reHandling',
        note: input.comment ?? null,
        data,
        set: { ...rating, redo_count: 1, redo_due: redoDue, paused_since: null },
        messages: toUnits(
          c.s,
          answered.map((u) => u.unit_id),
          'suggestion.reopened',
          { number: number(c.s), title: title(c.s), due: redoDue },
          `sug-redo:${c.s.row.id}`,
        ),
      };
    }
    return { to: 'closed', note: input.comment ?? null, data, set: { ...rating, closed_at: new Date() } };
  },
  async close(c, input) {
    return { note: input.note ?? null, data: { unrated: true }, set: { closed_at: new Date() } };
  },
  async markKey(c, input) {
    return {
      note: input.leaders ?? null,
      data: { key: input.key },
      set: { key_supervision: input.key, key_leaders: input.key ? (input.leaders ?? null) : null },
    };
  },
  async keyProgress(c, input) {
    return { note: input.note };
  },
  async supervise(c, input) {
    const due = currentDue({ ...clockRow(c.s), state: c.s.row.state }, c.s.rules) ?? c.today;
    return {
      note: input.note,
      messages: toUnits(
        c.s,
        activeUnits(c.s)
          .filter((u) => u.state === 'assigned')
          .map((u) => u.unit_id),
        'suggestion.supervision',
        { number: number(c.s), title: title(c.s), due },
        `sug-supervise:${c.s.row.id}:${c.today}`,
      ),
    };
  },
  async setPublic(c, input) {
    return {
      note: input.reason ?? null,
      data: { publishable: input.publishable },
      set: { publishable: input.publishable, not_public_reason: input.publishable ? null : (input.reason ?? null) },
    };
  },
  async commitmentDue(c) {
    const redoDue = addMonths(c.today, c.s.rules.redoMonths);
    const answering = c.s.units.filter((u) => u.state === 'answered' && u.role !== 'co');
    await c.trx
      .updateTable('suggestion_unit')
      .set({ state: 'assigned' })
      .where('id', 'in', answering.length ? answering.map((u) => u.id) : [0])
      .execute();
    return {
      note: `承诺日期 ${c.s.row.commitment_day} 已到，须再次答复`,
      data: { commitmentDate: c.s.row.commitment_day, redoDue },
      set: { commitment_reopened: true, redo_due: redoDue, closed_at: null },
      messages: toUnits(
        c.s,
        answering.map((u) => u.unit_id),
        'suggestion.reopened',
        { number: number(c.s), title: title(c.s), due: redoDue },
        `sug-commitment:${c.s.row.id}:${c.s.row.commitment_day}`,
      ),
    };
  },
};

/** The clock's stored dates of a loaded suggestion. */
export function clockRow(s: Loaded) {
  return {
    state: s.row.state,
    assigned_on: s.row.assigned_day,
    extension_months: s.row.extension_months,
    paused_since: s.row.paused_day,
    paused_days: s.row.paused_days,
    redo_due: s.row.redo_day,
    return_by: s.row.return_day,
    co_view_due: s.row.co_view_day,
    rate_by: s.row.rate_day,
    commitment_date: s.row.commitment_day,
  };
}

/**
 * Fires one step in `trx`: lock → decide → effect → one suggestion_event → outbox → audit (last).
 * A step that does not fit the state is 409 naming it; one the person may not take is 403; a
 * suggestion they may not read is 404.
 */
export async function fireInTx(trx: Tx, p: Platform, id: number, input: Input, firer: Firer): Promise<SuggestionState> {
  const s = await loadSuggestion(trx, id, true);
  if (!s) throw new AppError('NOT_FOUND');
  let caps: Capacity[];
  if (firer.kind === 'staff') {
    const deputyId = await actorDeputyId(trx, firer.actor);
    if (!canRead(firer.actor, deputyId, s.scope)) throw new AppError('NOT_FOUND');
    caps = capacitiesOf(firer.actor, deputyId, s.scope);
  } else caps = ['system'];
  const d = decide(s.facts, input.action, caps);
  if (!d.ok) throw refuse(d, input.action, s);
  const today = chinaToday();
  const effect = await (steps[input.action] as Step<typeof input.action>)(
    { trx, p, s, firer, caps, today },
    input as never,
  );
  const to = effect.to ?? d.to;
  await trx
    .updateTable('suggestion')
    .set({ ...effect.set, state: to, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('suggestion_event')
    .values({
      suggestion_id: id,
      action: input.action,
      from_state: s.row.state,
      to_state: to,
      actor_id: firer.kind === 'staff' ? firer.actor.userId : null,
      actor_name: firer.kind === 'staff' ? firer.actor.displayName : null,
      unit_id: effect.unitId ?? null,
      note: effect.note ?? null,
      data: effect.data ? JSON.stringify(effect.data) : null,
    })
    .execute();
  // A message to staff opens the suggestion (the bell links to it).
  for (const m of effect.messages ?? [])
    await enqueue(trx, { ...(m.to.phoneSealed ? {} : { link: `/suggestions/${id}` }), ...m });
  await effect.after?.();
  await p.audit.record(trx, firer.ctx, {
    action: `suggestion.${input.action}`,
    subjectType: 'suggestion',
    subjectId: id,
    summary: { from: s.row.state, to, ...(effect.data ?? {}) },
  });
  return to;
}

/** One step by a signed-in user, in its own transaction. */
export function actOnSuggestion(p: Platform, ctx: RequestContext, actor: Actor, id: number, input: SuggestionAction) {
  return inTransaction(p.db, (trx) => fireInTx(trx, p, id, input, { kind: 'staff', actor, ctx }));
}
