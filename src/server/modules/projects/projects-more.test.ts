import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  BallotChoices,
  Consultations,
  ProjectView,
  PublicProjects,
  PublishedBallots,
  StaffComments,
  VoteView,
} from '../../../contracts/projects.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createOpinion,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { upload } from '../../../../test/support/files.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { tallySelection } from './tally.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
const year = yearOf(chinaToday()) + 1;
const due = `${year}-11-30`;
const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);
const deputies: { id: number; name: string }[] = [];
type Err = { error?: { code: string; message: string; fields?: { path: string }[] } };

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  users = { ...d.users, secondOfficer: await createUser(t.platform, d.orgs.root, 'districtOfficer') };
  deputies.push(await createDeputy(t.platform, d, { org: d.orgs.streetA, user: d.users.deputyA, name: '甲代表' }));
  for (let i = 0; i < 4; i++) {
    const user = await createUser(t.platform, d.orgs.streetB, 'deputy');
    deputies.push(await createDeputy(t.platform, d, { org: d.orgs.streetB, user, name: `乙代表${i}` }));
    users[`voter${i}`] = user;
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function propose(title: string, cost: number, extra: Record<string, unknown> = {}, who = 'districtOfficer') {
  const r = await (
    await as(who)
  ).post<ProjectView & Err>('/api/projects', {
    year,
    title,
    description: `${title}：实施后惠及周边居民。`,
    cost,
    fundingSource: '区级财政',
    unitId: d.orgs.officeA.id,
    location: '甲街道',
    expectedCompletion: due,
    source: 'committee',
    ...extra,
  });
  expect([r.status, r.body.error?.code]).toEqual([201, undefined]);
  return r.body;
}
const pass = { ok: true, note: '符合' };
const screen = async (id: number, shortlist: boolean, exclusionReason?: string) =>
  (await as('districtOfficer')).post<ProjectView & Err>(`/api/projects/${id}/screening`, {
    feasibility: pass,
    necessity: pass,
    fiscal: pass,
    legality: pass,
    shortlist,
    exclusionReason,
  });
async function newVote(name: string, ids: number[], extra: Record<string, unknown> = {}) {
  const r = await (
    await as('districtOfficer')
  ).post<VoteView & Err>('/api/projects/votes', {
    kind: 'selection',
    year,
    name,
    candidateIds: ids,
    selection: {
      places: 1,
      form: 'approve',
      threshold: { basis: 'present', percent: 50 },
      tieRule: 'lowerCost',
      budgetCeiling: null,
    },
    ...extra,
  });
  expect([r.status, r.body.error?.code]).toEqual([201, undefined]);
  return r.body;
}
const step = async (voteId: number, s: string, status = 200) => {
  const r = await (await as('districtOfficer')).post<VoteView & Err>(`/api/projects/votes/${voteId}/${s}`);
  expect([s, r.status, r.body.error?.code]).toEqual([s, status, r.body.error?.code]);
  return r.body;
};
const outbox = (type: string) =>
  t.platform.db.selectFrom('notify_message').selectAll().where('type', '=', type).execute();

describe('the exclusion notice', () => {
  it('tells the proposing unit why its candidate was screened out (in-app), not the committee itself', async () => {
    const unitProject = await propose('建设区级体育中心', 90_000_000, { source: 'department' }, 'unitStaffA');
    const own = await propose('区政府大院景观提升', 9_000_000);
    expect((await screen(unitProject.id, false, '投资规模超出区级年度财力')).status).toBe(200);
    expect((await screen(own.id, false, '不属于民生事项')).status).toBe(200);
    const sent = await outbox('project.excluded');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to_user_id).toBe(d.users.unitStaffA.id);
    expect(sent[0]!.vars).toEqual({ title: '建设区级体育中心', reason: '投资规模超出区级年度财力' });
  });
});

