import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionFigures, SuggestionView } from '../../../contracts/suggestions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createOpinion,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { onChinaDays } from '../../../../test/support/china-day.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { addDays, chinaToday, daysBetween, isoWeekday, yearOf } from '../../platform/calendar/dates.js';
import { sql } from 'kysely';
import { formatReceiptCode } from '../opinions/receipt.js';
import { addMonths } from './clock.js';
import { sweepSuggestions } from './jobs.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let sessionId: number;
let lead: { id: number; name: string };
let cosigner: { id: number; name: string };
let bureau: { id: number; path: string; name: string };

const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);
const today = () => chinaToday();

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const p = t.platform;
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0 });
  const deputyB = await createUser(p, d.orgs.stationA, 'deputy');
  const otherDeputy = await createUser(p, d.orgs.stationB, 'deputy');
  const { id: bureauId } = await p.db
    .insertInto('organization')
    .values({
      name: `测试区住建局${d.orgs.root.id}`,
      kind: 'department',
      parent_id: d.orgs.root.id,
      path: `${d.orgs.root.path}.0`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await p.db
    .updateTable('organization')
    .set({ path: `${d.orgs.root.path}.${bureauId}` })
    .where('id', '=', bureauId)
    .execute();
  bureau = { id: bureauId, path: `${d.orgs.root.path}.${bureauId}`, name: '住建局' };
  const bureauStaff = await createUser(p, { id: bureauId, path: bureau.path, name: bureau.name }, 'handlingUnitStaff');
  users = { ...d.users, deputyB, otherDeputy, bureauStaff };
  lead = await createDeputy(p, d, { org: d.orgs.root, station: d.orgs.stationA, user: d.users.deputyA });
  cosigner = await createDeputy(p, d, { org: d.orgs.root, station: d.orgs.stationA, user: deputyB });
  await createDeputy(p, d, { org: d.orgs.root, station: d.orgs.stationB, user: otherDeputy });
  const s = await (
    await as('districtOfficer')
  ).post<{ id: number }>('/api/suggestions/sessions', {
    name: '第一次会议',
    kind: 'session',
    year: yearOf(today()),
    prefix: '',
  });
  expect(s.status).toBe(201);
  sessionId = s.body.id;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function step(who: string, id: number, body: Record<string, unknown>, status = 200) {
  const r = await (
    await as(who)
  ).post<SuggestionView & { error?: { code: string } }>(`/api/suggestions/${id}/actions`, body);
  expect([r.status, r.body.error?.code, who, body.action]).toEqual([status, r.body.error?.code, who, body.action]);
  return r.body;
}

async function draft(title = '关于增设过街信号灯的建议', extra: Record<string, unknown> = {}) {
  const r = await (
    await as('deputyA')
  ).post<SuggestionView>('/api/suggestions', {
    sessionId,
    title,
    content: `${title}：路口人流量大，老人和学生过街困难，建议增设行人信号灯。`,
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body;
}

/** A suggestion accepted and assigned to station A's street office as lead unit. */
async function assigned(title?: string) {
  const s = await draft(title);
  await step('deputyA', s.id, { action: 'submit' });
  await step('districtOfficer', s.id, { action: 'accept' });
  return step('districtOfficer', s.id, { action: 'assign', mode: 'joint', leadUnitId: d.orgs.officeA.id });
}

/** Assigned jointly, to office A with the bureau as co-unit; with the China day(s) the step ran on. */
function withCoUnit(id: number) {
  return onChinaDays(() =>
    step('districtOfficer', id, {
      action: 'assign',
      mode: 'joint',
      leadUnitId: d.orgs.officeA.id,
      coUnitIds: [bureau.id],
    }),
  );
}

describe('a suggestion from drafting to the rating', () => {
  it('goes from an escalated opinion to an answer the deputy rates, the constituent is told, the portal shows it, the commitment reopens it', async () => {
    const opinion = await createOpinion(t.platform, d, 'escalated', { phone: '13700001234' });
    const s = await draft('关于整治学校周边交通秩序的建议', { opinionIds: [opinion.id] });
    expect(s.state).toBe('draft');
    expect(s.opinions.map((o) => o.id)).toEqual([opinion.id]);
    expect(s.capacities).toEqual(['lead']);
    const linked = await (
      await as('streetOfficerA')
    ).get<{ suggestionRef: string | null }>(`/api/opinions/${opinion.id}`);
    expect(linked.body.suggestionRef).toBe(`建议#${s.id}`);

    // Co-signing: invited, then nothing can be submitted until they answer.
    const invited = await (
      await as('deputyA')
    ).post<SuggestionView>(`/api/suggestions/${s.id}/signers`, { deputyIds: [cosigner.id] });
    expect(invited.body.signers).toEqual([expect.objectContaining({ deputyId: cosigner.id, state: 'invited' })]);
    await step('deputyA', s.id, { action: 'submit' }, 409);
    const candidates = await (
      await as('deputyA')
    ).get<{ items: { id: number }[] }>(`/api/suggestions/${s.id}/signer-candidates`);
    expect(candidates.body.items.map((c) => c.id)).toContain(cosigner.id);
    expect(candidates.body.items.map((c) => c.id)).not.toContain(lead.id);
    const mine = await (await as('deputyB')).get<{ items: { id: number }[] }>('/api/suggestions?queue=invitations');
    expect(mine.body.items.map((i) => i.id)).toContain(s.id);
    const confirmed = await (
      await as('deputyB')
    ).request<SuggestionView>('PUT', `/api/suggestions/${s.id}/signers/me`, { accept: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.signers[0]).toEqual(expect.objectContaining({ state: 'confirmed' }));
    expect(confirmed.body.capacities).toEqual(['coSigner']);

    await step('deputyA', s.id, { action: 'submit' });
    const accepted = await step('districtOfficer', s.id, { action: 'accept' });
    expect(accepted.number).toMatch(/^第\d+号$/);
    const { result: a, days } = await withCoUnit(s.id);
    expect(a.state).toBe('assigned');
    // Assigned on the day of the step (midnight in China may fall during the test), due 3 months on.
    expect(days).toContain(a.clock.assignedOn);
    expect(a.clock.answerDue).toBe(addMonths(a.clock.assignedOn!, 3));
    expect(a.clock.explanation.zh).toContain('答复期限 3 个月');
    expect(a.units.map((u) => [u.unitId, u.role])).toEqual([
      [d.orgs.officeA.id, 'lead'],
      [bureau.id, 'co'],
    ]);

    // The co-unit sends its view; the lead unit consults the deputy, then answers B with a date.
    await step('bureauStaff', s.id, { action: 'coView', view: '住建局同意配合设置临时停车区。' });
    await step('bureauStaff', s.id, { action: 'answer', answerClass: 'A', content: 'x', signedBy: '局长' }, 403);
    await step('unitStaffA', s.id, {
      action: 'consult',
      at: new Date().toISOString(),
      method: 'faceToFace',
      stage: 'before',
      attendees: '代表、街道办',
    });
    await step(
      'unitStaffA',
      s.id,
      { action: 'answer', answerClass: 'B', content: '已纳入计划，联系电话 13912345678。', signedBy: '主任' },
      400,
    );
    const commitment = addDays(today(), 60);
    const answered = await step('unitStaffA', s.id, {
      action: 'answer',
      answerClass: 'B',
      content: '已纳入明年计划，联系人电话 13912345678，身份证 330206199001011234。',
      commitmentDate: commitment,
      signedBy: '主任',
    });
    expect(answered.state).toBe('answered');
    expect(answered.answers[0]).toEqual(
      expect.objectContaining({ answerClass: 'B', onTime: true, commitmentDate: commitment }),
    );

    // The constituent behind the opinion is told, with the follow link.
    const told = await t.platform.db
      .selectFrom('notify_message')
      .select(['vars', 'to_phone_sealed'])
      .where('type', '=', 'opinion.suggestionAnswered')
      .execute();
    expect(told).toHaveLength(1);
    expect(t.platform.fields.decrypt(told[0]!.to_phone_sealed!)).toBe('13700001234');
    expect((told[0]!.vars as { followUrl: string }).followUrl).toContain('/follow?code=');

    // Only the lead deputy's rating decides; satisfied closes it.
    const rated = await step('deputyA', s.id, {
      action: 'rate',
      communication: 'satisfied',
      result: 'basicallySatisfied',
    });
    expect(rated.state).toBe('closed');

    // Published once the rules' delay has passed (set to none here), with contacts removed.
    await (
      await as('districtOfficer')
    ).request('PUT', '/api/suggestions/rules', {
      answerMonths: 3,
      maxMonths: 6,
      redoMonths: 1,
      coViewMonths: 1,
      returnWindowWorkingDays: 7,
      rateWindowDays: 30,
      publishAfterWorkingDays: 0,
      coSignersRate: false,
    });
    await t.platform.db
      .updateTable('suggestion')
      .set({ publish_at: new Date(Date.now() - 1000) })
      .where('id', '=', s.id)
      .execute();
    // As the portal asks: no session.
    const pub = await new TestClient(app).get<{ items: { id: number; answer: string; deputies: string[] }[] }>(
      '/api/public/suggestions?q=交通秩序',
    );
    expect(pub.status).toBe(200);
    const shown = pub.body.items.find((i) => i.id === s.id)!;
    expect(shown.deputies).toEqual([lead.name, cosigner.name]);
    expect(shown.answer).not.toContain('13912345678');
    expect(shown.answer).not.toContain('330206199001011234');
    expect(shown.answer).toContain('已纳入明年计划');
    // The day of the answer is China's: 01:30 on 2 March in Beijing is still 1 March in UTC.
    await t.platform.db
      .updateTable('suggestion')
      .set({ answered_at: new Date('2026-03-01T17:30:00Z') })
      .where('id', '=', s.id)
      .execute();
    const dated = await new TestClient(app).get<{ items: { id: number; answeredOn: string | null }[] }>(
      '/api/public/suggestions?q=交通秩序',
    );
    expect(dated.body.items.find((i) => i.id === s.id)?.answeredOn).toBe('2026-03-02');

    // The committed date comes: the sweep reopens it for the unit, once.
    expect(await sweepSuggestions(t.platform, addDays(commitment, -1))).toEqual(
      expect.objectContaining({ reopened: 0 }),
    );
    expect((await sweepSuggestions(t.platform, commitment)).reopened).toBe(1);
    expect((await sweepSuggestions(t.platform, commitment)).reopened).toBe(0);
    const reopened = await (await as('unitStaffA')).get<SuggestionView>(`/api/suggestions/${s.id}`);
    expect(reopened.body.state).toBe('reHandling');
    expect(reopened.body.allowedActions).toContain('answer');
  });

  it('lets the constituent behind the opinion read the answer and rate it once, with the receipt code', async () => {
    const opinion = await createOpinion(t.platform, d, 'escalated', { phone: '13700005678' });
    const other = await createOpinion(t.platform, d, 'escalated', { phone: '13700009999' });
    const codeOf = async (id: number) =>
      formatReceiptCode(
        (
          await t.platform.db
            .selectFrom('opinion')
            .select('receipt_code')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).receipt_code,
      );
    const portal = new TestClient(app);
    const proof = { receiptCode: await codeOf(opinion.id), phoneLast4: '5678' };
    const s = await draft('关于增设社区养老食堂的建议', { opinionIds: [opinion.id] });
    // A draft is not shown to the constituent yet.
    expect((await portal.post<{ items: unknown[] }>('/api/public/suggestions/for-opinion', proof)).body.items).toEqual(
      [],
    );
    await step('deputyA', s.id, { action: 'submit' });
    await step('districtOfficer', s.id, { action: 'accept' });
    await step('districtOfficer', s.id, { action: 'assign', mode: 'joint', leadUnitId: d.orgs.officeA.id });
    const before = await portal.post<{ items: { id: number; state: string; canRate: boolean }[] }>(
      '/api/public/suggestions/for-opinion',
      proof,
    );
    expect(before.body.items).toEqual([expect.objectContaining({ id: s.id, state: 'assigned', canRate: false })]);
    const early = await portal.post<{ error: { code: string } }>('/api/public/suggestions/rate', {
      ...proof,
      suggestionId: s.id,
      level: 'satisfied',
    });
    expect([early.status, early.body.error.code]).toEqual([409, 'SUGGESTION_NOT_ANSWERED']);
    await step('unitStaffA', s.id, {
      action: 'answer',
      answerClass: 'A',
      content: '已在社区服务中心开设老年食堂，联系电话 13912345678。',
      signedBy: '主任',
    });

    // Wrong phone digits and a suggestion the opinion did not lead to look the same as a wrong code.
    expect((await portal.post('/api/public/suggestions/for-opinion', { ...proof, phoneLast4: '0000' })).status).toBe(
      404,
    );
    const foreign = await portal.post('/api/public/suggestions/rate', {
      receiptCode: await codeOf(other.id),
      phoneLast4: '9999',
      suggestionId: s.id,
      level: 'dissatisfied',
    });
    expect(foreign.status).toBe(404);
    const bad = await portal.post<{ error: { fields: { path: string }[] } }>('/api/public/suggestions/rate', {
      ...proof,
      suggestionId: s.id,
      level: 'excellent',
    });
    expect([bad.status, bad.body.error.fields.map((f) => f.path)]).toEqual([400, ['body.level']]);

    const shown = await portal.post<{ items: { answer: string; answerClass: string; canRate: boolean }[] }>(
      '/api/public/suggestions/for-opinion',
      proof,
    );
    expect(shown.body.items[0]).toEqual(expect.objectContaining({ answerClass: 'A', canRate: true }));
    expect(shown.body.items[0]!.answer).toContain('老年食堂');
    expect(shown.body.items[0]!.answer).not.toContain('13912345678');
    const rated = await portal.post<{ items: { canRate: boolean; myRating: string }[] }>(
      '/api/public/suggestions/rate',
      { ...proof, suggestionId: s.id, level: 'basicallySatisfied', comment: '希望增加菜品' },
    );
    expect(rated.status).toBe(200);
    expect(rated.body.items[0]).toEqual(expect.objectContaining({ canRate: false, myRating: 'basicallySatisfied' }));
    const again = await portal.post<{ error: { code: string } }>('/api/public/suggestions/rate', {
      ...proof,
      suggestionId: s.id,
      level: 'dissatisfied',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'SUGGESTION_ALREADY_RATED']);

    // The committee and the deputy see the count (never who), one event in the timeline, audited.
    const view = await (await as('districtOfficer')).get<SuggestionView>(`/api/suggestions/${s.id}`);
    expect(view.body.constituentRatings).toEqual({ satisfied: 0, basicallySatisfied: 1, dissatisfied: 0 });
    expect(view.body.events.filter((e) => e.action === 'constituentRate')).toHaveLength(1);
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'suggestion.constituentRate')
      .where('subject_id', '=', String(s.id))
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('reminds a co-unit whose view is due, once a week, until it is sent', async () => {
    const s = await draft('关于改造老旧小区雨污管网的建议');
    await step('deputyA', s.id, { action: 'submit' });
    await step('districtOfficer', s.id, { action: 'accept' });
    const { result: a, days } = await withCoUnit(s.id);
    const due = a.clock.coViewDue!;
    expect(days).toContain(a.clock.assignedOn);
    expect(due).toBe(addMonths(a.clock.assignedOn!, 1));
    const coViewMessages = () =>
      t.platform.db
        .selectFrom('notify_message')
        .select(['vars'])
        .where('type', '=', 'suggestion.coViewDue')
        .where(sql<boolean>`vars->>'title' = ${a.title.slice(0, 30)}`)
        .execute();
    await sweepSuggestions(t.platform, addDays(due, -6));
    expect(await coViewMessages()).toHaveLength(0);
    // Two sweeps in one week, Monday to Sunday, within the five days: one message.
    const first = isoWeekday(addDays(due, -5)) === 7 ? addDays(due, -4) : addDays(due, -5);
    await sweepSuggestions(t.platform, first);
    await sweepSuggestions(t.platform, addDays(first, 1)); // the same week: no second message
    const sent = await coViewMessages();
    expect(sent.length).toBe(1);
    expect(sent[0]!.vars).toEqual(expect.objectContaining({ due }));
    // The next week begins on a Monday: the co-unit is reminded again.
    await sweepSuggestions(t.platform, addDays(first, 8 - isoWeekday(first)));
    expect(await coViewMessages()).toHaveLength(2);
    await step('bureauStaff', s.id, { action: 'coView', view: '同意配合。' });
    await sweepSuggestions(t.platform, addDays(due, 10));
    expect(await coViewMessages()).toHaveLength(2);
  });

  it('is refused with a field error when it names an opinion the deputy may not take up', async () => {
    const street = await createOpinion(t.platform, d, 'triaged');
    const r = await (
      await as('deputyA')
    ).post<{ error: { fields: { path: string }[] } }>('/api/suggestions', {
      sessionId,
      title: '不应成功',
      content: '内容',
      opinionIds: [street.id],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0]!.path).toBe('body.opinionIds.0');
    const count = await t.platform.db.selectFrom('suggestion').select('id').where('title', '=', '不应成功').execute();
    expect(count).toEqual([]);
  });

  it('numbers 50 suggestions accepted at once 1…50 in the session, none twice, none skipped', async () => {
    const s2 = await (
      await as('districtOfficer')
    ).post<{ id: number }>('/api/suggestions/sessions', {
      name: '闭会期间编号测试',
      kind: 'interim',
      year: yearOf(today()),
      prefix: '闭',
    });
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await (
        await as('deputyA')
      ).post<SuggestionView>('/api/suggestions', {
        sessionId: s2.body.id,
        title: `编号测试${i}`,
        content: '内容',
      });
      await step('deputyA', r.body.id, { action: 'submit' });
      ids.push(r.body.id);
    }
    const committee = await as('districtOfficer');
    const results = await Promise.all(
      ids.map((id) => committee.post<SuggestionView>(`/api/suggestions/${id}/actions`, { action: 'accept' })),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const numbers = results.map((r) => Number(r.body.number!.replace(/\D/g, ''))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results[0]!.body.number).toMatch(/^闭第\d+号$/);
  });
});

describe('the committee', () => {
  it('flags a suggestion raised again from an earlier year (年年提) and keeps key supervision with its leaders', async () => {
    const lastYear = await t.platform.db
      .insertInto('congress_session')
      .values({ org_id: d.orgs.root.id, name: '去年会议', kind: 'session', year: yearOf(today()) - 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const text = '老旧小区加装电梯审批环节多周期长，居民上下楼困难，建议简化审批流程并给予补助';
    const old = await (
      await as('deputyA')
    ).post<SuggestionView>('/api/suggestions', {
      sessionId: lastYear.id,
      title: '关于老旧小区加装电梯的建议',
      content: text,
    });
    await step('deputyA', old.body.id, { action: 'submit' });
    await step('districtOfficer', old.body.id, { action: 'accept' });
    const again = await draft('关于老旧小区加装电梯的建议', { content: text });
    const unrelated = await draft('关于增设公共自行车站点的建议');
    for (const s of [again, unrelated]) await step('deputyA', s.id, { action: 'submit' });
    const flagged = await step('districtOfficer', again.id, { action: 'accept' });
    expect(flagged.repeated).toBe(true);
    expect(flagged.repeatOf).toEqual([expect.objectContaining({ id: old.body.id, year: yearOf(today()) - 1 })]);
    expect((await step('districtOfficer', unrelated.id, { action: 'accept' })).repeated).toBe(false);

    await step('districtOfficer', again.id, { action: 'keyProgress', note: '无' }, 409);
    const key = await step('districtOfficer', again.id, { action: 'markKey', key: true, leaders: '常委会副主任' });
    expect([key.keySupervision, key.keyLeaders]).toEqual([true, '常委会副主任']);
    await step('districtOfficer', again.id, { action: 'assign', mode: 'joint', leadUnitId: d.orgs.officeA.id });
    const progress = await step('districtOfficer', again.id, { action: 'keyProgress', note: '督办组实地察看' });
    expect(progress.events.at(-1)).toEqual(expect.objectContaining({ action: 'keyProgress', note: '督办组实地察看' }));
  });

  it('co-signers rate only where the rules want it, and only the lead deputy decides what follows', async () => {
    const s = await draft('关于联名评价的建议');
    await (await as('deputyA')).post(`/api/suggestions/${s.id}/signers`, { deputyIds: [cosigner.id] });
    await (await as('deputyB')).request('PUT', `/api/suggestions/${s.id}/signers/me`, { accept: true });
    await step('deputyA', s.id, { action: 'submit' });
    await step('districtOfficer', s.id, { action: 'accept' });
    await step('districtOfficer', s.id, { action: 'assign', mode: 'joint', leadUnitId: d.orgs.officeA.id });
    await step('unitStaffA', s.id, { action: 'answer', answerClass: 'A', content: '已解决。', signedBy: '主任' });
    const rate = { action: 'rate', communication: 'dissatisfied', result: 'dissatisfied' };
    await step('deputyB', s.id, rate, 403);
    const rules = await (await as('districtOfficer')).get<{ rules: Record<string, unknown> }>('/api/suggestions/rules');
    await (
      await as('districtOfficer')
    ).request('PUT', '/api/suggestions/rules', { ...rules.body.rules, coSignersRate: true });
    const byCoSigner = await step('deputyB', s.id, rate);
    expect(byCoSigner.state).toBe('answered');
    await (
      await as('districtOfficer')
    ).request('PUT', '/api/suggestions/rules', { ...rules.body.rules, coSignersRate: false });
  });
});

describe('the clocks', () => {
  it('an approved extension moves the due date (no false overdue), a pause adds its days, a redo has its own month', async () => {
    const { result: s, days } = await onChinaDays(() => assigned('关于延期测试的建议'));
    // Counted from the day of assignment, the day of the step (midnight in China may fall during the test).
    const assignedOn = s.clock.assignedOn!;
    expect(days).toContain(assignedOn);
    await step('unitStaffA', s.id, { action: 'requestExtension', months: 2, reason: '需协调多个部门' });
    await step('unitStaffA', s.id, { action: 'requestExtension', months: 1, reason: '再次' }, 409);
    // The day after the first due date, with the extension approved, it is not overdue.
    const ext = await step('districtOfficer', s.id, { action: 'decideExtension', approve: true });
    expect(ext.clock.answerDue).toBe(addMonths(assignedOn, 5));
    // Longer than three months: an interim progress note is due to the deputy by then.
    expect([ext.clock.progressDue, ext.clock.progressMissing]).toEqual([addMonths(assignedOn, 3), true]);
    const reported = await step('unitStaffA', s.id, { action: 'progress', note: '已完成方案设计，正在征求部门意见' });
    expect(reported.clock.progressMissing).toBe(false);
    expect(ext.clock.extensionMonths).toBe(2);
    const afterBase = addDays(addMonths(today(), 3), 1);
    await t.platform.db
      .updateTable('suggestion')
      .set({ assigned_on: addDays(today(), -3 * 31), answer_due: addDays(addMonths(addDays(today(), -3 * 31), 5), 0) })
      .where('id', '=', s.id)
      .execute();
    const moved = await (await as('districtOfficer')).get<SuggestionView>(`/api/suggestions/${s.id}`);
    expect(moved.body.clock.overdue).toBe(false);
    expect(afterBase > today()).toBe(true);
    // No more than the maximum (6 months in all).
    await step('unitStaffA', s.id, { action: 'requestExtension', months: 3, reason: '仍需时间' });
    const capped = await step('districtOfficer', s.id, { action: 'decideExtension', approve: true });
    expect(capped.clock.extensionMonths).toBe(3);
    await step('unitStaffA', s.id, { action: 'requestExtension', months: 1, reason: '再延' });
    await step('districtOfficer', s.id, { action: 'decideExtension', approve: true }, 400);

    // A pause: overdue never while paused; resuming adds the paused days.
    const p2 = await assigned('关于暂停测试的建议');
    await step('districtOfficer', p2.id, { action: 'pause', reason: '等待代表补充材料' });
    const pausedSince = addDays(today(), -10);
    const assignedBefore = addDays(pausedSince, -190);
    await t.platform.db
      .updateTable('suggestion')
      .set({ paused_since: pausedSince, assigned_on: assignedBefore, answer_due: addDays(pausedSince, -10) })
      .where('id', '=', p2.id)
      .execute();
    const paused = await (await as('districtOfficer')).get<SuggestionView>(`/api/suggestions/${p2.id}`);
    expect(paused.body.clock.overdue).toBe(false);
    const resumed = await onChinaDays(() => step('districtOfficer', p2.id, { action: 'resume' }));
    // Paused from then to the day of the resume: 10 days, 11 if midnight in China came since.
    expect(resumed.days.map((day) => daysBetween(pausedSince, day))).toContain(resumed.result.clock.pausedDays);
    expect(resumed.result.clock.answerDue).toBe(addDays(addMonths(assignedBefore, 3), resumed.result.clock.pausedDays));
    expect(resumed.result.clock.overdue).toBe(true);

    // 不满意: handled again once, within a month; a second 不满意 closes it.
    const r = await assigned('关于重办测试的建议');
    await step('unitStaffA', r.id, { action: 'answer', answerClass: 'D', content: '留作参考。', signedBy: '主任' });
    const { result: redo, days: rated } = await onChinaDays(() =>
      step('deputyA', r.id, { action: 'rate', communication: 'satisfied', result: 'dissatisfied' }),
    );
    expect(redo.state).toBe('reHandling');
    // A month from the day of the rating.
    expect(rated.map((day) => addMonths(day, 1))).toContain(redo.clock.redoDue);
    expect(redo.clock.answerDue).toBe(redo.clock.redoDue);
    await step('unitStaffA', r.id, {
      action: 'answer',
      answerClass: 'C',
      content: '条件成熟后解决。',
      commitmentDate: addDays(today(), 30),
      signedBy: '主任',
    });
    const second = await step('deputyA', r.id, {
      action: 'rate',
      communication: 'dissatisfied',
      result: 'dissatisfied',
    });
    expect(second.state).toBe('closed');
    expect(second.redoCount).toBe(1);
  });

  it('a unit may return an assignment within its window only; the committee closes an unrated answer only after the rating window', async () => {
    const s = await assigned('关于退回测试的建议');
    await step('unitStaffA', s.id, { action: 'returnAssignment', reason: '不属于本单位职责' });
    const back = await (await as('districtOfficer')).get<SuggestionView>(`/api/suggestions/${s.id}`);
    expect(back.body.state).toBe('accepted');
    await step('districtOfficer', s.id, {
      action: 'assign',
      mode: 'separate',
      unitIds: [d.orgs.officeA.id, bureau.id],
    });
    const returnBy = addDays(today(), -1);
    await t.platform.db.updateTable('suggestion').set({ return_by: returnBy }).where('id', '=', s.id).execute();
    const late = await (
      await as('unitStaffA')
    ).post<{ error: { message: string } }>(`/api/suggestions/${s.id}/actions`, {
      action: 'returnAssignment',
      reason: '晚了',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain(returnBy);
    // 分办: answered once every unit has.
    const one = await step('unitStaffA', s.id, {
      action: 'answer',
      answerClass: 'A',
      content: '已解决。',
      signedBy: '主任',
    });
    expect(one.state).toBe('assigned');
    const both = await step('bureauStaff', s.id, {
      action: 'answer',
      answerClass: 'A',
      content: '已解决。',
      signedBy: '局长',
    });
    expect(both.state).toBe('answered');
    await step('districtOfficer', s.id, { action: 'close' }, 409);
    await t.platform.db
      .updateTable('suggestion')
      .set({ rate_by: addDays(today(), -1) })
      .where('id', '=', s.id)
      .execute();
    const closed = await step('districtOfficer', s.id, { action: 'close' });
    expect(closed.state).toBe('closed');
  });
});

describe('who may do what', () => {
  // 200 = may, 403 = sees it but may not, 404 = does not see it. Written by hand.
  const people = ['deputyA', 'deputyB', 'otherDeputy', 'districtOfficer', 'unitStaffA', 'bureauStaff'] as const;
  const matrix: Record<
    string,
    [state: string, body: Record<string, unknown>, expected: Record<(typeof people)[number], number>]
  > = {
    submit: [
      'draft',
      { action: 'submit' },
      { deputyA: 200, deputyB: 404, otherDeputy: 404, districtOfficer: 404, unitStaffA: 404, bureauStaff: 404 },
    ],
    accept: [
      'submitted',
      { action: 'accept' },
      { deputyA: 403, deputyB: 404, otherDeputy: 404, districtOfficer: 200, unitStaffA: 404, bureauStaff: 404 },
    ],
    assign: [
      'accepted',
      { action: 'assign', mode: 'joint', leadUnitId: 0 },
      { deputyA: 403, deputyB: 404, otherDeputy: 404, districtOfficer: 200, unitStaffA: 404, bureauStaff: 404 },
    ],
    answer: [
      'assigned',
      { action: 'answer', answerClass: 'A', content: '已解决', signedBy: '主任' },
      { deputyA: 403, deputyB: 404, otherDeputy: 404, districtOfficer: 403, unitStaffA: 200, bureauStaff: 404 },
    ],
    consult: [
      'assigned',
      {
        action: 'consult',
        at: new Date(Date.now() - 60_000).toISOString(),
        method: 'phone',
        stage: 'during',
        attendees: '代表',
      },
      { deputyA: 403, deputyB: 404, otherDeputy: 404, districtOfficer: 403, unitStaffA: 200, bureauStaff: 404 },
    ],
    rate: [
      'answered',
      { action: 'rate', communication: 'satisfied', result: 'satisfied' },
      { deputyA: 200, deputyB: 404, otherDeputy: 404, districtOfficer: 403, unitStaffA: 403, bureauStaff: 404 },
    ],
    supervise: [
      'assigned',
      { action: 'supervise', note: '请抓紧' },
      { deputyA: 403, deputyB: 404, otherDeputy: 404, districtOfficer: 200, unitStaffA: 403, bureauStaff: 404 },
    ],
  };
  async function at(state: string) {
    const s = await draft(`矩阵${state}`);
    if (state === 'draft') return s.id;
    await step('deputyA', s.id, { action: 'submit' });
    if (state === 'submitted') return s.id;
    await step('districtOfficer', s.id, { action: 'accept' });
    if (state === 'accepted') return s.id;
    await step('districtOfficer', s.id, { action: 'assign', mode: 'joint', leadUnitId: d.orgs.officeA.id });
    if (state === 'assigned') return s.id;
    await step('unitStaffA', s.id, { action: 'answer', answerClass: 'A', content: '已解决', signedBy: '主任' });
    return s.id;
  }
  const rows = Object.entries(matrix).flatMap(([action, [state, body, expected]]) =>
    people.map((who) => [action, who, state, body, expected[who]] as const),
  );
  it.each(rows)('%s by %s → %s', async (action, who, state, body, expected) => {
    const id = await at(state);
    const before = await t.platform.db
      .selectFrom('suggestion_event')
      .select('id')
      .where('suggestion_id', '=', id)
      .execute();
    const input = action === 'assign' ? { ...body, leadUnitId: d.orgs.officeA.id } : body;
    const r = await (await as(who)).post(`/api/suggestions/${id}/actions`, input);
    expect(r.status).toBe(expected);
    const after = await t.platform.db
      .selectFrom('suggestion_event')
      .select('id')
      .where('suggestion_id', '=', id)
      .execute();
    expect(after.length - before.length).toBe(expected === 200 ? 1 : 0);
  });
});

describe('the figures', () => {
  it('counts a fixture computed by hand: nothing consulted, overdue, redo, classes and satisfaction', async () => {
    const committee = await as('districtOfficer');
    const session = await committee.post<{ id: number }>('/api/suggestions/sessions', {
      name: '统计测试会议',
      kind: 'session',
      year: yearOf(today()),
    });
    const mk = async (title: string) => {
      const r = await (
        await as('deputyA')
      ).post<SuggestionView>('/api/suggestions', { sessionId: session.body.id, title, content: '内容' });
      await step('deputyA', r.body.id, { action: 'submit' });
      await step('districtOfficer', r.body.id, { action: 'accept' });
      await step('districtOfficer', r.body.id, { action: 'assign', mode: 'joint', leadUnitId: d.orgs.officeA.id });
      return r.body.id;
    };
    const consult = (id: number) =>
      step('unitStaffA', id, {
        action: 'consult',
        at: new Date().toISOString(),
        method: 'phone',
        stage: 'before',
        attendees: '代表',
      });
    // 1: consulted, A, satisfied.  2: not consulted, B, dissatisfied → redo → A, satisfied.
    // 3: consulted, answered late, D, not rated.  4: overdue, never answered.  5: withdrawn (not counted).
    const s1 = await mk('统计一');
    await consult(s1);
    await step('unitStaffA', s1, { action: 'answer', answerClass: 'A', content: '已解决', signedBy: '主任' });
    await step('deputyA', s1, { action: 'rate', communication: 'satisfied', result: 'satisfied' });
    const s2 = await mk('统计二');
    await step('unitStaffA', s2, {
      action: 'answer',
      answerClass: 'B',
      content: '计划中',
      commitmentDate: addDays(today(), 10),
      signedBy: '主任',
    });
    await step('deputyA', s2, { action: 'rate', communication: 'basicallySatisfied', result: 'dissatisfied' });
    await step('unitStaffA', s2, { action: 'answer', answerClass: 'A', content: '已解决', signedBy: '主任' });
    await step('deputyA', s2, { action: 'rate', communication: 'satisfied', result: 'satisfied' });
    const s3 = await mk('统计三');
    await consult(s3);
    await t.platform.db
      .updateTable('suggestion')
      .set({ assigned_on: addDays(today(), -120) })
      .where('id', '=', s3)
      .execute();
    await step('unitStaffA', s3, { action: 'answer', answerClass: 'D', content: '留作参考', signedBy: '主任' });
    const s4 = await mk('统计四');
    await t.platform.db
      .updateTable('suggestion')
      .set({ answer_due: addDays(today(), -1) })
      .where('id', '=', s4)
      .execute();
    const s5 = await mk('统计五');
    await step('deputyA', s5, { action: 'withdraw', reason: '已解决' });

    const f = (await committee.get<SuggestionFigures>(`/api/suggestions/figures?sessionId=${session.body.id}`)).body;
    expect(f.total).toEqual({
      count: 4,
      answered: 3,
      onTime: 2,
      onTimeRate: 66.7,
      consulted: 2,
      consultationRate: 66.7,
      firstRated: 2,
      firstSatisfied: 1,
      firstSatisfactionRate: 50,
      finalRated: 2,
      finalSatisfied: 2,
      finalSatisfactionRate: 100,
      classes: { A: 2, B: 0, C: 0, D: 1 },
      resolutionRate: 66.7,
      redo: 1,
      overdue: 1,
    });
    expect(f.units).toEqual([
      expect.objectContaining({ unitId: d.orgs.officeA.id, count: 4, answered: 3, rank: 1, overdue: 1 }),
    ]);
    // One unit answered everything: its own figures (its first answers, its latest classes) are the totals.
    const { unitId: _, name: __, rank: ___, ...unitRates } = f.units[0]!;
    expect(unitRates).toEqual(f.total);
    expect(f.deputies).toEqual([expect.objectContaining({ deputyId: lead.id, count: 4 })]);
    expect(f.overdueList.map((o) => o.title)).toEqual(['统计四']);
    // A unit sees no figures; the spreadsheet has the same totals.
    expect((await (await as('unitStaffA')).get(`/api/suggestions/figures?sessionId=${session.body.id}`)).status).toBe(
      403,
    );
    const xlsx = await committee.get(`/api/suggestions/figures.xlsx?sessionId=${session.body.id}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
