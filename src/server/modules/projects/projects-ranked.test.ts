import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { BallotChoices, ProjectView, PublishedBallots, VoteView } from '../../../contracts/projects.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { tallySelection } from './tally.js';

// Rank ballots (排序) over HTTP: bad input named, one ballot per deputy, paper entered twice, the
// Borda result by hand, recomputed from the published ballots, and no deputy linked to a ranking.

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
const year = yearOf(chinaToday()) + 1;
const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);
const deputies: { id: number; name: string }[] = [];
type Err = { error?: { code: string; message: string; fields?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  users = { ...d.users, secondOfficer: await createUser(t.platform, d.orgs.root, 'districtOfficer') };
  deputies.push(await createDeputy(t.platform, d, { org: d.orgs.streetA, user: d.users.deputyA, name: '甲排序代表' }));
  for (let i = 0; i < 4; i++) {
    const user = await createUser(t.platform, d.orgs.streetB, 'deputy');
    deputies.push(await createDeputy(t.platform, d, { org: d.orgs.streetB, user, name: `乙排序代表${i}` }));
    users[`voter${i}`] = user;
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function candidate(title: string, cost: number) {
  const officer = await as('districtOfficer');
  const r = await officer.post<ProjectView & Err>('/api/projects', {
    year,
    title,
    description: `${title}：惠及周边居民。`,
    cost,
    fundingSource: '区级财政',
    unitId: d.orgs.officeA.id,
    location: '甲街道',
    expectedCompletion: `${year}-11-30`,
    source: 'committee',
  });
  expect([r.status, r.body.error?.code]).toEqual([201, undefined]);
  const pass = { ok: true, note: '符合' };
  const s = await officer.post(`/api/projects/${r.body.id}/screening`, {
    feasibility: pass,
    necessity: pass,
    fiscal: pass,
    legality: pass,
    shortlist: true,
  });
  expect(s.status).toBe(200);
  return r.body;
}
const step = async (voteId: number, s: string) => {
  const r = await (await as('districtOfficer')).post<VoteView & Err>(`/api/projects/votes/${voteId}/${s}`);
  expect([s, r.status, r.body.error?.code]).toEqual([s, 200, undefined]);
  return r.body;
};

describe('rank ballots (排序)', () => {
  let ids: number[];
  let voteId: number;
  /** A ballot from the candidates' indexes (0, 1, 2) in order of preference. */
  const ranking = (...order: number[]): BallotChoices =>
    order.map((k, i) => ({ projectId: ids[k]!, mark: 'ranked' as const, rank: i + 1 }));
  const vote = (who: string, choices: unknown) =>
    as(who).then((c) => c.post<{ receiptCode: string } & Err>(`/api/projects/votes/${voteId}/ballot`, { choices }));

  it('is set up as a rank vote; its paper cannot be entered as totals', async () => {
    const ps = [
      await candidate('老旧小区加装电梯', 3_000_000),
      await candidate('社区卫生服务站', 2_000_000),
      await candidate('口袋公园', 1_000_000),
    ];
    ids = ps.map((p) => p.id);
    const body = {
      kind: 'selection',
      year,
      name: '排序票决',
      candidateIds: ids,
      selection: {
        places: 2,
        form: 'rank',
        threshold: { basis: 'present', percent: 50 },
        tieRule: 'lowerCost',
        budgetCeiling: 5_000_000,
      },
    };
    const officer = await as('districtOfficer');
    const totals = await officer.post<Err>('/api/projects/votes', { ...body, paperMode: 'totals' });
    expect([totals.status, totals.body.error?.fields?.[0]?.path]).toEqual([400, 'body.paperMode']);
    const badForm = await officer.post<Err>('/api/projects/votes', {
      ...body,
      selection: { ...body.selection, form: 'order' },
    });
    expect([badForm.status, badForm.body.error?.fields?.[0]?.path]).toEqual([400, 'body.selection.form']);
    const created = await officer.post<VoteView & Err>('/api/projects/votes', body);
    expect([created.status, created.body.selection?.form]).toEqual([201, 'rank']);
    voteId = created.body.id;
    await step(voteId, 'open');
  });

  it('refuses a bad ranking, naming the field, in Chinese and English', async () => {
    const cases: [unknown, string, RegExp][] = [
      [ranking(0, 1), 'body.choices', /每个项目/],
      [
        [
          { projectId: ids[0], mark: 'ranked', rank: 1 },
          { projectId: ids[1], mark: 'ranked', rank: 1 },
          { projectId: ids[2], mark: 'ranked', rank: 3 },
        ],
        'body.choices',
        /不同的名次/,
      ],
      [
        [
          { projectId: ids[0], mark: 'ranked', rank: 0 },
          { projectId: ids[1], mark: 'ranked', rank: 1 },
          { projectId: ids[2], mark: 'ranked', rank: 2 },
        ],
        'body.choices.0.rank',
        /名次/,
      ],
      [
        ranking(0, 1, 2).map((c, i) => (i === 0 ? { projectId: c.projectId, mark: 'ranked' } : c)),
        'body.choices',
        /选项/,
      ],
      [[{ projectId: ids[0], mark: 'for' }, ...ranking(0, 1, 2).slice(1)], 'body.choices', /选项/],
      [ranking(0, 1, 2).map((c) => ({ ...c, rank: 1.5 })), 'body.choices.0.rank', /整数/],
    ];
    for (const [choices, path, zh] of cases) {
      const r = await vote('deputyA', choices);
      expect([r.status, r.body.error?.fields?.[0]?.path]).toEqual([400, path]);
      expect(r.body.error?.fields?.[0]?.message).toMatch(zh);
    }
    const en = await (
      await as('deputyA')
    ).post<Err>(
      `/api/projects/votes/${voteId}/ballot`,
      { choices: ranking(0, 1) },
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.body.error?.fields?.[0]?.message).toMatch(/Mark every project/);
    // Nothing was stored by the refused ballots: the deputy may still vote.
    const view = await (await as('deputyA')).get<VoteView>(`/api/projects/votes/${voteId}`);
    expect(view.body.me).toEqual({ eligible: true, voted: false });
  });

  it('takes one ranking per deputy, electronic or paper (typed twice), and publishes the Borda result', async () => {
    // 电梯>卫生站>公园 ×2, 卫生站>公园>电梯 ×2 (one on paper), 公园>电梯>卫生站 ×1 (paper).
    const first = await vote('deputyA', ranking(0, 1, 2));
    expect([first.status, first.body.receiptCode]).toEqual([201, expect.any(String)]);
    const again = await vote('deputyA', ranking(2, 1, 0));
    expect([again.status, again.body.error?.code]).toEqual([409, 'PROJECT_ALREADY_VOTED']);
    const parallel = await Promise.all([vote('voter0', ranking(0, 1, 2)), vote('voter0', ranking(0, 1, 2))]);
    expect(parallel.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await vote('voter1', ranking(1, 2, 0))).status).toBe(201);
    const issue = await (
      await as('districtOfficer')
    ).post(`/api/projects/votes/${voteId}/paper/issue`, { deputyIds: deputies.slice(3).map((x) => x.id) });
    expect(issue.status).toBe(200);
    const paper = (who: string, ballotNo: number, choices: BallotChoices) =>
      as(who).then((c) =>
        c.post<{ state: string } & Err>(`/api/projects/votes/${voteId}/paper/entries`, { ballotNo, choices }),
      );
    expect((await paper('districtOfficer', 1, ranking(1, 2, 0))).body.state).toBe('first');
    expect((await paper('secondOfficer', 1, ranking(1, 2, 0))).body.state).toBe('confirmed');
    expect((await paper('districtOfficer', 2, ranking(2, 0, 1))).body.state).toBe('first');
    expect((await paper('secondOfficer', 2, ranking(0, 2, 1))).body.state).toBe('conflict');
    expect((await paper('secondOfficer', 2, ranking(2, 0, 1))).body.state).toBe('first');
    expect((await paper('districtOfficer', 2, ranking(2, 0, 1))).body.state).toBe('confirmed');
    await step(voteId, 'close');
    const rec = await (
      await as('districtOfficer')
    ).post<VoteView & Err>(`/api/projects/votes/${voteId}/paper/reconcile`, { issued: 2, returned: 2, spoiled: 0 });
    expect(rec.status).toBe(200);

    // By hand, n = 3 (3-2-1 points): 电梯 2·3 + 2·1 + 1·2 = 10; 卫生站 2·2 + 2·3 + 1·1 = 11; 公园 2·1 + 2·2 + 1·3 = 9.
    // Within the 2 places: 电梯 3, 卫生站 4, 公园 3 of 5 present (3 needed): all pass.
    // Ranked 卫生站, 电梯, 公园; two places: 卫生站 (200 万) and 电梯 (running total 500 万, at the ceiling).
    const published = await step(voteId, 'publish');
    const r = published.result!;
    expect([r.present, r.ballots, r.needed]).toEqual([5, 5, 3]);
    expect(r.rows.map((x) => [x.projectId, x.score, x.for, x.rank, x.chosen, x.runningTotal])).toEqual([
      [ids[1], 11, 4, 1, true, 2_000_000],
      [ids[0], 10, 3, 2, true, 5_000_000],
      [ids[2], 9, 3, 3, false, null],
    ]);

    // Anyone recomputes it from the published anonymous ballots.
    const pub = await new TestClient(app).get<z.infer<typeof PublishedBallots>>(
      `/api/public/projects/votes/${voteId}/ballots`,
    );
    expect(pub.body.ballots).toHaveLength(5);
    expect(pub.body.ballots.every((b) => b.choices.every((c) => c.mark === 'ranked' && c.rank! >= 1))).toBe(true);
    const recount = tallySelection(
      published.selection!,
      r.rows.map((x) => ({ projectId: x.projectId, title: x.title, cost: x.cost })),
      pub.body.ballots,
      { members: r.members, present: r.present, electronic: r.electronic, paper: r.paper, spoiled: r.spoiled },
    );
    expect(recount).toEqual(r);
    // The voter's receipt shows their ranking as counted.
    const check = await new TestClient(app).post<{ found: boolean; choices: BallotChoices }>(
      '/api/public/projects/receipts',
      { code: first.body.receiptCode },
    );
    expect(check.body.found).toBe(true);
    expect(check.body.choices.map((c) => [c.projectId, c.rank])).toEqual(ids.map((id, i) => [id, i + 1]));
  });

  it('links no deputy to a ranking in any response or audit line (another deputy, the committee, an auditor)', async () => {
    const names = deputies.map((x) => x.name);
    const urls = [
      `/api/projects/votes`,
      `/api/projects/votes/${voteId}`,
      `/api/projects/votes/${voteId}/voters`,
      `/api/projects/votes/${voteId}/ballots`,
      ...ids.map((id) => `/api/projects/${id}`),
      `/api/public/projects?year=${year}`,
      `/api/public/projects/votes/${voteId}/ballots`,
    ];
    let checked = 0;
    for (const who of ['voter2', 'districtOfficer', 'auditor'] as const)
      for (const url of urls) {
        const r = await (await as(who)).get(url);
        const text = JSON.stringify(r.body);
        if (!/"rank"|"choices"/.test(text)) continue;
        checked += 1;
        expect([who, url, names.filter((n) => text.includes(n))]).toEqual([who, url, []]);
        expect([who, url, /"deputyId"/.test(text)]).toEqual([who, url, false]);
      }
    expect(checked).toBeGreaterThan(0);
    const att = await (
      await as('districtOfficer')
    ).get<{ items: { voted: string | null }[] }>(`/api/projects/votes/${voteId}/voters`);
    expect(att.body.items).toHaveLength(5);
    expect(JSON.stringify(att.body)).not.toMatch(/rank|choices|mark/);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'project.vote%')
      .where('subject_id', '=', String(voteId))
      .execute();
    expect(audit.filter((a) => a.action === 'project.vote.cast')).toHaveLength(3);
    for (const a of audit) {
      const s = JSON.stringify(a.summary ?? {});
      expect([a.action, /"rank":|ranked|choices|receipt/.test(s)]).toEqual([a.action, false]);
    }
  });
});
