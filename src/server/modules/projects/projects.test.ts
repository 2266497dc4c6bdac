import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { PublishedBallots } from '../../../contracts/projects.js';
import type { BallotChoices, ProjectView, PublicProjects, VoteView } from '../../../contracts/projects.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  actorOf,
  contextOf,
  createDeputy,
  createDistrict,
  createOpinion,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { upload } from '../../../../test/support/files.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { castBallot } from './ballots.js';
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

/** Deputies with accounts (the electorate is every serving district deputy under the committee). */
const voters: { deputyId: number; name: string; user: { id: number; username: string } }[] = [];

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const p = t.platform;
  const officer2 = await createUser(p, d.orgs.root, 'districtOfficer');
  users = { ...d.users, officer2 };
  // deputyA of the district is a voter too.
  const a = await createDeputy(p, d, { org: d.orgs.streetA, user: d.users.deputyA, name: '甲代表' });
  voters.push({ deputyId: a.id, name: a.name, user: d.users.deputyA });
  for (let i = 0; i < 11; i++) {
    const user = await createUser(p, d.orgs.streetB, 'deputy');
    const dep = await createDeputy(p, d, { org: d.orgs.streetB, user });
    voters.push({ deputyId: dep.id, name: dep.name, user });
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
  ).post<ProjectView & { error?: { code: string } }>('/api/projects', {
    year,
    title,
    description: `${title}：群众反映强烈，实施后惠及周边居民。`,
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
async function shortlist(id: number) {
  const r = await (
    await as('districtOfficer')
  ).post<ProjectView>(`/api/projects/${id}/screening`, {
    feasibility: pass,
    necessity: pass,
    fiscal: pass,
    legality: pass,
    shortlist: true,
  });
  expect(r.status).toBe(200);
  expect(r.body.state).toBe('shortlisted');
}

async function ballot(who: string, voteId: number, choices: BallotChoices, status = 201) {
  const r = await (
    await as(who)
  ).post<{ receiptCode: string; error?: { code: string } }>(`/api/projects/votes/${voteId}/ballot`, { choices });
  expect([who, r.status, r.body.error?.code]).toEqual([who, status, r.body.error?.code]);
  return r.body;
}

async function voteStep(voteId: number, step: string, status = 200) {
  const r = await (
    await as('districtOfficer')
  ).post<VoteView & { error?: { code: string } }>(`/api/projects/votes/${voteId}/${step}`);
  expect([step, r.status, r.body.error?.code]).toEqual([step, status, r.body.error?.code]);
  return r.body;
}

describe('the reserve and screening', () => {
  it('keeps the source both ways, records the reviews, and shows an exclusion reason to the proposer', async () => {
    const opinion = await createOpinion(t.platform, d, 'registered', { phone: '13700009999' });
    const fromOpinion = await propose('老旧小区加装电梯', 3_000_000, {
      source: 'opinion',
      sourceOpinionId: opinion.id,
    });
    expect(fromOpinion.sourceOpinion).toEqual(expect.objectContaining({ id: opinion.id }));
    const links = await (
      await as('districtOfficer')
    ).get<{ items: { id: number }[] }>(`/api/projects/links?opinionId=${opinion.id}`);
    expect(links.body.items.map((i) => i.id)).toEqual([fromOpinion.id]);

    // A source that does not exist is refused, naming the field.
    const bad = await (
      await as('districtOfficer')
    ).post<{ error: { code: string; fields: { path: string }[] } }>('/api/projects', {
      year,
      title: '无来源',
      description: '',
      cost: 1,
      fundingSource: '区级财政',
      location: '甲街道',
      expectedCompletion: due,
      source: 'suggestion',
      sourceSuggestionId: 999999,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toBe('body.sourceSuggestionId');

    // A unit proposes; the committee excludes it with a reason; the unit reads the reason.
    const unitProject = await propose('建设区级体育中心', 90_000_000, { source: 'department' }, 'unitStaffA');
    const noReason = await (
      await as('districtOfficer')
    ).post<{ error: { fields: { path: string }[] } }>(`/api/projects/${unitProject.id}/screening`, {
      feasibility: pass,
      necessity: pass,
      fiscal: { ok: false, note: '超出年度财力' },
      legality: pass,
      shortlist: false,
    });
    expect(noReason.body.error.fields[0]!.path).toBe('body.exclusionReason');
    const excluded = await (
      await as('districtOfficer')
    ).post<ProjectView>(`/api/projects/${unitProject.id}/screening`, {
      feasibility: pass,
      necessity: pass,
      fiscal: { ok: false, note: '超出年度财力' },
      legality: pass,
      shortlist: false,
      exclusionReason: '投资规模超出区级年度财力，建议纳入中长期规划',
    });
    expect(excluded.body.state).toBe('excluded');
    const seen = await (await as('unitStaffA')).get<ProjectView>(`/api/projects/${unitProject.id}`);
    expect(seen.body.exclusionReason).toContain('超出区级年度财力');
    expect(seen.body.screening?.fiscal).toEqual({ ok: false, note: '超出年度财力' });
    // Shortlisting with a failed review is refused.
    const refused = await (
      await as('districtOfficer')
    ).post<{ error: { code: string } }>(`/api/projects/${unitProject.id}/screening`, {
      feasibility: pass,
      necessity: pass,
      fiscal: { ok: false, note: '' },
      legality: pass,
      shortlist: true,
    });
    expect(refused.status).toBe(400);
    // Another street's officer does not see the district's projects.
    expect((await (await as('streetOfficerB')).get(`/api/projects/${fromOpinion.id}`)).status).toBe(404);
  });
});

describe('the vote', () => {
  let voteId: number;
  let candidates: ProjectView[];
  const receipts = new Map<string, string>();

  it('needs more candidates than places (差额), then runs with electronic and paper ballots, reconciled', async () => {
    candidates = [];
    const opinion = await createOpinion(t.platform, d, 'registered', { phone: '13700005555' });
    candidates.push(await propose('背街小巷路灯改造', 1_200_000, { source: 'opinion', sourceOpinionId: opinion.id }));
    candidates.push(await propose('社区食堂建设', 2_000_000));
    candidates.push(await propose('公园健身步道', 800_000));
    candidates.push(await propose('农贸市场提升', 5_000_000));
    for (const c of candidates) await shortlist(c.id);
    const ids = candidates.map((c) => c.id);
    const rules = {
      places: 2,
      form: 'approve',
      threshold: { basis: 'present', percent: 50 },
      tieRule: 'lowerCost',
      budgetCeiling: 8_000_000,
    };
    const notCompetitive = await (
      await as('districtOfficer')
    ).post<{ error: { fields: { path: string }[] } }>('/api/projects/votes', {
      kind: 'selection',
      year,
      name: '票决',
      candidateIds: ids.slice(0, 2),
      selection: rules,
    });
    expect(notCompetitive.status).toBe(400);
    expect(notCompetitive.body.error.fields[0]!.path).toBe('body.candidateIds');

    const created = await (
      await as('districtOfficer')
    ).post<VoteView>('/api/projects/votes', {
      kind: 'selection',
      year,
      name: `${year}年民生实事项目票决`,
      candidateIds: ids,
      selection: rules,
    });
    expect(created.status).toBe(201);
    voteId = created.body.id;
    // Before it opens, deputies do not even see it.
    const mark = (marks: string[]) => ids.map((projectId, i) => ({ projectId, mark: marks[i]! })) as BallotChoices;
    await ballot('deputyA', voteId, mark(['for', 'for', 'for', 'against']), 404);
    const opened = await voteStep(voteId, 'open');
    expect(opened.members).toBe(12);

    // The ballot: every candidate marked; the budget ceiling holds (1.2 + 2 + 5 = 8.2 M > 8 M).
    const missing = await (
      await as('deputyA')
    ).post<{ error: { fields: { path: string }[] } }>(`/api/projects/votes/${voteId}/ballot`, {
      choices: mark(['for', 'for', 'for']).slice(0, 3),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0]!.path).toBe('body.choices');
    await ballot('deputyA', voteId, mark(['for', 'for', 'against', 'for']), 400);

    // 8 electronic ballots (deputyA + voter0..6), hand-made: 路灯 8 for, 食堂 6, 步道 6, 市场 1.
    const electronic: [string, string[]][] = [
      ['deputyA', ['for', 'for', 'for', 'against']],
      ['voter0', ['for', 'for', 'against', 'against']],
      ['voter1', ['for', 'for', 'abstain', 'against']],
      ['voter2', ['for', 'against', 'for', 'against']],
      ['voter3', ['for', 'for', 'for', 'abstain']],
      ['voter4', ['for', 'abstain', 'for', 'against']],
      ['voter5', ['for', 'for', 'for', 'against']],
      ['voter6', ['for', 'against', 'against', 'for']],
    ];
    for (const [who, marks] of electronic) receipts.set(who, (await ballot(who, voteId, mark(marks))).receiptCode);
    // Twice is refused.
    await ballot('voter0', voteId, mark(['for', 'for', 'for', 'against']), 409);
    const me = await (await as('voter0')).get<VoteView>(`/api/projects/votes/${voteId}`);
    expect(me.body.me).toEqual({ eligible: false, voted: true });
    expect(me.body.result).toBeNull();

    // voter7..voter9 take paper ballots (then cannot vote electronically); voter10 does not vote.
    const paperDeputies = voters.slice(8, 11).map((v) => v.deputyId);
    const issued = await (
      await as('districtOfficer')
    ).post(`/api/projects/votes/${voteId}/paper/issue`, { deputyIds: paperDeputies });
    expect(issued.status).toBe(200);
    await ballot('voter7', voteId, mark(['for', 'for', 'for', 'against']), 409);
    const again = await (
      await as('districtOfficer')
    ).post<{ error: { fields: { path: string }[] } }>(`/api/projects/votes/${voteId}/paper/issue`, {
      deputyIds: [voters[0]!.deputyId],
    });
    expect(again.body.error.fields[0]!.path).toBe('body.deputyIds.0');

    await voteStep(voteId, 'close');
    await ballot('voter10', voteId, mark(['for', 'for', 'for', 'against']), 409);

    // Paper: two returned ballots entered twice by different officers, one spoiled.
    const enter = async (who: string, ballotNo: number, marks: string[]) =>
      (
        await (
          await as(who)
        ).post<{ state: string; error?: { fields: { path: string }[] } }>(
          `/api/projects/votes/${voteId}/paper/entries`,
          {
            ballotNo,
            choices: mark(marks),
          },
        )
      ).body;
    expect((await enter('districtOfficer', 1, ['for', 'for', 'against', 'against'])).state).toBe('first');
    // The same officer cannot confirm their own entry.
    expect((await enter('districtOfficer', 1, ['for', 'for', 'against', 'against'])).error!.fields[0]!.path).toBe(
      'body.ballotNo',
    );
    expect((await enter('officer2', 1, ['for', 'for', 'against', 'against'])).state).toBe('confirmed');
    expect((await enter('districtOfficer', 2, ['for', 'against', 'for', 'against'])).state).toBe('first');
    // A differing second entry clears both: the paper is read again.
    expect((await enter('officer2', 2, ['for', 'against', 'against', 'against'])).state).toBe('conflict');
    expect((await enter('officer2', 2, ['for', 'against', 'for', 'against'])).state).toBe('first');

    // Reconciliation refuses what does not add up (and publishing waits for it).
    const reconcile = async (body: Record<string, number>) =>
      (await as('districtOfficer')).post<VoteView & { error?: { code: string; message: string } }>(
        `/api/projects/votes/${voteId}/paper/reconcile`,
        body,
      );
    await voteStep(voteId, 'publish', 409);
    const wrongIssued = await reconcile({ issued: 4, returned: 2, spoiled: 2 });
    expect([wrongIssued.status, wrongIssued.body.error?.code]).toEqual([409, 'PROJECT_PAPER_MISMATCH']);
    const notAddingUp = await reconcile({ issued: 3, returned: 2, spoiled: 0 });
    expect(notAddingUp.body.error?.code).toBe('PROJECT_PAPER_MISMATCH');
    const halfEntered = await reconcile({ issued: 3, returned: 2, spoiled: 1 });
    expect(halfEntered.body.error?.message).toContain('只录入了一次');
    expect((await enter('districtOfficer', 2, ['for', 'against', 'for', 'against'])).state).toBe('confirmed');
    // Three returned but only two entered alike: refused.
    const tooMany = await reconcile({ issued: 3, returned: 3, spoiled: 0 });
    expect(tooMany.body.error?.message).toContain('双人录入一致的只有 2 张');
    const ok = await reconcile({ issued: 3, returned: 2, spoiled: 1 });
    expect(ok.status).toBe(200);
    expect([ok.body.paper.returned, ok.body.paper.spoiled, ok.body.paper.confirmed]).toEqual([2, 1, 2]);
    // Entries stop once reconciled.
    expect((await enter('officer2', 4, ['for', 'against', 'for', 'against'])).error).toBeDefined();
  });

  it('announces the count by hand: 11 present need 6; places filled, the constituent told, the tally recomputes', async () => {
    const published = await voteStep(voteId, 'publish');
    // By hand: present = 8 electronic + 3 paper ballots issued = 11 → more than 5.5 → 6 needed.
    // Electronic 赞成: 路灯 8, 食堂 5 (甲, 0, 1, 3, 5), 步道 5 (甲, 2, 3, 4, 5), 市场 1 (6).
    // Paper (2 valid, 1 spoiled): #1 路灯 食堂, #2 路灯 步道 → 路灯 10, 食堂 6, 步道 6, 市场 1.
    // 食堂 and 步道 tie at 6 for the second place: lowerCost → 步道 (80 万) over 食堂 (200 万).
    const r = published.result!;
    expect([r.present, r.members, r.ballots, r.needed, r.spoiled]).toEqual([11, 12, 10, 6, 1]);
    expect(r.rows.map((x) => [x.title, x.for, x.rank, x.chosen, x.tie])).toEqual([
      ['背街小巷路灯改造', 10, 1, true, false],
      ['社区食堂建设', 6, 2, false, true],
      ['公园健身步道', 6, 2, true, true],
      ['农贸市场提升', 1, null, false, false],
    ]);
    expect(r.chosenTotal).toBe(2_000_000);

    // The published anonymous ballots give the same result to anyone.
    const pub = await new TestClient(app).get<z.infer<typeof PublishedBallots>>(
      `/api/public/projects/votes/${voteId}/ballots`,
    );
    expect(pub.status).toBe(200);
    expect(pub.body.ballots).toHaveLength(10);
    const view = await (await as('districtOfficer')).get<VoteView>(`/api/projects/votes/${voteId}`);
    const recomputed = tallySelection(
      view.body.selection!,
      view.body.candidateList.map((c) => ({ projectId: c.projectId, title: c.title, cost: c.cost })),
      pub.body.ballots,
      {
        members: view.body.members,
        present: view.body.attendance.electronic + view.body.attendance.paperIssued,
        electronic: view.body.attendance.electronic,
        paper: view.body.attendance.paperIssued,
        spoiled: view.body.paper.spoiled ?? 0,
      },
    );
    expect(recomputed).toEqual(r);

    // Each voter finds their ballot by the receipt code, as cast.
    const check = await new TestClient(app).post<{
      found: boolean;
      choices: BallotChoices;
    }>('/api/public/projects/receipts', { code: receipts.get('voter0') });
    expect(check.body.found).toBe(true);
    expect(check.body.choices.map((c) => c.mark)).toEqual(['for', 'for', 'against', 'against']);
    const crypto = await import('node:crypto');
    const hash = crypto
      .createHash('sha256')
      .update(receipts.get('voter0')!.replace('-', ''))
      .digest('hex')
      .slice(0, 16);
    expect(pub.body.ballots.filter((b) => b.check === hash)).toHaveLength(1);

    // Projects marked; the constituent behind the chosen 路灯 project told by SMS with the link.
    const chosen = await (await as('districtOfficer')).get<ProjectView>(`/api/projects/${candidates[0]!.id}`);
    expect(chosen.body.state).toBe('chosen');
    expect(
      (await (await as('districtOfficer')).get<ProjectView>(`/api/projects/${candidates[1]!.id}`)).body.state,
    ).toBe('notChosen');
    const told = await t.platform.db
      .selectFrom('notify_message')
      .select(['vars', 'to_phone_sealed'])
      .where('type', '=', 'project.chosen')
      .execute();
    expect(told).toHaveLength(1);
    expect(t.platform.fields.decrypt(told[0]!.to_phone_sealed!)).toBe('13700005555');
    expect((told[0]!.vars as { link: string }).link).toContain(`/projects?id=${candidates[0]!.id}`);
  });

  it('links no deputy to a choice in any response, export or audit line (as another deputy, the committee, an auditor)', async () => {
    const names = voters.map((v) => v.name);
    const urls = [
      '/api/projects',
      `/api/projects/votes`,
      `/api/projects/votes/${voteId}`,
      `/api/projects/votes/${voteId}/voters`,
      `/api/projects/votes/${voteId}/ballots`,
      ...candidates.map((c) => `/api/projects/${c.id}`),
      `/api/public/projects?year=${year}`,
      `/api/public/projects/votes/${voteId}/ballots`,
    ];
    let checked = 0;
    for (const who of ['voter10', 'districtOfficer', 'auditor'] as const)
      for (const url of urls) {
        const r = await (await as(who)).get(url);
        const text = JSON.stringify(r.body);
        if (!/"mark"|"choices"/.test(text)) continue;
        checked += 1;
        // A response with choices names no deputy, by name or by id field.
        expect([who, url, names.filter((n) => text.includes(n))]).toEqual([who, url, []]);
        expect([who, url, /"deputyId"/.test(text)]).toEqual([who, url, false]);
      }
    expect(checked).toBeGreaterThan(0);
    // The attendance list names deputies and says nothing of choices.
    const att = await (
      await as('districtOfficer')
    ).get<{ items: { voted: string | null }[] }>(`/api/projects/votes/${voteId}/voters`);
    expect(att.body.items).toHaveLength(12);
    expect(JSON.stringify(att.body)).not.toMatch(/"for"|"against"|"abstain"|choices|mark/);
    // The audit trail records that deputies voted, never what.
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'project.vote%')
      .execute();
    expect(audit.filter((a) => a.action === 'project.vote.cast')).toHaveLength(8);
    for (const a of audit) {
      const s = JSON.stringify(a.summary ?? {});
      expect([a.action, /"(for|against|abstain)"|choices|receipt/.test(s)]).toEqual([a.action, false]);
    }
    // The ballot table has no column that could point at a voter or an order.
    const cols = await t.platform.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'project_ballot' as never)
      .execute();
    expect((cols as { column_name: string }[]).map((c) => c.column_name).sort()).toEqual([
      'channel',
      'choices',
      'id',
      'receipt_hash',
      'vote_id',
    ]);
  });
});

describe('one vote per deputy under parallel requests', () => {
  it('100 parallel ballots from 60 deputies (40 sent twice) store exactly 60', async () => {
    const p = t.platform;
    const c1 = await propose('并发测试甲', 100_000);
    const c2 = await propose('并发测试乙', 100_000);
    await shortlist(c1.id);
    await shortlist(c2.id);
    // A committee of its own under street B's subtree? The electorate is the committee's deputies: use the root's.
    const extra: { id: number }[] = [];
    for (let i = 0; i < 48; i++) {
      const user = await createUser(p, d.orgs.streetB, 'deputy');
      await createDeputy(p, d, { org: d.orgs.streetB, user });
      extra.push(user);
    }
    const everyone = [...voters.map((v) => v.user), ...extra];
    expect(everyone).toHaveLength(60);
    const created = await (
      await as('districtOfficer')
    ).post<VoteView>('/api/projects/votes', {
      kind: 'selection',
      year,
      name: '并发票决',
      candidateIds: [c1.id, c2.id],
      selection: {
        places: 1,
        form: 'choose',
        threshold: { basis: 'present', percent: 50 },
        tieRule: 'revote',
        budgetCeiling: null,
      },
    });
    const voteId = created.body.id;
    await voteStep(voteId, 'open');
    const actors = await Promise.all(everyone.map((u) => actorOf(p, u)));
    const requests = [...actors, ...actors.slice(0, 40)].map((actor) =>
      castBallot(p, contextOf(actor), actor, voteId, [{ projectId: c1.id, mark: 'chosen' }]).then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? String(e),
      ),
    );
    expect(requests).toHaveLength(100);
    const outcomes = await Promise.all(requests);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(60);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(Array(40).fill('PROJECT_ALREADY_VOTED'));
    const { n } = await p.db
      .selectFrom('project_ballot')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('vote_id', '=', voteId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(60);
    const view = await voteStep(voteId, 'close');
    expect(view.attendance.electronic).toBe(60);
    // Each voter's duty record notes the attendance once (never the choice).
    const attended = await p.db
      .selectFrom('duty_activity')
      .selectAll()
      .where('kind', '=', 'vote_attendance')
      .where('source_key', '=', `project-vote:${voteId}`)
      .execute();
    expect(attended).toHaveLength(60);
    expect(JSON.stringify(attended)).not.toMatch(/chosen|并发测试甲/);
  });
});

describe('implementation and the year-end rating', () => {
  it('plan, publish; a change without a decision is refused; progress with a photo; done tells the constituent; rated', async () => {
    const chosen = (
      await (
        await as('districtOfficer')
      ).get<{ items: { id: number; state: string; title: string }[] }>(`/api/projects?year=${year}&state=chosen`)
    ).body.items;
    const lamp = chosen.find((c) => c.title === '背街小巷路灯改造')!;
    const plan = {
      targets: '改造路灯 300 盏',
      unitId: d.orgs.officeA.id,
      cost: 1_200_000,
      expectedCompletion: due,
      supervisionLeader: '王主任',
      milestones: [
        { title: '完成设计', dueOn: `${year}-03-31` },
        { title: '完工验收', dueOn: `${year}-10-31` },
      ],
    };
    const put = async (body: unknown) =>
      (await as('districtOfficer')).request<ProjectView & { error?: { code: string } }>(
        'PUT',
        `/api/projects/${lamp.id}/plan`,
        body,
      );
    expect((await put(plan)).status).toBe(200);
    const published = await (await as('districtOfficer')).post<ProjectView>(`/api/projects/${lamp.id}/plan/publish`);
    expect(published.body.state).toBe('inProgress');
    // A change without a decision: refused, nothing changes.
    const change = await put({ ...plan, cost: 2_000_000 });
    expect([change.status, change.body.error?.code]).toEqual([409, 'PROJECT_DECISION_REQUIRED']);
    // With a decision and a public notice: applied and published.
    const decided = await (
      await as('districtOfficer')
    ).post<ProjectView>(`/api/projects/${lamp.id}/decisions`, {
      kind: 'change',
      reference: '区人大常委会〔2027〕5号',
      decidedOn: chinaToday(),
      reason: '材料价格上涨',
      notice: '经区人大常委会决定，背街小巷路灯改造项目投资调整为 150 万元。',
      changes: { cost: 1_500_000 },
    });
    expect(decided.body.cost).toBe(1_500_000);
    expect(decided.body.decisions).toHaveLength(1);

    // The unit reports progress with a photo (EXIF stripped by the platform).
    const report = await (
      await as('unitStaffA')
    ).post<{ reportId: number }>(`/api/projects/${lamp.id}/progress`, { percent: 60, note: '已完成 180 盏' });
    expect(report.status).toBe(201);
    const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#1d6fc4' } })
      .jpeg()
      .toBuffer();
    const photo = await upload<ProjectView>(
      await as('unitStaffA'),
      'POST',
      `/api/projects/${lamp.id}/progress/${report.body.reportId}/photo`,
      jpeg,
      'p.jpg',
      'image/jpeg',
    );
    expect(photo.status).toBe(200);
    expect(photo.body.reports[0]).toEqual(expect.objectContaining({ percent: 60, hasPhoto: true }));
    // Progress cannot go back; other units cannot report.
    const back = await (
      await as('unitStaffA')
    ).post(`/api/projects/${lamp.id}/progress`, { percent: 50, note: '回退' });
    expect(back.status).toBe(400);
    expect(
      (await (await as('consultantA')).post(`/api/projects/${lamp.id}/progress`, { percent: 70, note: 'x' })).status,
    ).toBe(404);
    const done = await (
      await as('unitStaffA')
    ).post<{ reportId: number }>(`/api/projects/${lamp.id}/progress`, { percent: 100, note: '全部完工' });
    expect(done.status).toBe(201);
    const told = await t.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('type', '=', 'project.done')
      .execute();
    expect(told).toHaveLength(1);

    // The portal shows the year's projects with progress and photos, and the vote result.
    const portal = await new TestClient(app).get<PublicProjects>(`/api/public/projects?year=${year}`);
    const shown = portal.body.projects.find((x) => x.id === lamp.id)!;
    expect([shown.state, shown.progress, shown.photos.length, shown.notices.length]).toEqual(['done', 100, 1, 1]);
    expect(portal.body.votes.map((v) => v.kind)).toContain('selection');
    const img = await app.inject({
      method: 'GET',
      url: `/api/public/projects/${lamp.id}/progress/${report.body.reportId}/photo`,
    });
    expect(img.statusCode).toBe(200);

    // Year-end rating by the deputies, secret like the vote; 12 members, more than half = 7.
    const rated = chosen.map((c) => c.id);
    const created = await (
      await as('districtOfficer')
    ).post<VoteView>('/api/projects/votes', {
      kind: 'rating',
      year,
      name: `${year}年民生实事项目满意度测评`,
      candidateIds: rated,
      rating: { threshold: { basis: 'present', percent: 50 } },
    });
    expect(created.status).toBe(201);
    const ratingId = created.body.id;
    await voteStep(ratingId, 'open');
    // 7 deputies rate, of those present: more than 3.5 → 4 needed. 路灯: 7 满意 → 满意; the others: 7 基本满意 → 基本满意.
    const who = ['deputyA', 'voter0', 'voter1', 'voter2', 'voter3', 'voter4', 'voter5'];
    for (const w of who)
      await ballot(
        w,
        ratingId,
        rated.map((projectId) => ({ projectId, mark: projectId === lamp.id ? 'satisfied' : 'basicallySatisfied' })),
      );
    // A selection mark does not fit a rating ballot.
    await ballot(
      'voter6',
      ratingId,
      rated.map((projectId) => ({ projectId, mark: 'for' })),
      400,
    );
    await voteStep(ratingId, 'close');
    const result = (await voteStep(ratingId, 'publish')).result!;
    expect(result.needed).toBe(4);
    expect(result.rows.map((r) => [r.projectId, r.rating])).toEqual(
      rated.map((id) => [id, id === lamp.id ? 'satisfied' : 'basicallySatisfied']),
    );
    const after = await (await as('districtOfficer')).get<ProjectView>(`/api/projects/${lamp.id}`);
    expect(after.body.rating).toBe('satisfied');
  });

  it('refuses a malformed date, naming the field', async () => {
    const r = await (
      await as('districtOfficer')
    ).post<{ error: { fields: { path: string }[] } }>('/api/projects', {
      year,
      title: '日期错误',
      description: '',
      cost: 100,
      fundingSource: '区级财政',
      location: '甲街道',
      expectedCompletion: addDays(chinaToday(), 10).replace(/-/g, '/'),
      source: 'committee',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0]!.path).toBe('body.expectedCompletion');
  });
});