describe('the public comment period', () => {
  let voteId: number;
  let ids: number[];
  it('is opened by the committee on a draft vote; bad dates and other roles are refused', async () => {
    const a = await propose('社区食堂建设', 2_000_000);
    const b = await propose('背街小巷路灯改造', 1_200_000);
    ids = [a.id, b.id];
    for (const id of ids) expect((await screen(id, true)).status).toBe(200);
    voteId = (await newVote('征求意见票决', ids)).id;
    const open = (who: string, until: string) =>
      as(who).then((c) => c.post<VoteView & Err>(`/api/projects/votes/${voteId}/comments/open`, { until }));
    const past = await open('districtOfficer', addDays(chinaToday(), -1));
    expect([past.status, past.body.error?.fields?.[0]?.path]).toEqual([400, 'body.until']);
    const malformed = await open('districtOfficer', '2027/01/01');
    expect([malformed.status, malformed.body.error?.fields?.[0]?.path]).toEqual([400, 'body.until']);
    expect((await open('streetOfficerA', addDays(chinaToday(), 7))).status).toBe(404);
    expect((await open('deputyA', addDays(chinaToday(), 7))).status).toBe(404);
    const ok = await open('districtOfficer', addDays(chinaToday(), 7));
    expect(ok.status).toBe(200);
    expect(ok.body.commentUntil).not.toBeNull();
  });

  it('takes support and comments from the portal, masks personal data, publishes after moderation, rate-limits', async () => {
    const portal = new TestClient(app, { ip: '10.9.0.1' });
    const list = await portal.get<z.infer<typeof Consultations>>('/api/public/projects/consultations');
    const mine = list.body.items.find((c) => c.voteId === voteId)!;
    expect(mine.candidates.map((c) => c.projectId)).toEqual(ids);
    const say = (body: Record<string, unknown>, client = portal) =>
      client.post<Err>(`/api/public/projects/consultations/${voteId}/comments`, body);
    expect((await say({ projectId: ids[0], support: true })).status).toBe(201);
    expect(
      (
        await say({
          projectId: ids[0],
          support: true,
          body: '老人吃饭难，盼早日建成',
          name: '陈美华',
          phone: '13912345678',
        })
      ).status,
    ).toBe(201);
    expect((await say({ projectId: ids[1], support: false, body: '请同时整治电线' })).status).toBe(201);
    // Bad input names the field; neither support nor a comment; not a candidate.
    const badPhone = await say({ projectId: ids[0], support: true, phone: '123' });
    expect([badPhone.status, badPhone.body.error?.fields?.[0]?.path]).toEqual([400, 'body.phone']);
    const empty = await say({ projectId: ids[0], support: false });
    expect([empty.status, empty.body.error?.fields?.[0]?.path]).toEqual([400, 'body.body']);
    const tooLong = await say({ projectId: ids[0], support: false, body: '长'.repeat(501) });
    expect([tooLong.status, tooLong.body.error?.fields?.[0]?.path]).toEqual([400, 'body.body']);
    const other = await say({ projectId: 999999, support: true });
    expect([other.status, other.body.error?.code]).toEqual([409, 'PROJECT_COMMENTS_CLOSED']);

    // The committee: every comment, counts, personal data masked.
    const staff = await (
      await as('districtOfficer')
    ).get<z.infer<typeof StaffComments>>(`/api/projects/votes/${voteId}/comments`);
    expect(staff.body.counts.find((c) => c.projectId === ids[0])).toEqual({
      projectId: ids[0],
      supports: 2,
      comments: 1,
    });
    const named = staff.body.items.find((c) => c.body === '老人吃饭难，盼早日建成')!;
    expect([named.name, named.phone, named.state]).toEqual(['陈**', '139****5678', 'pending']);
    expect(JSON.stringify(staff.body)).not.toContain('13912345678');
    expect(JSON.stringify(staff.body)).not.toContain('陈美华');
    // Not for a street officer, nor a deputy.
    expect((await (await as('streetOfficerA')).get(`/api/projects/votes/${voteId}/comments`)).status).toBe(404);
    expect((await (await as('deputyA')).get(`/api/projects/votes/${voteId}/comments`)).status).toBe(404);

    // Nothing shows on the portal until published; a hidden one stays hidden.
    let shown = (await portal.get<z.infer<typeof Consultations>>('/api/public/projects/consultations')).body.items.find(
      (c) => c.voteId === voteId,
    )!;
    expect(shown.candidates[0]!.comments).toEqual([]);
    expect(shown.candidates[0]!.supports).toBe(2);
    const moderate = (id: number, state: string) =>
      as('districtOfficer').then((c) =>
        c.post<z.infer<typeof StaffComments> & Err>(`/api/projects/votes/${voteId}/comments/${id}`, { state }),
      );
    expect((await moderate(named.id, 'published')).status).toBe(200);
    const wire = staff.body.items.find((c) => c.body === '请同时整治电线')!;
    expect((await moderate(wire.id, 'hidden')).status).toBe(200);
    expect((await moderate(wire.id, 'deleted')).status).toBe(400);
    shown = (await portal.get<z.infer<typeof Consultations>>('/api/public/projects/consultations')).body.items.find(
      (c) => c.voteId === voteId,
    )!;
    expect(shown.candidates[0]!.comments).toEqual([
      { name: '陈**', body: '老人吃饭难，盼早日建成', createdAt: expect.any(String) },
    ]);
    expect(shown.candidates[1]!.comments).toEqual([]);

    // Rate-limited per address (20 an hour): the 21st from one address is refused, another address is not.
    const flood = new TestClient(app, { ip: '10.9.0.2' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await say({ projectId: ids[1], support: true }, flood)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await say({ projectId: ids[1], support: true }, new TestClient(app, { ip: '10.9.0.3' }))).status).toBe(201);
  });

  it('ends when the vote opens', async () => {
    await step(voteId, 'open');
    const list = await new TestClient(app).get<z.infer<typeof Consultations>>('/api/public/projects/consultations');
    expect(list.body.items.map((c) => c.voteId)).not.toContain(voteId);
    const late = await new TestClient(app, { ip: '10.9.0.4' }).post<Err>(
      `/api/public/projects/consultations/${voteId}/comments`,
      { projectId: ids[0], support: true },
    );
    expect([late.status, late.body.error?.code]).toEqual([409, 'PROJECT_COMMENTS_CLOSED']);
    await step(voteId, 'close');
  });
});

