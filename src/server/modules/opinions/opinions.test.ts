import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpinionView, PublicOpinion, RegisterOpinion } from '../../../contracts/opinions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { download, upload } from '../../../../test/support/files.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { chinaDate } from '../../platform/calendar/dates.js';
import { readTable } from '../../platform/files/table-file.js';
import { sweepDeadlines } from './supervision.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let bureau: { id: number; path: string };
let bureauStaff: { username: string };
let category: number;

const as = signedIn(
  () => app,
  () => ({ ...d.users, bureauStaff }),
  PASSWORD,
);
type Who = Parameters<typeof as>[0];

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  // A district bureau (a handling unit outside the streets) with its own staff.
  const db = t.platform.db;
  const { id } = await db
    .insertInto('organization')
    .values({ name: '区住建局', kind: 'department', parent_id: d.orgs.root.id, path: sql<string>`'0'::ltree` })
    .returning('id')
    .executeTakeFirstOrThrow();
  bureau = { id, path: `${d.orgs.root.path}.${id}` };
  await db.updateTable('organization').set({ path: bureau.path }).where('id', '=', id).execute();
  bureauStaff = await createUser(t.platform, { ...bureau, name: '区住建局' }, 'handlingUnitStaff');
  const c = await db
    .selectFrom('opinion_category')
    .select('id')
    .where('code', '=', 'urban.lighting')
    .executeTakeFirstOrThrow();
  category = c.id;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const base = (over: Partial<RegisterOpinion> = {}) => ({
  orgId: d.orgs.stationA.id,
  channel: 'reception',
  content: '大港新村3号楼前的路灯坏了三个月，晚上老人出行不安全，希望尽快修好。',
  location: '大港新村3号楼',
  constituent: { anonymous: false, name: '王秀英', phone: '13812345678' },
  ...over,
});

