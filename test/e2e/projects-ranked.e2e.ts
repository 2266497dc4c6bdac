import { beforeAll, describe, expect, it } from 'vitest';
import { chinaYear } from '../../src/contracts/calendar.js';
import { createDeputy, createDistrict, createUser } from '../support/factories.js';
import { createApp, TestClient } from '../support/http.js';
import { popupOpened } from './dialogs.js';
import { apiAs, noSideways, ok, pageAs, settled } from './projects-support.js';
import { shot, useBrowserSuite } from './support.js';

const s = useBrowserSuite();
const year = chinaYear() + 1;
const [LIFT, CLINIC, PARK] = ['老旧小区加装电梯', '社区卫生服务站', '口袋公园'];

describe('livelihood projects: a rank ballot (排序) on a phone and its Borda result', () => {
  const users: Record<string, string> = {};
  const ids = { projects: [] as number[], vote: 0 };
  let app: Awaited<ReturnType<typeof createApp>>;
  const as = (username: string) => apiAs(app, username);

  beforeAll(async () => {
    const p = s.server.platform;
    const d = await createDistrict(p);
    users.officer = (await createUser(p, d.orgs.root, 'districtOfficer', { username: 'rk.officer' })).username;
    for (const [i, name] of ['钱一', '孙二', '李三'].entries()) {
      const user = await createUser(p, d.orgs.root, 'deputy', { username: `rk.dep${i + 1}` });
      await createDeputy(p, d, { name, org: d.orgs.root, user });
      users[`dep${i + 1}`] = user.username;
    }
    app = await createApp(p);
    const officer = await as(users.officer);
    const pass = { ok: true, note: '符合' };
    for (const [title, wan] of [
      [LIFT, 300],
      [CLINIC, 200],
      [PARK, 100],
    ] as const) {
      const { id } = ok(
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
        }),
      );
      ok(
        await officer.post(`/api/projects/${id}/screening`, {
          feasibility: pass,
          necessity: pass,
          fiscal: pass,
          legality: pass,
          shortlist: true,
        }),
      );
      ids.projects.push(id);
    }
    ids.vote = ok(
      await officer.post<{ id: number }>('/api/projects/votes', {
        kind: 'selection',
        year,
        name: `${year} 年民生实事排序票决`,
        candidateIds: ids.projects,
        selection: {
          places: 2,
          form: 'rank',
          threshold: { basis: 'present', percent: 50 },
          tieRule: 'lowerCost',
          budgetCeiling: 4_000_000,
        },
      }),
    ).id;
    ok(await officer.post(`/api/projects/votes/${ids.vote}/open`));
  }, 120_000);

  it('a deputy orders the candidates on a 390 px phone with the keyboard and buttons, and votes once', async () => {
    const deputy = await pageAs(s.browser, s.server.baseUrl, users.dep1!, true);
    await deputy.goto(`${s.server.baseUrl}/console/projects/ballots/${ids.vote}`);
    await deputy.getByTestId('rank-ballot').waitFor({ timeout: 30_000 });
    const titles = () => deputy.getByTestId('rank-title').allInnerTexts();
    expect(await titles()).toEqual([LIFT, CLINIC, PARK]);
    // 电梯 + 卫生站 in the two places: 500 万 over the 400 万 ceiling, shown as an error.
    await expect.poll(() => deputy.getByTestId('ballot-total').getAttribute('class')).toContain('error');
    // Keyboard: focus "down" on 电梯 and press Enter twice; the focus follows it (to the last place).
    await deputy.getByTestId('rank-down-1').focus();
    await deputy.keyboard.press('Enter');
    await expect.poll(titles).toEqual([CLINIC, LIFT, PARK]);
    await expect
      .poll(() => deputy.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('rank-down-1');
    await deputy.keyboard.press('Enter');
    await expect.poll(titles).toEqual([CLINIC, PARK, LIFT]);
    // At the bottom its "down" is disabled: the focus moved to its "up".
    await expect
      .poll(() => deputy.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('rank-up-1');
    // A tap: 公园 up to the first place.
    await deputy.getByTestId('rank-up-3').click();
    await expect.poll(titles).toEqual([PARK, CLINIC, LIFT]);
    await expect.poll(() => deputy.getByTestId('rank-line').innerText()).toContain('300');
    await expect.poll(() => deputy.getByTestId('ballot-total').getAttribute('class')).not.toContain('error');
    await noSideways(deputy, 'the rank ballot');
    await settled(deputy);
    await shot(deputy, 'projects-rank-ballot-390');
    await deputy.getByTestId('ballot-submit').click();
    await popupOpened(deputy);
    await deputy.locator('.ant-popconfirm .ant-btn-primary').click();
    const code = await deputy.getByTestId('receipt-code').innerText();
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}/);
    await deputy.reload();
    await deputy.getByText('您已投票', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await deputy.getByTestId('rank-ballot').count()).toBe(0);
    await deputy.context().close();
    // The ballot as counted: 公园 1, 卫生站 2, 电梯 3.
    const check = ok(
      await new TestClient(app).post<{ choices: { projectId: number; rank: number }[] }>(
        '/api/public/projects/receipts',
        { code },
      ),
    );
    const [lift, clinic, park] = ids.projects as [number, number, number];
    expect(check.choices.map((c) => [c.projectId, c.rank])).toEqual([
      [lift, 3],
      [clinic, 2],
      [park, 1],
    ]);
  }, 180_000);

  it('the committee closes and publishes on a phone; the result shows each score', async () => {
    const [lift, clinic, park] = ids.projects as [number, number, number];
    const ranking = (...order: number[]) => order.map((projectId, i) => ({ projectId, mark: 'ranked', rank: i + 1 }));
    ok(
      await (
        await as(users.dep2!)
      ).post(`/api/projects/votes/${ids.vote}/ballot`, { choices: ranking(clinic, park, lift) }),
    );
    ok(
      await (
        await as(users.dep3!)
      ).post(`/api/projects/votes/${ids.vote}/ballot`, { choices: ranking(lift, park, clinic) }),
    );
    const committee = await pageAs(s.browser, s.server.baseUrl, users.officer!, true);
    await committee.goto(`${s.server.baseUrl}/console/projects/votes/${ids.vote}`);
    await committee.getByTestId('vote-close').click();
    await committee.getByTestId('vote-publish').click();
    await committee.getByTestId('vote-state').filter({ hasText: '已公布' }).waitFor({ timeout: 30_000 });
    const result = committee.getByTestId('vote-result');
    await result.waitFor();
    // By hand (3-2-1 points): 公园>卫生站>电梯, 卫生站>公园>电梯, 电梯>公园>卫生站.
    // 公园 3 + 2 + 2 = 7; 卫生站 2 + 3 + 1 = 6; 电梯 1 + 1 + 3 = 5. Within the 2 places: 公园 3, 卫生站 2,
    // 电梯 1 of 3 present (2 needed) → 电梯 fails. 公园 (100 万) then 卫生站 (300 万 in all, within 400 万).
    const rows = result.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((x) => x.trim());
    expect((await cells(0)).slice(0, 4)).toEqual(['1', PARK, '7', '3']);
    expect((await cells(1)).slice(0, 4)).toEqual(['2', CLINIC, '6', '2']);
    expect((await cells(2)).slice(0, 4)).toEqual(['—', LIFT, '5', '1']);
    expect([await cells(0), await cells(1), await cells(2)].map((c) => c.includes('入选'))).toEqual([
      true,
      true,
      false,
    ]);
    await expect.poll(() => committee.getByTestId('rank-method').innerText()).toContain('波达计数');
    await noSideways(committee, 'the rank result');
    await settled(committee);
    await shot(committee, 'projects-rank-result-390');
    await committee.context().close();
    const view = ok(
      await (
        await as(users.officer!)
      ).get<{ result: { rows: { projectId: number; score: number; chosen: boolean }[] } }>(
        `/api/projects/votes/${ids.vote}`,
      ),
    );
    expect(view.result.rows.map((r) => [r.projectId, r.score, r.chosen])).toEqual([
      [park, 7, true],
      [clinic, 6, true],
      [lift, 5, false],
    ]);
  }, 180_000);
});