describe('paper ballots counted as totals', () => {
  it('refuses totals that do not match the ballots, counts them, and the published list recomputes', async () => {
    const ps = [await propose('公园健身步道', 800_000), await propose('农贸市场提升', 5_000_000)];
    for (const p of ps) expect((await screen(p.id, true)).status).toBe(200);
    const ids = ps.map((p) => p.id);
    const vote = await newVote('汇总票决', ids, { paperMode: 'totals' });
    expect(vote.paperMode).toBe('totals');
    await step(vote.id, 'open');
    const mark = (a: string, b: string) =>
      [
        { projectId: ids[0], mark: a },
        { projectId: ids[1], mark: b },
      ] as BallotChoices;
    for (const [who, a, b] of [
      ['deputyA', 'for', 'against'],
      ['voter0', 'for', 'for'],
    ] as const)
      expect(
        (await (await as(who)).post(`/api/projects/votes/${vote.id}/ballot`, { choices: mark(a, b) })).status,
      ).toBe(201);
    // voter1..voter3 take paper ballots.
    const issue = await (
      await as('districtOfficer')
    ).post(`/api/projects/votes/${vote.id}/paper/issue`, { deputyIds: deputies.slice(2).map((x) => x.id) });
    expect(issue.status).toBe(200);
    // One by one is not how this vote's paper is entered.
    const oneByOne = await (
      await as('districtOfficer')
    ).post<Err>(`/api/projects/votes/${vote.id}/paper/entries`, { ballotNo: 1, choices: mark('for', 'for') });
    expect([oneByOne.status, oneByOne.body.error?.fields?.[0]?.path]).toEqual([400, 'body.ballotNo']);
    const totals = (body: Record<string, unknown>, who = 'districtOfficer') =>
      as(who).then((c) => c.post<VoteView & Err>(`/api/projects/votes/${vote.id}/paper/totals`, body));
    const counts = (a: number[], b: number[]) =>
      (['for', 'against', 'abstain'] as const).flatMap((m, i) => [
        { projectId: ids[0], mark: m, count: a[i] },
        { projectId: ids[1], mark: m, count: b[i] },
      ]);
    const good = { issued: 3, returned: 2, spoiled: 1, counts: counts([2, 0, 0], [1, 1, 0]) };
    // Still open: refused.
    expect((await totals(good)).body.error?.code).toBe('PROJECT_VOTE_STATE');
    await step(vote.id, 'close');
    expect((await totals(good, 'deputyA')).status).toBe(403);
    const wrongIssued = await totals({ ...good, issued: 4, returned: 3 });
    expect([wrongIssued.status, wrongIssued.body.error?.code]).toEqual([409, 'PROJECT_PAPER_MISMATCH']);
    const notAddingUp = await totals({ ...good, spoiled: 0 });
    expect(notAddingUp.body.error?.message).toContain('作废');
    const marksOver = await totals({ ...good, counts: counts([2, 1, 0], [1, 1, 0]) });
    expect([marksOver.status, marksOver.body.error?.message]).toEqual([
      409,
      expect.stringContaining('各选项合计 3 票，应等于收回有效选票 2 张'),
    ]);
    const badMark = await totals({
      ...good,
      counts: [...good.counts, { projectId: ids[0], mark: 'chosen', count: 0 }],
    });
    expect(badMark.body.error?.fields?.[0]?.path).toBe('body.counts.6');
    const negative = await totals({ ...good, counts: counts([-1, 3, 0], [1, 1, 0]) });
    expect(negative.body.error?.fields?.[0]?.path).toBe('body.counts.0.count');
    // Double entry: the first entry waits; the same officer cannot confirm it.
    const first = await totals(good);
    expect([first.status, first.body.paper.returned, first.body.paperTotalsCheck?.state]).toEqual([200, null, 'first']);
    expect(first.body.paperTotalsCheck?.entries.map((e) => [e.entry, e.mine])).toEqual([[1, true]]);
    const sameOfficer = await totals(good);
    expect([sameOfficer.status, sameOfficer.body.error?.fields?.[0]?.path]).toEqual([400, 'body.counts']);
    // A second officer types other (self-consistent) figures: nothing counts, both entries are shown.
    const other = { ...good, counts: counts([1, 1, 0], [1, 1, 0]) };
    const conflict = await totals(other, 'secondOfficer');
    expect([conflict.status, conflict.body.paper.returned, conflict.body.paperTotalsCheck?.state]).toEqual([
      200,
      null,
      'conflict',
    ]);
    const shown = conflict.body.paperTotalsCheck!.entries;
    expect(shown.map((e) => [e.entry, e.mine])).toEqual([
      [1, false],
      [2, true],
    ]);
    const forOf = (e: (typeof shown)[number]) =>
      e.counts.find((c) => c.projectId === ids[0] && c.mark === 'for')?.count;
    expect(shown.map(forOf)).toEqual([2, 1]);
    expect((await step(vote.id, 'publish', 409)).error?.code).toBe('PROJECT_PAPER_MISMATCH');
    // Typed again (a new round) by the two officers, alike: now they count.
    expect((await totals(good, 'secondOfficer')).body.paperTotalsCheck?.state).toBe('first');
    const ok = await totals(good);
    expect([ok.status, ok.body.paperTotalsCheck?.state]).toEqual([200, 'confirmed']);
    expect([ok.body.paper.returned, ok.body.paper.spoiled]).toEqual([2, 1]);
    expect((await totals(good)).body.error?.code).toBe('PROJECT_VOTE_STATE');
    const entries = await t.platform.db
      .selectFrom('project_paper_totals_entry')
      .select(['round', 'entry'])
      .where('vote_id', '=', vote.id)
      .orderBy('round')
      .orderBy('entry')
      .execute();
    expect(entries.map((e) => [e.round, e.entry])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);

    // By hand: present 5 → more than 2.5 → 3 needed. 步道: 2 electronic + 2 paper = 4 for; 市场: 1 + 1 = 2.
    const published = await step(vote.id, 'publish');
    const r = published.result!;
    expect([r.present, r.ballots, r.needed, r.spoiled]).toEqual([5, 4, 3, 1]);
    expect(r.rows.map((x) => [x.projectId, x.for, x.against, x.chosen])).toEqual([
      [ids[0], 4, 0, true],
      [ids[1], 2, 2, false],
    ]);
    // Anyone recomputes the same from the published ballots and the published totals.
    const pub = await new TestClient(app).get<z.infer<typeof PublishedBallots>>(
      `/api/public/projects/votes/${vote.id}/ballots`,
    );
    expect(pub.body.ballots).toHaveLength(2);
    expect(pub.body.paperTotals?.returned).toBe(2);
    const again = tallySelection(
      published.selection!,
      r.rows.map((x) => ({ projectId: x.projectId, title: x.title, cost: x.cost })),
      pub.body.ballots,
      { members: r.members, present: r.present, electronic: r.electronic, paper: r.paper, spoiled: r.spoiled },
      pub.body.paperTotals,
    );
    expect(again.rows.map((x) => [x.for, x.against, x.chosen])).toEqual(
      r.rows.map((x) => [x.for, x.against, x.chosen]),
    );
  });
});