async function register(who: Who = 'liaisonOfficerA', over: Partial<RegisterOpinion> = {}) {
  const res = await (await as(who)).post<{ id: number; receiptCode: string }>('/api/opinions', base(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function act(who: Who, id: number, body: Record<string, unknown>, status = 200) {
  const res = await (
    await as(who)
  ).post<OpinionView & { error?: { code: string; message: string } }>(`/api/opinions/${id}/actions`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const assignBody = (unit = d.orgs.officeA.id) => ({
  action: 'assign',
  leadUnitId: unit,
  signedBy: '李主任',
  deadlineDays: 10,
});

async function toFedBack(id: number, unitWho: Who = 'unitStaffA') {
  await act('streetOfficerA', id, { action: 'triage', categoryId: category, tier: 'street' });
  await act('streetOfficerA', id, assignBody());
  await act(unitWho, id, { action: 'accept' });
  await act(unitWho, id, { action: 'respond', response: '已更换路灯灯头并检修线路。', resultType: 'solved' });
  return act('liaisonOfficerA', id, { action: 'feedback', channel: 'sms', content: '路灯已修好，感谢您的反映。' });
}

describe('the closed loop, end to end through the API', () => {
  it('registers, sorts, assigns with sign-off, handles, feeds back, is rated by the constituent and closes', async () => {
    const { id, receiptCode } = await register();
    expect(receiptCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

    // The constituent's phone is stored encrypted, shown masked, and a receipt SMS waits in the outbox.
    const raw = await t.platform.db
      .selectFrom('opinion')
      .select(['constituent_phone_sealed', 'constituent_name_sealed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(raw.constituent_phone_sealed).not.toContain('13812345678');
    expect(raw.constituent_name_sealed).not.toContain('王秀英');
    const receipt = await t.platform.db
      .selectFrom('notify_message')
      .select(['type', 'vars'])
      .where('dedupe_key', '=', `opinion.receipt:${id}`)
      .executeTakeFirstOrThrow();
    expect(receipt.vars).toMatchObject({ receiptCode });

    let o = await act('streetOfficerA', id, { action: 'triage', categoryId: category, tier: 'street' });
    expect(o.state).toBe('triaged');
    expect(o.constituentPhone).toBe('138****5678');
    expect(o.constituentName).toBe('王**');
    expect(o.allowedActions).toEqual(expect.arrayContaining(['assign', 'reject', 'merge']));

    o = await act('streetOfficerA', id, assignBody());
    expect(o.state).toBe('assigned');
    expect(o.assignments[0]).toMatchObject({ unitName: d.orgs.officeA.name, isLead: true, signedBy: '李主任' });
    expect(o.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The unit finds it in its queue.
    const unit = await as('unitStaffA');
    const todo = await unit.get<{ items: { id: number }[] }>('/api/opinions?todo=toAccept');
    expect(todo.body.items.map((i) => i.id)).toContain(id);
    const counts = await unit.get<{ queues: { queue: string; count: number }[] }>('/api/opinions/todo');
    expect(counts.body.queues.find((q) => q.queue === 'toAccept')!.count).toBeGreaterThan(0);

    o = await act('unitStaffA', id, { action: 'accept' });
    expect(o.state).toBe('inProgress');
    o = await act('unitStaffA', id, {
      action: 'respond',
      response: '已更换路灯灯头并检修线路。',
      resultType: 'solved',
    });
    expect(o.state).toBe('responded');
    o = await act('liaisonOfficerA', id, { action: 'feedback', channel: 'sms', content: '路灯已修好，感谢您的反映。' });
    expect(o.state).toBe('fedBack');

    // The constituent follows with the receipt code and the phone's last four digits, then rates.
    const citizen = new TestClient(app);
    const follow = await citizen.post<PublicOpinion>('/api/public/opinions/follow', {
      receiptCode: receiptCode.toLowerCase(),
      phoneLast4: '5678',
    });
    expect(follow.status).toBe(200);
    expect(follow.body.canRate).toBe(true);
    expect(follow.body.timeline.map((e) => e.action)).toEqual([
      'register',
      'triage',
      'assign',
      'accept',
      'respond',
      'feedback',
    ]);
    // Staff names never reach the public timeline; units do.
    expect(JSON.stringify(follow.body)).not.toContain('测试');
    expect(follow.body.timeline.find((e) => e.action === 'respond')!.unitName).toBe(d.orgs.officeA.name);
    const rated = await citizen.post<PublicOpinion>('/api/public/opinions/rate', {
      receiptCode,
      phoneLast4: '5678',
      level: 'satisfied',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.state).toBe('rated');

    o = await act('liaisonOfficerA', id, { action: 'close' });
    expect(o.state).toBe('closed');
    expect(o.outcome).toBe('satisfied');
    // One event per step, the registration included.
    expect(o.events.map((e) => e.action)).toEqual([
      'register',
      'triage',
      'assign',
      'accept',
      'respond',
      'feedback',
      'rate',
      'close',
    ]);
    expect(o.events.find((e) => e.action === 'rate')!.actorKind).toBe('constituent');

    // The station's ledger for the day it was registered (today, unless midnight in China has come
    // since: the day as the server recorded it, not today read again) contains it.
    const day = chinaDate(new Date(o.createdAt));
    const xlsx = await (
      await as('liaisonOfficerA')
    ).get(`/api/opinions/ledger?orgId=${d.orgs.stationA.id}&from=${day}&to=${day}`);
    expect(xlsx.status).toBe(200);
    const table = await readTable(xlsx.raw);
    expect(table[0]![0]).toBe(`${d.orgs.stationA.name}群众意见处理台账（${day} 至 ${day}）`);
    expect(table[1]).toContain('受理编号');
    const line = table.find((r) => r[1] === receiptCode)!;
    expect(line).toBeDefined();
    expect(line.join('|')).toContain('李主任');
    expect(line.join('|')).toContain('满意');
    expect(line.join('|')).not.toContain('13812345678');
  });

  it('refuses a step that does not fit the state with 409 naming the state', async () => {
    const { id } = await register();
    const res = await (
      await as('streetOfficerA')
    ).post<{ error: { code: string; message: string; details: object } }>(`/api/opinions/${id}/actions`, {
      action: 'respond',
      response: 'x',
      resultType: 'solved',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OPINION_ILLEGAL_TRANSITION');
    expect(res.body.error.message).toContain('已登记');
    expect(res.body.error.details).toMatchObject({ state: 'registered', action: 'respond' });
    const o = await (await as('streetOfficerA')).get<OpinionView>(`/api/opinions/${id}`);
    expect(o.body.events).toHaveLength(1);
  });

  it('a dissatisfied rating reopens once; the second closes as dissatisfied after review', async () => {
    const { id, receiptCode } = await register();
    await toFedBack(id);
    const citizen = new TestClient(app);
    await citizen.post('/api/public/opinions/rate', { receiptCode, phoneLast4: '5678', level: 'dissatisfied' });
    const refused = await act('streetOfficerA', id, { action: 'close' }, 409);
    expect(refused.error!.code).toBe('OPINION_REVIEW_FIRST');
    let o = await act('streetOfficerA', id, { ...assignBody(bureau.id), action: 'reassign' });
    expect(o.state).toBe('assigned');
    expect(o.reopenCount).toBe(1);
    await act('bureauStaff', id, { action: 'accept' });
    await act('bureauStaff', id, { action: 'respond', response: '已纳入年度改造计划。', resultType: 'beingSolved' });
    await act('liaisonOfficerA', id, { action: 'feedback', channel: 'phone', content: '电话告知处理情况。' });
    // The officer records the rating after the call.
    await act('liaisonOfficerA', id, { action: 'rate', level: 'veryDissatisfied' });
    o = await act('streetOfficerA', id, { action: 'close', note: '已向群众解释' });
    expect(o.outcome).toBe('dissatisfiedAfterReview');
  });

  it('a contactable opinion cannot close without feedback; an anonymous one can', async () => {
    const { id } = await register();
    await act('deputyA', id, { action: 'answer', answer: '该问题已由社区当场登记维修。' });
    const refused = await act('liaisonOfficerA', id, { action: 'close' }, 409);
    expect(refused.error!.code).toBe('OPINION_CONTACTABLE');
    const anon = await register('liaisonOfficerA', { constituent: { anonymous: true } as never });
    await act('deputyA', anon.id, { action: 'answer', answer: '当场答复。' });
    const o = await act('liaisonOfficerA', anon.id, { action: 'close' });
    expect(o.outcome).toBe('noContact');
  });

  it('returns, extensions and supervision are recorded and visible', async () => {
    const { id } = await register();
    await act('streetOfficerA', id, { action: 'triage', categoryId: category, tier: 'street', urgency: 'urgent' });
    await act('streetOfficerA', id, assignBody());
    let o = await act('unitStaffA', id, { action: 'return', reason: '不属于本单位职责' });
    expect(o.state).toBe('triaged');
    expect(o.returnCount).toBe(1);
    await act('streetOfficerA', id, assignBody(bureau.id));
    await act('bureauStaff', id, { action: 'accept' });
    o = await act('bureauStaff', id, { action: 'requestExtension', days: 5, reason: '需协调供电部门' });
    const before = o.deadline!;
    await act('bureauStaff', id, { action: 'requestExtension', days: 5, reason: '再次申请' }, 409);
    o = await act('streetOfficerA', id, { action: 'decideExtension', approve: true });
    expect(o.extensionCount).toBe(1);
    expect(o.deadline! > before).toBe(true);
    o = await act('streetOfficerA', id, { action: 'supervise', level: 'supervision', note: '请加快办理' });
    expect(o.supervisionLevel).toBe('supervision');
    const msg = await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('type', '=', 'opinion.supervision')
      .where('to_org_id', '=', bureau.id)
      .execute();
    expect(msg.length).toBeGreaterThan(0);
  });

  it('counts the time limit in working days on the official calendar from the sign-off day', async () => {
    const cases = [
      // National Day 2025: 1–8 October off, Saturday 11 October worked (调休).
      { signedAt: '2025-09-30T16:00:00+08:00', days: 10, deadline: '2025-10-21', acceptBy: '2025-10-09' },
      // Spring Festival 2026: 15–23 February off, Saturday 14 February worked.
      { signedAt: '2026-02-13T09:00:00+08:00', days: 5, deadline: '2026-02-27', acceptBy: '2026-02-14' },
      // Late evening in Beijing is still that day, though UTC has not reached it (May Day 2025: 1–5 May off).
      // Every sign-off lies in the past, whatever day the suite runs: a sign-off cannot be dated ahead.
      { signedAt: '2025-04-30T23:30:00+08:00', days: 1, deadline: '2025-05-06', acceptBy: '2025-05-06' },
    ];
    for (const c of cases) {
      const { id } = await register();
      await act('streetOfficerA', id, { action: 'triage', categoryId: category, tier: 'street' });
      const o = await act('streetOfficerA', id, { ...assignBody(), deadlineDays: c.days, signedAt: c.signedAt });
      expect({ deadline: o.deadline, acceptBy: o.assignments[0]!.acceptBy }).toEqual({
        deadline: c.deadline,
        acceptBy: c.acceptBy,
      });
    }
  });

  it('the sweep pushes an unaccepted and an overdue assignment once each, and marks it overdue', async () => {
    const [id, second] = [(await register()).id, (await register()).id];
    for (const o of [id, second]) {
      await act('streetOfficerA', o, { action: 'triage', categoryId: category, tier: 'street' });
      await act('streetOfficerA', o, assignBody());
    }
    // Move the clock: pretend the assignments were made long ago.
    await t.platform.db
      .updateTable('opinion_assignment')
      .set({ accept_by: '2026-01-05', deadline: '2026-01-20' })
      .where('opinion_id', 'in', [id, second])
      .execute();
    await t.platform.db
      .updateTable('opinion')
      .set({ deadline: '2026-01-20' })
      .where('id', 'in', [id, second])
      .execute();
    // One assignment per page: both are reached.
    const first = await sweepDeadlines(t.platform, '2026-02-02', 1);
    expect(first.checked).toBeGreaterThanOrEqual(2);
    expect(first.pushed).toBeGreaterThanOrEqual(6);
    const again = await sweepDeadlines(t.platform, '2026-02-02');
    // Settled: overdue, marked, every push sent. The sweep does not even look at it again.
    expect(again).toEqual({ checked: 0, pushed: 0 });
    const o = await (await as('streetOfficerA')).get<OpinionView>(`/api/opinions/${id}`);
    expect(o.body.overdue).toBe(true);
    expect(o.body.supervisionLevel).toBe('escalation');
    const pushes = o.body.events.filter((e) => e.action === 'supervise').map((e) => e.data.level);
    expect(pushes).toEqual(['reminder', 'supervision', 'escalation']);
    const overdueList = await (
      await as('streetOfficerA')
    ).get<{ items: { id: number }[] }>('/api/opinions?overdue=true');
    expect(overdueList.body.items.map((i) => i.id)).toContain(id);
  });

  it('the sweep escalates once the deadline is 5 working days behind, counted on the official calendar', async () => {
    // Spring Festival 2026: 15–23 February off, Saturday 14 February worked. On Friday 27 February a
    // deadline of the 13th is 5 working days late (14, 24, 25, 26, 27); one of the 14th is 4.
    const cases = [
      { deadline: '2026-02-13', levels: ['supervision', 'escalation'] },
      { deadline: '2026-02-14', levels: ['supervision'] },
      { deadline: '2026-02-27', levels: ['reminder'] },
    ];
    const ids: number[] = [];
    for (const c of cases) {
      const { id } = await register();
      await act('streetOfficerA', id, { action: 'triage', categoryId: category, tier: 'street' });
      await act('streetOfficerA', id, assignBody());
      await act('unitStaffA', id, { action: 'accept' });
      await t.platform.db
        .updateTable('opinion_assignment')
        .set({ accept_by: '2026-02-12', deadline: c.deadline })
        .where('opinion_id', '=', id)
        .execute();
      ids.push(id);
    }
    await sweepDeadlines(t.platform, '2026-02-27');
    for (const [i, c] of cases.entries()) {
      const o = await (await as('streetOfficerA')).get<OpinionView>(`/api/opinions/${ids[i]}`);
      const pushes = o.body.events.filter((e) => e.action === 'supervise').map((e) => e.data.level);
      expect({ deadline: c.deadline, pushes }).toEqual({ deadline: c.deadline, pushes: c.levels });
    }
  });

  it('merging keeps the duplicate’s constituent, who is told when the target is fed back', async () => {
    const target = await register();
    // Shares one word (路灯) with what is typed below: not a likely duplicate.
    const unrelated = await register('liaisonOfficerA', { content: '路灯杆上贴满了小广告', location: '新碶中学门口' });
    const dup = await register('liaisonOfficerA', {
      constituent: { anonymous: false, name: '赵大爷', phone: '13900001111' },
      content: '大港新村路灯不亮',
    });
    const hints = await (
      await as('liaisonOfficerA')
    ).get<{ duplicates: { id: number }[]; categories: { name: string }[] }>(
      `/api/opinions/hints?orgId=${d.orgs.stationA.id}&text=${encodeURIComponent('大港新村路灯坏了')}`,
    );
    expect(hints.body.duplicates.map((x) => x.id)).toContain(target.id);
    expect(hints.body.duplicates.map((x) => x.id)).not.toContain(unrelated.id);
    expect(hints.body.categories.map((c) => c.name)).toContain('路灯照明');
    const o = await act('liaisonOfficerA', dup.id, { action: 'merge', targetId: target.id });
    expect(o.state).toBe('merged');
    await toFedBack(target.id);
    const told = await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('type', '=', 'opinion.feedback')
      .where('dedupe_key', 'like', `opinion.feedback:${dup.id}:%`)
      .execute();
    expect(told).toHaveLength(1);
  });

  it('finds opinions by words of their content', async () => {
    const { id } = await register('liaisonOfficerA', { content: '菜市场门口的下水道堵塞，污水漫到人行道上。' });
    const c = await as('streetOfficerA');
    const hit = await c.get<{ items: { id: number }[] }>(`/api/opinions?q=${encodeURIComponent('下水道')}`);
    expect(hit.body.items.map((i) => i.id)).toContain(id);
    const miss = await c.get<{ items: { id: number }[] }>(`/api/opinions?q=${encodeURIComponent('幼儿园')}`);
    expect(miss.body.items.map((i) => i.id)).not.toContain(id);
  });

  it('an opinion not taken up tells the constituent by SMS only when the officer says so', async () => {
    const told = await register();
    const o = await act('streetOfficerA', told.id, {
      action: 'reject',
      reason: '反映事项属于司法程序，请通过诉讼途径解决。',
      tellConstituent: true,
    });
    expect(o.state).toBe('rejected');
    const silent = await register();
    await act('streetOfficerA', silent.id, { action: 'reject', reason: '重复提交', tellConstituent: false });
    const sent = await t.platform.db
      .selectFrom('notify_message')
      .select(['dedupe_key'])
      .where('type', '=', 'opinion.rejected')
      .execute();
    expect(sent.map((m) => m.dedupe_key)).toContain(`opinion.rejected:${told.id}`);
    expect(sent.map((m) => m.dedupe_key)).not.toContain(`opinion.rejected:${silent.id}`);
    // The reason is what the follow page shows the constituent.
    const followed = await new TestClient(app).post<PublicOpinion>('/api/public/opinions/follow', {
      receiptCode: told.receiptCode,
      phoneLast4: '5678',
    });
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(JSON.stringify(followed.body)).toContain('司法程序');
  });

  it('lists several states and a to-do queue newest first, page by page, with the names', async () => {
    // Three registered and three sorted, interleaved in time: the pages must interleave too.
    const made: { id: number; state: string }[] = [];
    for (let i = 0; i < 3; i++) {
      made.push({ id: (await register()).id, state: 'registered' });
      const sorted = await register();
      await act('streetOfficerA', sorted.id, { action: 'triage', categoryId: category, tier: 'street' });
      made.push({ id: sorted.id, state: 'triaged' });
    }
    const officer = await as('streetOfficerA');
    type Page = {
      items: { id: number; state: string; orgName: string; categoryName: string | null }[];
      nextCursor: string | null;
    };
    const seen: Page['items'] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: Page } = await officer.get<Page>(
        `/api/opinions?state=registered,triaged&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const ids = seen.map((x) => x.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.every((x) => x.state === 'registered' || x.state === 'triaged')).toBe(true);
    for (const m of made) expect(seen.find((x) => x.id === m.id)?.state).toBe(m.state);
    const mine = seen.find((x) => x.id === made[1]!.id)!;
    expect(mine.orgName).toBe(d.orgs.stationA.name);
    expect(mine.categoryName).toBe('路灯照明');
    // A queue and a state filter narrow each other; states outside the queue give nothing.
    const toAssign = await officer.get<Page>('/api/opinions?todo=toAssign&state=triaged,registered&limit=100');
    expect(toAssign.body.items.every((x) => x.state === 'triaged')).toBe(true);
    for (const m of made.filter((x) => x.state === 'triaged'))
      expect(toAssign.body.items.map((x) => x.id)).toContain(m.id);
    const none = await officer.get<Page>('/api/opinions?todo=toAssign&state=registered');
    expect(none.body.items).toEqual([]);
  });

  it('assigns a batch in one request; one that does not fit is reported, the rest go ahead', async () => {
    const a = await register();
    const b = await register();
    const c = await register();
    for (const x of [a, b])
      await act('streetOfficerA', x.id, { action: 'triage', categoryId: category, tier: 'street' });
    const res = await (
      await as('streetOfficerA')
    ).post<{
      results: { id: number; ok: boolean; state?: string; error?: { code: string } }[];
    }>('/api/opinions/bulk-actions', { ids: [a.id, b.id, c.id], step: assignBody(bureau.id) });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: a.id, ok: true, state: 'assigned' },
      { id: b.id, ok: true, state: 'assigned' },
      { id: c.id, ok: false, error: expect.objectContaining({ code: 'OPINION_ILLEGAL_TRANSITION' }) },
    ]);
  });

  it('an informant’s opinion names the informant, who must belong to the station', async () => {
    const db = t.platform.db;
    await db
      .insertInto('station')
      .values({ org_id: d.orgs.stationA.id, kind: 'workstation' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const inf = await db
      .insertInto('informant')
      .values({ station_id: d.orgs.stationA.id, name: '陈阿姨', name_sort: 'chen a yi' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const missing = await (
      await as('liaisonOfficerA')
    ).post<{ error: { fields: { path: string }[] } }>('/api/opinions', base({ channel: 'informant' }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0]!.path).toBe('body.informantId');
    const { id } = await register('liaisonOfficerA', { channel: 'informant', informantId: inf.id });
    const o = await (await as('liaisonOfficerA')).get<OpinionView>(`/api/opinions/${id}`);
    expect(o.body.informantName).toBe('陈阿姨');
    const foreign = await (
      await as('liaisonOfficerB')
    ).post('/api/opinions', {
      ...base({ channel: 'informant', informantId: inf.id }),
      orgId: d.orgs.stationB.id,
    });
    expect(foreign.status).toBe(400);
  });

  it('the same key sent ten times at once gives one opinion to all; another user replaying it gets none of it', async () => {
    const key = `burst-${Date.now()}`;
    const officer = await as('liaisonOfficerA');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        officer.post<{ id: number; receiptCode: string }>('/api/opinions', base({ idempotencyKey: key })),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(answers.map((r) => r.body.receiptCode)).size).toBe(1);
    // Someone else (here: the street officer, who may register at station A too) sending the same
    // key and content registers their own opinion and learns nothing of the first.
    const replay = await (
      await as('streetOfficerA')
    ).post<{ id: number; receiptCode: string }>('/api/opinions', base({ idempotencyKey: key }));
    expect(replay.status).toBe(201);
    expect(replay.body.id).not.toBe(answers[0]!.body.id);
    expect(replay.body.receiptCode).not.toBe(answers[0]!.body.receiptCode);
  });

  it('a retried registration with the same key returns the first opinion', async () => {
    const key = `retry-${Date.now()}`;
    const a = await register('liaisonOfficerA', { idempotencyKey: key });
    const b = await register('liaisonOfficerA', { idempotencyKey: key });
    expect(b).toEqual(a);
    // The same key with other content is not a retry.
    const other = await (
      await as('liaisonOfficerA')
    ).post('/api/opinions', base({ idempotencyKey: key, content: '另一件事' }));
    expect(other.status).toBe(409);
    // Found by its receipt code too (typed in lower case, with or without the dash).
    const found = await (
      await as('streetOfficerA')
    ).get<{ items: { id: number }[] }>(`/api/opinions?q=${a.receiptCode.toLowerCase().replace('-', '')}`);
    expect(found.body.items.map((i) => i.id)).toEqual([a.id]);
    // A street officer may assign to the district's bureaus, not only to the street's own office.
    const units = await (await as('streetOfficerA')).get<{ items: { id: number }[] }>(`/api/opinions/${a.id}/units`);
    expect(units.body.items.map((u) => u.id)).toEqual(expect.arrayContaining([bureau.id, d.orgs.officeA.id]));
    expect((await (await as('liaisonOfficerB')).get(`/api/opinions/${a.id}/units`)).status).toBe(404);
  });
});

describe('the API document', () => {
  it('documents every step of the loop', async () => {
    const res = await new TestClient(app).get<{
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: unknown }> } } }>;
    }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/opinions/', '/api/opinions/{id}/actions', '/api/public/opinions/follow']),
    );
    const body = JSON.stringify(res.body.paths['/api/opinions/{id}/actions']!.post!.requestBody);
    for (const action of ['triage', 'assign', 'accept', 'respond', 'feedback', 'rate', 'close'])
      expect(body).toContain(action);
  });
});

describe('photos and documents', () => {
  it('keeps photos without EXIF, takes PDFs by content, refuses a fake image, and shows them to readers only', async () => {
    const { id } = await register();
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'LeakyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 53/1 0/1' } })
      .toBuffer();
    const officer = await as('liaisonOfficerA');
    const added = await upload<{ id: number }>(
      officer,
      'POST',
      `/api/opinions/${id}/files?name=现场照片`,
      photo,
      'a.jpg',
      'image/jpeg',
    );
    expect(added.status).toBe(201);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const pdfAdded = await upload<{ id: number }>(
      officer,
      'POST',
      `/api/opinions/${id}/files`,
      pdf,
      'reply.pdf',
      'application/pdf',
    );
    expect(pdfAdded.status).toBe(201);
    // A PDF (which may hold scripts) is downloaded, never rendered on our origin; a photo is shown.
    const pdfServed = await download(app, officer, `/api/opinions/${id}/files/${pdfAdded.body.id}`);
    expect(pdfServed.headers['content-disposition']).toBe('attachment');
    expect(pdfServed.headers['content-security-policy']).toContain('sandbox');
    const fake = await upload<{ error: { fields: { path: string }[] } }>(
      officer,
      'POST',
      `/api/opinions/${id}/files`,
      Buffer.from('<script>alert(1)</script>'),
      'evil.jpg',
      'image/jpeg',
    );
    expect(fake.status).toBe(400);
    expect(fake.body.error.fields[0]!.path).toBe('body.file');
    const o = await officer.get<OpinionView>(`/api/opinions/${id}`);
    expect(o.body.files.map((f) => f.contentType)).toEqual(['image/jpeg', 'application/pdf']);
    const served = await download(app, officer, `/api/opinions/${id}/files/${added.body.id}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-disposition']).toBe('inline');
    expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('LeakyCam'))).toBe(false);
    const other = await download(app, await as('liaisonOfficerB'), `/api/opinions/${id}/files/${added.body.id}`);
    expect(other.status).toBe(404);
  });
});

describe('who sees and does what', () => {
  it('keeps other streets, unassigned units and the wrong roles out', async () => {
    const { id } = await register();
    // Street B's staff cannot see street A's opinion: not found, not forbidden.
    expect((await (await as('liaisonOfficerB')).get(`/api/opinions/${id}`)).status).toBe(404);
    expect((await (await as('streetOfficerB')).post(`/api/opinions/${id}/actions`, { action: 'close' })).status).toBe(
      404,
    );
    // A unit sees nothing until it is assigned.
    expect((await (await as('bureauStaff')).get(`/api/opinions/${id}`)).status).toBe(404);
    const list = await (await as('liaisonOfficerB')).get<{ items: { id: number }[] }>('/api/opinions');
    expect(list.body.items.map((i) => i.id)).not.toContain(id);
    // The station's deputy reads it but cannot assign.
    expect((await (await as('deputyA')).get(`/api/opinions/${id}`)).status).toBe(200);
    await act('streetOfficerA', id, { action: 'triage', categoryId: category, tier: 'street' });
    await act('deputyA', id, assignBody(), 403);
    await act('streetOfficerA', id, assignBody(bureau.id));
    // Now the bureau reads it and may accept; the street office (not assigned) may not.
    expect((await (await as('bureauStaff')).get(`/api/opinions/${id}`)).status).toBe(200);
    await act('unitStaffA', id, { action: 'accept' }, 404);
    await act('liaisonOfficerA', id, { action: 'accept' }, 403);
    await act('bureauStaff', id, { action: 'accept' });
    // Street B cannot register into street A's station.
    const res = await (await as('liaisonOfficerB')).post('/api/opinions', base());
    expect(res.status).toBe(404);
    // Only desk roles reveal a constituent's contact, and each reveal is audited.
    expect((await (await as('bureauStaff')).post(`/api/opinions/${id}/reveal`)).status).toBe(403);
    const reveal = await (await as('liaisonOfficerA')).post<{ phone: string }>(`/api/opinions/${id}/reveal`);
    expect(reveal.body.phone).toBe('13812345678');
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', String(id))
      .where('action', '=', 'opinion.revealContact')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('the same answer for a wrong code and a wrong phone', async () => {
    const { receiptCode } = await register();
    const citizen = new TestClient(app);
    const wrongPhone = await citizen.post<{ error: { code: string } }>('/api/public/opinions/follow', {
      receiptCode,
      phoneLast4: '0000',
    });
    const wrongCode = await citizen.post<{ error: { code: string } }>('/api/public/opinions/follow', {
      receiptCode: 'ABCDE-FGHJK',
      phoneLast4: '5678',
    });
    expect(wrongPhone.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(wrongPhone.body.error.code).toBe(wrongCode.body.error.code);
    // Nor can someone without the code rate.
    const rate = await citizen.post('/api/public/opinions/rate', {
      receiptCode,
      phoneLast4: '0000',
      level: 'verySatisfied',
    });
    expect(rate.status).toBe(404);
  });

  it('bad input names the field and changes nothing', async () => {
    const c = await as('liaisonOfficerA');
    const before = await t.platform.db
      .selectFrom('opinion')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const noOne = await c.post<{ error: { fields: { path: string }[] } }>('/api/opinions', {
      ...base(),
      constituent: { anonymous: false },
    });
    expect(noOne.status).toBe(400);
    expect(noOne.body.error.fields.map((f) => f.path)).toContain('body.constituent.name');
    const long = await c.post<{ error: { fields: { path: string }[] } }>(
      '/api/opinions',
      base({ content: '长'.repeat(5001) }),
    );
    expect(long.status).toBe(400);
    expect(long.body.error.fields.map((f) => f.path)).toContain('body.content');
    const badPhone = await c.post<{ error: { fields: { path: string }[] } }>('/api/opinions', {
      ...base(),
      constituent: { anonymous: false, name: '张三', phone: 'call me' },
    });
    expect(badPhone.body.error.fields.map((f) => f.path)).toContain('body.constituent.phone');
    // A reception that does not exist (or is another station's) is named, not a database error.
    const noReception = await c.post<{ error: { fields: { path: string }[] } }>(
      '/api/opinions',
      base({ receptionId: 987654321 }),
    );
    expect(noReception.status).toBe(400);
    expect(noReception.body.error.fields.map((f) => f.path)).toContain('body.receptionId');
    const badAction = await c.post(`/api/opinions/1/actions`, { action: 'teleport' });
    expect(badAction.status).toBe(400);
    const after = await t.platform.db
      .selectFrom('opinion')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
