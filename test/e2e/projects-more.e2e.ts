import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaYear } from '../../src/contracts/calendar.js';
import { createDeputy, createDistrict, createOpinion, createUser, PASSWORD } from '../support/factories.js';
import { createApp, TestClient } from '../support/http.js';
import { noSideways, pageAs as pageAt, PHONE, settled } from './projects-support.js';
import { newContext, shot, useBrowserSuite } from './support.js';

const pageAs = (browser: Browser, username: string, phone: boolean) =>
  pageAt(browser, s.server.baseUrl, username, phone);

const s = useBrowserSuite();

// Next year in China (getFullYear() is the UTC year: on 1 January before 08:00 in China, still last year's).
const year = chinaYear() + 1;
const CONSTITUENT_PHONE = '13900006655';
const CANTEEN = '社区老年食堂';

async function portalPhone(browser: Browser, path: string) {
  const context = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${s.server.baseUrl}${path}`);
  return page;
}

/** Types a day into an antd DatePicker found by its input id. */
async function pickDay(page: Page, id: string, day: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(day);
  await page.locator(`#${id}`).press('Enter');
}

describe('livelihood projects: public comment → paper totals → supervision and inspection → links', () => {
  const users: Record<string, string> = {};
  const deputyIds: number[] = [];
  const ids = { projects: [] as number[], vote: 0, opinion: 0, receipt: '' };
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
    const d = await createDistrict(p);
    const root = d.orgs.root;
    users.officer = (await createUser(p, root, 'districtOfficer', { username: 'pm.officer' })).username;
    users.officer2 = (await createUser(p, root, 'districtOfficer', { username: 'pm.officer2' })).username;
    const names = ['陈明', '林芳', '王强', '赵丽', '周伟'];
    for (const [i, name] of names.entries()) {
      const user = await createUser(p, root, 'deputy', { username: `pm.dep${i + 1}` });
      deputyIds.push((await createDeputy(p, d, { name, org: root, user })).id);
      users[`dep${i + 1}`] = user.username;
    }
    const opinion = await createOpinion(p, d, 'registered', {
      phone: CONSTITUENT_PHONE,
      content: '社区老人吃饭难，希望建一个老年食堂',
    });
    ids.opinion = opinion.id;
    ids.receipt = (
      await p.db.selectFrom('opinion').select('receipt_code').where('id', '=', opinion.id).executeTakeFirstOrThrow()
    ).receipt_code;
    app = await createApp(p);
    const officer = await as(users.officer!);
    const propose = async (title: string, wan: number, extra: Record<string, unknown> = {}) =>
      ok(
        await officer.post<{ id: number }>('/api/projects', {
          year,
          title,
          description: `${title}，惠及周边居民。`,
          cost: wan * 10000,
          fundingSource: '区级财政',
          unitId: d.orgs.officeA.id,
          location: '春晓镇',
          expectedCompletion: `${year}-11-30`,
          source: 'committee',
          ...extra,
        }),
      ).id;
    ids.projects.push(await propose(CANTEEN, 200, { source: 'opinion', sourceOpinionId: opinion.id }));
    ids.projects.push(await propose('公园健身步道', 80));
    ids.projects.push(await propose('农贸市场提升改造', 500));
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
    ids.vote = ok(
      await officer.post<{ id: number }>('/api/projects/votes', {
        kind: 'selection',
        year,
        name: `${year}年民生实事项目票决`,
        candidateIds: ids.projects,
        selection: {
          places: 2,
          form: 'approve',
          threshold: { basis: 'present', percent: 50 },
          tieRule: 'lowerCost',
          budgetCeiling: null,
        },
        paperMode: 'totals',
      }),
    ).id;
  }, 120_000);

  it('the committee opens the candidates for comment; a constituent supports one on a phone; it is moderated and shown', async () => {
    const committee = await pageAs(s.browser, users.officer!, false);
    await committee.goto(`${s.server.baseUrl}/console/projects/votes/${ids.vote}`);
    await committee.getByTestId('comment-period').waitFor();
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await pickDay(committee, 'until', until);
    await committee.getByTestId('comment-open').click();
    await committee.getByTestId('comment-until').waitFor({ timeout: 30_000 });

    const portal = await portalPhone(s.browser, '/projects');
    const ours = portal.locator(`[data-testid=consultation][data-vote="${ids.vote}"]`);
    await ours.waitFor({ timeout: 30_000 });
    const canteen = ours.getByTestId('consultation-candidate').filter({ hasText: CANTEEN });
    await canteen.getByTestId('consultation-support').click();
    await expect.poll(() => canteen.getByTestId('consultation-supports').innerText()).toContain('1');
    await canteen.getByTestId('consultation-open').click();
    await canteen.locator('textarea').fill('老人吃饭难，盼早日建成');
    await canteen.locator('input.input').first().fill('陈美华');
    await canteen.locator('input[inputmode=numeric]').fill('13912345678');
    await canteen.locator('button[type=submit]').click();
    await expect.poll(() => canteen.getByTestId('consultation-thanks').innerText()).toContain('审核后公开');
    await settled(portal);
    await shot(portal, 'projects-comment-390');
    await noSideways(portal, 'the comment form');

    // The committee sees the count and the comment with masked contacts, and publishes it.
    await committee.reload();
    const row = committee.locator('tr').filter({ hasText: '老人吃饭难' });
    await row.waitFor();
    expect(await row.innerText()).toContain('陈**');
    expect(await row.innerText()).toContain('139****5678');
    expect(await committee.getByTestId('comment-counts').innerText()).toContain(`${CANTEEN}：支持 1，意见 1`);
    await row.getByTestId('comment-publish').click();
    await expect.poll(() => row.innerText()).toContain('已公开');
    await shot(committee, 'projects-comments-desktop');
    await portal.reload();
    await expect
      .poll(() =>
        portal
          .locator(`[data-testid=consultation][data-vote="${ids.vote}"]`)
          .getByTestId('consultation-candidate')
          .filter({ hasText: CANTEEN })
          .innerText(),
      )
      .toContain('陈**：老人吃饭难，盼早日建成');
    await portal.context().close();
    await committee.context().close();
  }, 180_000);

  it('the vote takes paper ballots as totals: a mismatch is refused, the right count is published', async () => {
    const officer = await as(users.officer!);
    ok(await officer.post(`/api/projects/votes/${ids.vote}/open`));
    const [canteen, path, market] = ids.projects as [number, number, number];
    // Two electronic ballots; three deputies take paper ballots (2 returned, 1 spoiled).
    for (const [who, marks] of [
      ['dep1', ['for', 'for', 'against']],
      ['dep2', ['for', 'against', 'for']],
    ] as const)
      ok(
        await (
          await as(users[who]!)
        ).post(`/api/projects/votes/${ids.vote}/ballot`, {
          choices: [canteen, path, market].map((projectId, i) => ({ projectId, mark: marks[i] })),
        }),
      );
    ok(await officer.post(`/api/projects/votes/${ids.vote}/paper/issue`, { deputyIds: deputyIds.slice(2) }));
    ok(await officer.post(`/api/projects/votes/${ids.vote}/close`));

    const committee = await pageAs(s.browser, users.officer!, false);
    await committee.goto(`${s.server.baseUrl}/console/projects/votes/${ids.vote}`);
    await committee.getByTestId('paper-totals').waitFor();
    const fillIn = (page: typeof committee) => async (testId: string, n: number) =>
      page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).fill(String(n));
    const fill = fillIn(committee);
    await fill('totals-returned', 2);
    await fill('totals-spoiled', 1);
    // 食堂 2 for; 步道 1 for 1 abstain; 市场: 1 against only (should be 2 marks) → refused.
    await fill('totals-1-for', 2);
    await fill('totals-2-for', 1);
    await fill('totals-2-abstain', 1);
    await fill('totals-3-against', 1);
    await committee.getByTestId('totals-submit').click();
    await committee.getByText('应等于收回有效选票 2 张').waitFor();
    await fill('totals-3-for', 1);
    await committee.getByTestId('totals-submit').click();
    // Double entry: the first entry waits for another officer.
    await committee.getByTestId('totals-state').filter({ hasText: '另一位工作人员第二次录入' }).waitFor();
    // The second officer reads one figure wrong (食堂 1 for 1 abstain): both entries are shown, nothing counts.
    const second = await pageAs(s.browser, users.officer2!, false);
    await second.goto(`${s.server.baseUrl}/console/projects/votes/${ids.vote}`);
    await second.getByTestId('paper-totals').waitFor();
    const fill2 = fillIn(second);
    for (const [id, n] of [
      ['totals-returned', 2],
      ['totals-spoiled', 1],
      ['totals-1-for', 1],
      ['totals-1-abstain', 1],
      ['totals-2-for', 1],
      ['totals-2-abstain', 1],
      ['totals-3-for', 1],
      ['totals-3-against', 1],
    ] as const)
      await fill2(id, n);
    await second.getByTestId('totals-submit').click();
    await second.getByTestId('totals-entries').waitFor({ timeout: 30_000 });
    expect(await second.locator('[data-testid="totals-entries"] [data-differs]').allInnerTexts()).toEqual([
      '2',
      '1',
      '0',
      '1',
    ]);
    await settled(second);
    await shot(second, 'projects-totals-conflict-desktop');
    // Read again: the second officer corrects and enters first; the first officer confirms.
    await fill2('totals-1-for', 2);
    await fill2('totals-1-abstain', 0);
    await second.getByTestId('totals-submit').click();
    await second.getByTestId('totals-state').filter({ hasText: '另一位工作人员第二次录入' }).waitFor();
    await second.context().close();
    await committee.reload();
    await committee.getByTestId('paper-totals').waitFor();
    for (const [id, n] of [
      ['totals-returned', 2],
      ['totals-spoiled', 1],
      ['totals-1-for', 2],
      ['totals-2-for', 1],
      ['totals-2-abstain', 1],
      ['totals-3-for', 1],
      ['totals-3-against', 1],
    ] as const)
      await fill(id, n);
    await committee.getByTestId('totals-submit').click();
    await committee.getByTestId('paper-totals-done').waitFor();
    await committee.getByTestId('vote-publish').click();
    await expect.poll(() => committee.getByTestId('vote-state').innerText()).toBe('已公布');
    await settled(committee);
    await shot(committee, 'projects-totals-desktop');
    // By hand: present 5 → more than 2.5 → 3 needed. 食堂 2 + 2 = 4; 步道 1 + 1 = 2; 市场 1 + 1 = 2 → only 食堂.
    const view = ok(
      await officer.get<{ result: { needed: number; rows: { projectId: number; for: number; chosen: boolean }[] } }>(
        `/api/projects/votes/${ids.vote}`,
      ),
    );
    expect(view.result.needed).toBe(3);
    expect(view.result.rows.map((r) => [r.projectId, r.for, r.chosen])).toEqual([
      [canteen, 4, true],
      [path, 2, false],
      [market, 2, false],
    ]);
    await committee.context().close();
  }, 180_000);

  it('the supervision group inspects on a phone; the deputies are credited; the portal and the opinion show it', async () => {
    const officer = await as(users.officer!);
    const canteen = ids.projects[0]!;
    const unitId = (await officer.get<{ unitId: number }>(`/api/projects/${canteen}`)).body.unitId;
    ok(
      await officer.request('PUT', `/api/projects/${canteen}/plan`, {
        targets: '建成老年食堂 2 处',
        unitId,
        cost: 2_000_000,
        expectedCompletion: `${year}-10-31`,
        supervisionLeader: '区人大常委会副主任 王明',
        milestones: [{ title: '完工', dueOn: `${year}-10-31` }],
      }),
    );
    ok(await officer.post(`/api/projects/${canteen}/plan/publish`));
    ok(await officer.request('PUT', `/api/projects/${canteen}/supervisors`, { deputyIds: deputyIds.slice(0, 3) }));

    const phone = await pageAs(s.browser, users.officer!, true);
    await phone.goto(`${s.server.baseUrl}/console/projects/${canteen}`);
    await phone.getByTestId('supervision').waitFor();
    await pickDay(phone, 'day', new Date().toISOString().slice(0, 10));
    await phone.getByLabel('陈明').check();
    await phone.getByLabel('林芳').check();
    await phone.getByTestId('inspection-findings').fill('厨房排烟设施未按方案安装');
    await phone.locator('#requests').fill('一个月内整改到位');
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a9ae8' } })
      .jpeg()
      .toBuffer();
    await phone
      .getByTestId('supervision')
      .locator('input[type=file]')
      .setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone.getByTestId('inspection-submit').click();
    await expect.poll(() => phone.getByTestId('inspection').first().innerText()).toContain('厨房排烟设施');
    await phone.getByTestId('inspection').locator('img').waitFor();
    await settled(phone);
    await phone.getByTestId('supervision').scrollIntoViewIfNeeded();
    await shot(phone, 'projects-inspection-390');
    await noSideways(phone, 'the inspection form');
    await phone.context().close();

    // Both deputies present are credited in their duty record, once, as 视察.
    const credited = await s.server.platform.db
      .selectFrom('duty_activity')
      .select('deputy_id')
      .where('kind', '=', 'inspection')
      .where('deputy_id', 'in', deputyIds)
      .execute();
    expect(credited.map((c) => c.deputy_id).sort()).toEqual(deputyIds.slice(0, 2).sort());

    // The portal shows the group and the inspection with its photo.
    const portal = await portalPhone(s.browser, `/projects?id=${canteen}`);
    await portal.getByTestId('public-inspection').waitFor({ timeout: 30_000 });
    expect(await portal.getByTestId('public-group').innerText()).toContain('陈明');
    await portal.waitForFunction(() =>
      [...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0),
    );
    await portal.locator(`#project-${canteen}`).scrollIntoViewIfNeeded();
    await shot(portal, 'projects-portal-inspection-390');
    await noSideways(portal, 'the portal page');

    // The constituent following the opinion sees the project it became.
    await portal.goto(`${s.server.baseUrl}/follow?code=${ids.receipt}`);
    await portal.locator('input[name=phoneLast4]').fill(CONSTITUENT_PHONE.slice(-4));
    await portal.locator('form.card button[type=submit]').click();
    await portal.getByTestId('linked-projects').waitFor({ timeout: 30_000 });
    expect(await portal.getByTestId('linked-projects').innerText()).toContain(CANTEEN);
    await shot(portal, 'projects-follow-390');
    await portal.context().close();

    // The opinion's console page links to it.
    const committee = await pageAs(s.browser, users.officer!, false);
    await committee.goto(`${s.server.baseUrl}/console/opinions/${ids.opinion}`);
    await committee
      .getByTestId('project-links')
      .waitFor({ timeout: 30_000 })
      .finally(() => shot(committee, 'projects-opinion-link-desktop'));
    expect(await committee.getByTestId('project-links').innerText()).toContain(CANTEEN);
    await committee.context().close();
  }, 180_000);
});