describe('supervision groups and inspections', () => {
  it('sets the group, records an inspection with a photo, credits the deputies, shows it on the project and the portal', async () => {
    const chosen = (
      await (
        await as('districtOfficer')
      ).get<{ items: { id: number; title: string }[] }>(`/api/projects?year=${year}&state=chosen`)
    ).body.items.find((x) => x.title === '公园健身步道')!;
    const put = (who: string, deputyIds: number[]) =>
      as(who).then((c) => c.request<ProjectView & Err>('PUT', `/api/projects/${chosen.id}/supervisors`, { deputyIds }));
    // Only the committee; only serving deputies of the congress.
    expect((await put('unitStaffA', [deputies[0]!.id])).status).toBe(403);
    const stranger = await put('districtOfficer', [deputies[0]!.id, 999999]);
    expect([stranger.status, stranger.body.error?.fields?.[0]?.path]).toEqual([400, 'body.deputyIds.1']);
    const group = await put(
      'districtOfficer',
      deputies.slice(0, 3).map((x) => x.id),
    );
    expect(group.status).toBe(200);
    expect(group.body.supervisors.map((s) => s.deputyId).sort()).toEqual(
      deputies
        .slice(0, 3)
        .map((x) => x.id)
        .sort(),
    );

    const inspect = (body: Record<string, unknown>, who = 'districtOfficer') =>
      as(who).then((c) => c.post<{ inspectionId: number } & Err>(`/api/projects/${chosen.id}/inspections`, body));
    const day = addDays(chinaToday(), -2);
    const base = {
      kind: 'inspection',
      day,
      findings: '施工围挡占用人行道',
      requests: '两周内设置临时人行通道',
      deputyIds: [deputies[0]!.id, deputies[1]!.id],
    };
    const outsider = await inspect({ ...base, deputyIds: [deputies[4]!.id] });
    expect([outsider.status, outsider.body.error?.fields?.[0]?.path]).toEqual([400, 'body.deputyIds.0']);
    const noFindings = await inspect({ ...base, findings: ' ' });
    expect(noFindings.body.error?.fields?.[0]?.path).toBe('body.findings');
    expect((await inspect({ ...base, kind: 'picnic' })).body.error?.fields?.[0]?.path).toBe('body.kind');
    expect((await inspect(base, 'unitStaffA')).status).toBe(403);
    const made = await inspect(base);
    expect(made.status).toBe(201);

    const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#2a7' } })
      .jpeg()
      .toBuffer();
    const photo = await upload<ProjectView>(
      await as('districtOfficer'),
      'POST',
      `/api/projects/${chosen.id}/inspections/${made.body.inspectionId}/photo`,
      jpeg,
      'i.jpg',
      'image/jpeg',
    );
    expect(photo.status).toBe(200);
    expect(photo.body.inspections).toEqual([
      {
        id: made.body.inspectionId,
        kind: 'inspection',
        day,
        findings: '施工围挡占用人行道',
        requests: '两周内设置临时人行通道',
        deputies: expect.arrayContaining(['甲代表', '乙代表0']),
        hasPhoto: true,
      },
    ]);
    // Credited in both deputies' duty records, once each, as 视察.
    const credited = await t.platform.db
      .selectFrom('duty_activity')
      .select(['deputy_id', 'kind', 'day', 'title'])
      .where('source_key', '=', `project-inspection:${made.body.inspectionId}`)
      .execute();
    expect(credited.map((c) => c.deputy_id).sort()).toEqual([deputies[0]!.id, deputies[1]!.id].sort());
    expect(credited.every((c) => c.kind === 'inspection' && c.title.includes('公园健身步道'))).toBe(true);

    // Before the plan is published, the portal neither lists it nor serves the photo; after, both.
    const photoUrl = `/api/public/projects/${chosen.id}/inspections/${made.body.inspectionId}/photo`;
    expect((await new TestClient(app).get(photoUrl)).status).toBe(404);
    const plan = {
      targets: '建设步道 2 公里',
      unitId: d.orgs.officeA.id,
      cost: 800_000,
      expectedCompletion: due,
      supervisionLeader: '王主任',
      milestones: [{ title: '完工', dueOn: `${year}-10-31` }],
    };
    expect((await (await as('districtOfficer')).request('PUT', `/api/projects/${chosen.id}/plan`, plan)).status).toBe(
      200,
    );
    expect((await (await as('districtOfficer')).post(`/api/projects/${chosen.id}/plan/publish`)).status).toBe(200);
    const served = await new TestClient(app).get(photoUrl);
    expect([served.status, served.headers['content-type']]).toEqual([200, 'image/jpeg']);
    const portal = await new TestClient(app).get<PublicProjects>(`/api/public/projects?year=${year}`);
    const shown = portal.body.projects.find((x) => x.id === chosen.id)!;
    expect(shown.supervisors).toEqual(expect.arrayContaining(['甲代表', '乙代表0', '乙代表1']));
    expect(shown.inspections[0]).toEqual(expect.objectContaining({ findings: '施工围挡占用人行道', hasPhoto: true }));
  });
});

