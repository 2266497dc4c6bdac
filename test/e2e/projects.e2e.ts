import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDeputy, createDistrict, createOpinion, createUser, PASSWORD } from '../support/factories.js';
import { createApp, TestClient } from '../support/http.js';
import { popupOpened } from './dialogs.js';
import { noSideways, pageAs, PHONE, settled } from './projects-support.js';
import { newContext, shot, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

/**
 * Next year, as the server counts years: the year after the demo's own vote of this year (seeded
 * when the server started). Not `getFullYear()` (the UTC year: on 31 December from 16:00 UTC it is
 * China's last year, and the demo's vote would count among this congress's), nor a second reading
 * of the clock (it may fall in the new year when the seed did not).
 */
let year = 0;
const CONSTITUENT_PHONE = '13900007788';
const LAMP = '背街小巷路灯改造';

const phoneAs = (browser: Browser, username: string) => pageAs(browser, s.server.baseUrl, username, true);
const desktopAs = (browser: Browser, username: string) => pageAs(browser, s.server.baseUrl, username, false);

/** Marks a ballot shown as candidate cards: `marks[i]` is the label to tap on candidate i + 1. */
async function markBallot(page: Page, marks: string[]) {
  for (const [i, label] of marks.entries())
    await page
      .getByTestId(`candidate-${i + 1}`)
      .getByText(label, { exact: true })
      .click();
}

describe('livelihood projects: reserve → screening → vote → result → progress → rating → portal', () => {
  const users: Record<string, string> = {};
  const ids: { projects: number[]; fifth: number; vote: number; opinion: number } = {
    projects: [],
    fifth: 0,
    vote: 0,
    opinion: 0,
  };
  let app: Awaited<ReturnType<typeof createApp>>;
  const as = async (username: string) => {
    const c = new TestClient(app);
    expect((await c.login(username, PASSWORD)).status).toBe(200);
    return c;
  };
  const ok = <T>(r: { status: number; body: T }) => {
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };

  beforeAll(async () => {
    const p = s.server.platform;
    const demo = await p.db
      .selectFrom('project_vote')
      .select((eb) => eb.fn.max('year').as('year'))
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    year = Number(demo.year) + 1;
    // A congress of its own (the committee's office, a unit, 12 deputies with accounts).
    const d = await createDistrict(p);
    const root = d.orgs.root;
    const unit = d.orgs.officeA;
    users.officer1 = (await createUser(p, root, 'districtOfficer', { username: 'pj.officer1' })).username;
    users.officer2 = (await createUser(p, root, 'districtOfficer', { username: 'pj.officer2' })).username;
    users.unit = (await createUser(p, unit, 'handlingUnitStaff', { username: 'pj.unit' })).username;
    const names = ['陈明', '林芳', '王强', '赵丽', '周伟', '吴静', '郑军', '孙悦', '钱涛', '冯琳', '蒋勇', '沈洁'];
    for (const [i, name] of names.entries()) {
      const user = await createUser(p, root, 'deputy', { username: `pj.dep${i + 1}` });
      await createDeputy(p, d, { name, org: root, user });
      users[`dep${i + 1}`] = user.username;
    }
    // A constituent's opinion at the district's station: the lamp project comes from it.
    const opinion = await createOpinion(p, d, 'registered', {
      phone: CONSTITUENT_PHONE,
      content: '背街小巷晚上没有路灯，老人走路不安全',
    });
    ids.opinion = opinion.id;

    app = await createApp(p);
    const officer = await as(users.officer1!);
    const propose = async (title: string, wan: number, extra: Record<string, unknown> = {}) =>
      ok(
        await officer.post<{ id: number }>('/api/projects', {
          year,
          title,
          description: `${title}，惠及周边居民。`,
          cost: wan * 10000,
          fundingSource: '镇级财政',
          unitId: unit.id,
          location: '春晓镇',
          expectedCompletion: `${year}-11-30`,
          source: 'committee',
          ...extra,
        }),
      ).id;
    ids.projects.push(await propose(LAMP, 120, { source: 'opinion', sourceOpinionId: opinion.id }));
    ids.projects.push(await propose('社区老年食堂', 200));
    ids.projects.push(await propose('公园健身步道', 80));
    ids.projects.push(await propose('农贸市场提升改造', 500));
    ids.fifth = await propose('文化礼堂修缮', 60, { source: 'department' });
    const pass = { ok: true, note: '符合' };
    for (const id of ids.projects)
      ok(
        await officer.post(`/api/projects/${id}/screening`, {
          feasibility: pass,
          necessity: pass,
          fiscal: pass,
          legality: pass,
          shortlist: true,
        }),
      );
  });

  it('the committee screens in the reserve, sets up and opens the vote; deputies vote on phones and on paper; the presidium publishes', async () => {
    // Screening one more candidate through the console; the reserve lists them.
    const committee = await desktopAs(s.browser, users.officer1!);
    await committee.getByTestId('nav-projects').click();
    await committee.getByText('文化礼堂修缮').click();
    await committee.getByTestId('screening-save').click();
    await committee.locator('h1 .ant-tag', { hasText: '初选入围' }).waitFor();
    await shot(committee, 'projects-screening-desktop');
    await committee.getByTestId('nav-projects').click();
    await committee.getByText(LAMP).waitFor();
    await shot(committee, 'projects-reserve-desktop');

    // The vote: 4 candidates for 2 places (差额), approve ballots, more than half of those present, ceiling 700 万.
    const officer = await as(users.officer1!);
    ids.vote = ok(
      await officer.post<{ id: number }>('/api/projects/votes', {
        kind: 'selection',
        year,
        name: `${year}年春晓镇民生实事项目票决`,
        candidateIds: ids.projects,
        selection: {
          places: 2,
          form: 'approve',
          threshold: { basis: 'present', percent: 50 },
          tieRule: 'lowerCost',
          budgetCeiling: 7_000_000,
        },
      }),
    ).id;
    await committee.getByTestId('nav-projectVotes').click();
    await committee.getByText(`${year}年春晓镇民生实事项目票决`).click();
    await committee.getByTestId('vote-open').click();
    await committee.getByTestId('vote-state').filter({ hasText: '投票中' }).waitFor();

    // Three deputies vote on a 390 px phone: the running total shows, the receipt code comes once.
    const phoneVotes = [
      ['赞成', '赞成', '不赞成', '弃权'],
      ['赞成', '赞成', '弃权', '不赞成'],
      ['赞成', '不赞成', '赞成', '不赞成'],
    ];
    for (const [i, marks] of phoneVotes.entries()) {
      const deputy = await phoneAs(s.browser, users[`dep${i + 1}`]!);
      await deputy.getByTestId('nav-toggle').click();
      await settled(deputy);
      await deputy.getByTestId('nav-projectBallots').filter({ visible: true }).click();
      await deputy.getByTestId(`ballot-open-${ids.vote}`).click();
      await markBallot(deputy, marks);
      await deputy.getByTestId('ballot-total').waitFor();
      if (i === 0) {
        await settled(deputy);
        await shot(deputy, 'projects-ballot-390');
        await noSideways(deputy, 'the ballot');
      }
      await deputy.getByTestId('ballot-submit').click();
      await popupOpened(deputy);
      await deputy.locator('.ant-popconfirm .ant-btn-primary').click();
      const code = await deputy.getByTestId('receipt-code').innerText();
      expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}/);
      if (i === 0) await shot(deputy, 'projects-receipt-390');
      await deputy.context().close();
    }
    // Six more electronically (through the API), three take paper ballots.
    const apiVotes = [
      ['for', 'for', 'against', 'against'],
      ['for', 'for', 'for', 'against'],
      ['for', 'against', 'for', 'against'],
      ['for', 'for', 'abstain', 'against'],
      ['against', 'for', 'for', 'against'],
      ['for', 'for', 'against', 'against'],
    ];
    const choices = (marks: string[]) => ids.projects.map((projectId, i) => ({ projectId, mark: marks[i] }));
    for (const [i, marks] of apiVotes.entries())
      ok(
        await (
          await as(users[`dep${i + 4}`]!)
        ).post(`/api/projects/votes/${ids.vote}/ballot`, { choices: choices(marks) }),
      );
    const paperDeputies = await s.server.platform.db
      .selectFrom('deputy')
      .select('id')
      .where('name', 'in', ['冯琳', '蒋勇', '沈洁'])
      .execute();
    ok(
      await officer.post(`/api/projects/votes/${ids.vote}/paper/issue`, { deputyIds: paperDeputies.map((d) => d.id) }),
    );

    // Paper ballot 1 typed in twice, by two officers, in the console; 2 and 3 through the API.
    await committee.reload();
    await committee.getByTestId('paper-no').waitFor();
    await markBallot(committee, ['赞成', '赞成', '不赞成', '不赞成']);
    await committee.getByTestId('paper-enter').click();
    await committee.getByTestId('paper-state').filter({ hasText: '等待第二次录入：1' }).waitFor();
    const second = await desktopAs(s.browser, users.officer2!);
    await second.goto(`${s.server.baseUrl}/console/projects/votes/${ids.vote}`);
    await second.getByTestId('paper-no').waitFor();
    await markBallot(second, ['赞成', '赞成', '不赞成', '不赞成']);
    await second.getByTestId('paper-enter').click();
    await second.getByTestId('paper-state').filter({ hasText: '一致 1 张' }).waitFor();
    await shot(second, 'projects-paper-desktop');
    await second.context().close();
    const officer2 = await as(users.officer2!);
    for (const [no, marks] of [
      [2, ['for', 'against', 'for', 'against']],
      [3, ['for', 'for', 'against', 'abstain']],
    ] as const) {
      ok(
        await officer.post(`/api/projects/votes/${ids.vote}/paper/entries`, {
          ballotNo: no,
          choices: choices([...marks]),
        }),
      );
      ok(
        await officer2.post(`/api/projects/votes/${ids.vote}/paper/entries`, {
          ballotNo: no,
          choices: choices([...marks]),
        }),
      );
    }

    // Close, reconcile (3 issued = 3 returned + 0 spoiled), publish.
    await committee.reload();
    await committee.getByTestId('vote-close').click();
    await committee.getByTestId('paper-reconcile').click();
    await committee.getByText('已核对：收回有效 3 张').waitFor();
    await committee.getByTestId('vote-publish').click();
    await committee.getByTestId('vote-state').filter({ hasText: '已公布' }).waitFor();
    const result = committee.getByTestId('vote-result');
    await result.waitFor();
    // By hand: 12 present, 7 needed. 路灯 11 for, 食堂 9, 步道 5, 市场 0 → 路灯 and 食堂 chosen.
    await expect.poll(() => result.innerText()).toContain('通过须 ≥ 7 票');
    await settled(committee);
    await shot(committee, 'projects-result-desktop');
    const view = ok(
      await officer.get<{ result: { rows: { title: string; for: number; chosen: boolean }[] } }>(
        `/api/projects/votes/${ids.vote}`,
      ),
    );
    expect(view.result.rows.map((r) => [r.title, r.for, r.chosen])).toEqual([
      [LAMP, 11, true],
      ['社区老年食堂', 9, true],
      ['公园健身步道', 5, false],
      ['农贸市场提升改造', 0, false],
    ]);
    // The constituent behind the lamp project is told.
    const told = await s.server.platform.db
      .selectFrom('notify_message')
      .select(['to_phone_sealed', 'vars'])
      .where('type', '=', 'project.chosen')
      .execute();
    expect(told.map((m) => s.server.platform.fields.decrypt(m.to_phone_sealed!))).toEqual([CONSTITUENT_PHONE]);
    await committee.context().close();
  }, 240_000);

  it('the plan is published, the unit reports progress with a photo on a phone, the deputies rate, the portal shows it', async () => {
    const officer = await as(users.officer1!);
    const lamp = ids.projects[0]!;
    const unitId = (await officer.get<{ unitId: number }>(`/api/projects/${lamp}`)).body.unitId;
    ok(
      await officer.request('PUT', `/api/projects/${lamp}/plan`, {
        targets: '新装路灯 300 盏，覆盖 12 条背街小巷',
        unitId,
        cost: 1_200_000,
        expectedCompletion: `${year}-10-31`,
        supervisionLeader: '镇人大主席 王明',
        milestones: [
          { title: '完成设计招标', dueOn: `${year}-03-31` },
          { title: '完工验收', dueOn: `${year}-10-31` },
        ],
      }),
    );
    ok(await officer.post(`/api/projects/${lamp}/plan/publish`));

    const unit = await phoneAs(s.browser, users.unit!);
    await unit.goto(`${s.server.baseUrl}/console/projects/${lamp}`);
    await unit.locator('#percent').fill('60');
    await unit.locator('#note').fill('已完成 8 条小巷 180 盏路灯安装');
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e8b04a' } })
      .jpeg()
      .toBuffer();
    await unit.locator('input[type=file]').setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await unit.getByTestId('progress-submit').click();
    await unit.getByTestId('progress-image').first().waitFor();
    await settled(unit);
    await shot(unit, 'projects-progress-390');
    await noSideways(unit, 'the progress report');
    await unit.context().close();

    // The year-end rating (secret like the vote): 8 deputies, of all 12 members more than half = 7.
    const rated = [lamp, ids.projects[1]!];
    const rating = ok(
      await officer.post<{ id: number }>('/api/projects/votes', {
        kind: 'rating',
        year,
        name: `${year}年民生实事项目满意度测评`,
        candidateIds: rated,
        rating: { threshold: { basis: 'members', percent: 50 } },
      }),
    ).id;
    ok(await officer.post(`/api/projects/votes/${rating}/open`));
    for (let i = 1; i <= 8; i++)
      ok(
        await (
          await as(users[`dep${i}`]!)
        ).post(`/api/projects/votes/${rating}/ballot`, {
          choices: [
            { projectId: lamp, mark: 'satisfied' },
            { projectId: rated[1], mark: i <= 4 ? 'satisfied' : 'basicallySatisfied' },
          ],
        }),
      );
    ok(await officer.post(`/api/projects/votes/${rating}/close`));
    const published = ok(
      await officer.post<{ result: { rows: { rating: string }[] } }>(`/api/projects/votes/${rating}/publish`),
    );
    // 路灯 8 满意 > 6 → 满意; 食堂 4 满意 (not > 6), 4 + 4 = 8 > 6 → 基本满意.
    expect(published.result.rows.map((r) => r.rating)).toEqual(['satisfied', 'basicallySatisfied']);

    // The portal on a phone: this year's projects with progress and the photo, the results.
    const context = await newContext(s.browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const portal = await context.newPage();
    await portal.goto(`${s.server.baseUrl}/projects?id=${lamp}`);
    await portal.getByTestId('public-project-photo').first().waitFor();
    // This congress's two (the demo district's own vote of this year shows too).
    await expect
      .poll(() =>
        portal
          .getByTestId('public-vote')
          .filter({ hasText: `${year}年` })
          .count(),
      )
      .toBe(2);
    await expect.poll(() => portal.locator(`#project-${lamp}`).innerText()).toContain('满意');
    await portal.waitForFunction(() =>
      [...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0),
    );
    await shot(portal, 'projects-portal-390');
    await noSideways(portal, 'the portal page');
    await context.close();
  }, 180_000);
});