describe('the link from an opinion to the project it became', () => {
  it('shows on the opinion (console) and to the constituent following it (portal, with the proof)', async () => {
    const opinion = await createOpinion(t.platform, d, 'registered', { phone: '13700004321' });
    const project = await propose('小区道路修复', 600_000, { source: 'opinion', sourceOpinionId: opinion.id });
    const staff = await (
      await as('districtOfficer')
    ).get<{ items: { id: number; state: string }[] }>(`/api/projects/links?opinionId=${opinion.id}`);
    expect(staff.body.items).toEqual([expect.objectContaining({ id: project.id, state: 'reserve' })]);
    // Another street's officer reads none of them.
    const other = await (
      await as('streetOfficerB')
    ).get<{ items: unknown[] }>(`/api/projects/links?opinionId=${opinion.id}`);
    expect(other.body.items).toEqual([]);
    const { receipt_code } = await t.platform.db
      .selectFrom('opinion')
      .select('receipt_code')
      .where('id', '=', opinion.id)
      .executeTakeFirstOrThrow();
    const follow = (body: Record<string, unknown>) =>
      new TestClient(app, { ip: '10.9.1.1' }).post<{ items: { id: number; title: string }[] } & Err>(
        '/api/public/projects/for-opinion',
        body,
      );
    const found = await follow({ receiptCode: receipt_code, phoneLast4: '4321' });
    expect(found.body.items).toEqual([expect.objectContaining({ id: project.id, title: '小区道路修复' })]);
    expect((await follow({ receiptCode: receipt_code, phoneLast4: '0000' })).status).toBe(404);
  });
});
