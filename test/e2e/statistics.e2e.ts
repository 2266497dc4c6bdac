import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catchUp } from '../../src/server/modules/statistics/rollup.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createDeputy, createDistrict, createOpinion, createStation, PASSWORD } from '../support/factories.js';
import { chinaYear } from '../../src/contracts/calendar.js';
import { newContext, settled, shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();
const PHONE = { width: 390, height: 844 };

async function openStatistics(page: Page, username: string, password = DEMO_PASSWORD) {
  await catchUp(s.server.platform.db);
  await signIn(page, s.server.baseUrl, username, password);
  await page.getByTestId('nav-home').waitFor();
  await page.getByTestId('nav-statistics').filter({ visible: true }).click();
  await page.getByTestId('stat-scope').waitFor();
}

/** Waits until the charts are drawn (ECharts arrives in its own chunk) and no animation runs. */
async function drawn(page: Page) {
  await page.locator('[data-testid=stat-chart] svg').first().waitFor();
  await settled(page);
}

describe('statistics dashboard', () => {
  it('the district drills down from a street’s on-time rate to its opinions, and exports', async () => {
    const page = s.page;
    await catchUp(s.server.platform.db);
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    // The home shows the district's figures of the year, each a link to its opinions.
    await page.getByTestId('home-stats').getByText('按时办结率').waitFor();
    await shot(page, 'statistics-home-district');
    await page.getByTestId('nav-statistics').filter({ visible: true }).click();
    await page.getByTestId('stat-scope').waitFor();
    await page.getByTestId('stat-cards').waitFor();
    await page.getByTestId('stat-children').waitFor();
    await drawn(page);
    await shot(page, 'statistics-district-desktop');
    // The street with the answered opinion: its 按时办结率 links to the opinions behind it.
    const link = page.locator('[data-testid^=stat-children-onTimeRate-]').first();
    await link.click();
    await page.getByTestId('drill-table').waitFor();
    await page
      .getByRole('link', { name: /^[A-Z0-9-]+$/ })
      .first()
      .waitFor();
    expect(await page.locator('[data-testid=drill-table] tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await expect(page.locator('h1').textContent()).resolves.toContain('按时办结率');
    await shot(page, 'statistics-drill');
    await page.goBack();
    await page.getByTestId('stat-export').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stat-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^statistics-.*\.xlsx$/);
  });

  it('a unit sees only its own figures', async () => {
    const page = s.page;
    await openStatistics(page, 'xinqi.office');
    await page.getByTestId('stat-unit-cards').waitFor();
    await expect(page.getByTestId('stat-scope').textContent()).resolves.toContain('新碶街道办事处');
    expect(await page.getByTestId('stat-children').count()).toBe(0);
    expect(await page.getByTestId('stat-card-feedbackRate').count()).toBe(0);
    await drawn(page);
    await shot(page, 'statistics-unit');
  });

  it('works at 390 px, in large text and in English', async () => {
    const context = await newContext(s.browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await catchUp(s.server.platform.db);
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${s.server.baseUrl}/console/statistics`);
    await page.getByTestId('stat-cards').waitFor();
    await drawn(page);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(PHONE.width);
    // The time of the figures is written the Chinese way in the Chinese interface (not "12/7/2026, 8:53:18 AM").
    await expect(page.getByTestId('stat-scope').textContent()).resolves.toMatch(
      /数据更新于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/,
    );
    await shot(page, 'statistics-district-390');
    await page.evaluate(() => {
      localStorage.setItem('liaison.largeText', '1');
      localStorage.setItem('liaison.lang', 'en');
    });
    await page.reload();
    await page.getByTestId('stat-cards').waitFor();
    await expect(page.getByTestId('stat-scope').textContent()).resolves.toContain('Scope');
    await drawn(page);
    await shot(page, 'statistics-district-390-large-en');
    await page.getByTestId('stat-suggestions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/e2e/statistics-work-390-large-en-view.png' });
    await context.close();
  });

  it('the district sees suggestions and projects, drills down, exports a chart, checks the rules and opens the yearly report', async () => {
    const page = s.page;
    await openStatistics(page, 'district');
    const suggestions = page.getByTestId('stat-suggestions');
    await suggestions.waitFor();
    await page.getByTestId('stat-projects').waitFor();
    await drawn(page);
    await suggestions.scrollIntoViewIfNeeded();
    await shot(page, 'statistics-work-desktop');
    // The submitted suggestions behind the figure, each linking to its page.
    await page.getByTestId('stat-sg-submitted').click();
    await page.locator('[data-testid=work-drill-table] a[href*="/suggestions/"]').first().waitFor();
    await shot(page, 'statistics-work-drill');
    await page.goBack();
    // The projects behind the total.
    await page.getByTestId('stat-pj-total').click();
    await page.locator('[data-testid=work-drill-table] a[href*="/projects/"]').first().waitFor();
    await page.goBack();
    // One chart's data as CSV.
    await page.getByTestId('stat-export-categories-csv').waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('stat-export-categories-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^statistics-categories-.*\.csv$/);
    // Compliance in one place: every rule with who falls short, linked.
    await page.getByTestId('stat-compliance').click();
    await page.getByTestId('compliance-opinionOnTime').waitFor();
    await page.getByTestId('compliance-receptionCadence').waitFor();
    await shot(page, 'statistics-compliance');
    // The yearly report, printable, served by the server.
    const year = new Date().getFullYear();
    await page.goto(`${s.server.baseUrl}/api/statistics/report.html?year=${year}`);
    await expect(page.locator('h1').textContent()).resolves.toContain(`${year}年度工作报告`);
    expect(await page.locator('table').count()).toBeGreaterThan(3);
    await shot(page, 'statistics-report');
  });

  it('a hot topic becomes a project candidate, and the link shows', async () => {
    // A district of its own with a planted hot topic: four street-lamp complaints.
    const p = s.server.platform;
    const d = await createDistrict(p);
    for (const content of [
      '大港新村3号楼前的路灯坏了一个多月，晚上出门不安全',
      '华山小区门口路灯不亮，夜里路灯坏了老人摔倒',
      '明州路路灯坏了好几盏，晚上漆黑一片',
      '岷山路的路灯坏了，夜间行走不安全，请修路灯',
    ])
      await createOpinion(p, d, 'registered', { content });
    const page = s.page;
    await openStatistics(page, d.users.districtOfficer.username, PASSWORD);
    const propose = page.getByTestId('topic-to-project').first();
    await propose.waitFor();
    await propose.click();
    const form = page.getByTestId('topic-project-form');
    await form.waitFor();
    await form.getByLabel('投资（万元）').fill('50');
    await form.getByLabel('资金来源').fill('区级财政');
    await form.getByLabel('实施地点').fill('新碶街道');
    const completion = form.getByLabel('预计完成日期');
    await completion.click();
    await completion.fill(`${new Date().getFullYear() + 1}-12-31`);
    await completion.press('Enter');
    await shot(page, 'statistics-topic-project');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.waitForURL(/\/console\/projects\/\d+$/, { timeout: 30_000 });
    await page.goBack();
    await page.locator('[data-testid=stat-topics] .ant-tag-green').first().waitFor();
  });

  it('a deputy on a phone drafts a suggestion from a hot topic of their station', async () => {
    // A district of its own: the deputy's account linked to a deputy of station A, an open session,
    // and a planted hot topic there (four street-lamp complaints, one with a phone number).
    const p = s.server.platform;
    const d = await createDistrict(p);
    await createStation(p, d, { org: d.orgs.stationA, members: 0 });
    await createDeputy(p, d, { org: d.orgs.stationA, station: d.orgs.stationA, user: d.users.deputyA });
    await p.db
      .insertInto('congress_session')
      .values({
        org_id: d.orgs.root.id,
        name: `第${chinaYear()}次会议`,
        kind: 'session',
        year: chinaYear(),
        prefix: '',
      })
      .execute();
    for (const content of [
      '大港新村3号楼前的路灯坏了一个多月，晚上出门不安全，联系13911112222',
      '华山小区门口路灯不亮，夜里路灯坏了老人摔倒',
      '明州路路灯坏了好几盏，晚上漆黑一片',
      '岷山路的路灯坏了，夜间行走不安全，请修路灯',
    ])
      await createOpinion(p, d, 'registered', { content });
    const context = await newContext(s.browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, s.server.baseUrl, d.users.deputyA.username, PASSWORD);
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-statisticsTopics').filter({ visible: true }).click();
    const cluster = page.getByTestId('topic-cluster').filter({ hasText: '路灯' });
    await cluster.waitFor({ timeout: 30_000 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'statistics-topics-deputy-390');
    await cluster.getByTestId('topic-to-suggestion').click();
    await page.getByTestId('topic-suggestion-form').waitFor();
    await settled(page);
    await shot(page, 'statistics-topics-draft-modal-390');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.waitForURL(/\/console\/suggestions\/\d+$/, { timeout: 30_000 });
    await expect(page.getByTestId('topic-origin').textContent()).resolves.toContain('4 件群众意见');
    const opinions = page.getByTestId('suggestion-opinions');
    await opinions.waitFor();
    expect(await opinions.getByRole('link').count()).toBe(4);
    const content = await page.getByTestId('suggestion-content').textContent();
    expect(content).toContain('［手机号已隐去］');
    expect(content).not.toContain('13911112222');
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'statistics-topics-draft-390');
    // Back on the hot topics, the cluster shows the draft it became.
    await page.goBack();
    await cluster.getByTestId('topic-link-suggestion').waitFor({ timeout: 30_000 });
    // The draft's origin in large text and English.
    await page.evaluate(() => {
      localStorage.setItem('liaison.largeText', '1');
      localStorage.setItem('liaison.lang', 'en');
    });
    await page.goForward();
    await page.reload();
    await expect(page.getByTestId('topic-origin').textContent()).resolves.toContain('From hot topic');
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'statistics-topics-draft-390-large-en');
    await context.close();
  }, 60_000);

  it('the compliance page works at 390 px', async () => {
    const context = await newContext(s.browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${s.server.baseUrl}/console/statistics/compliance`);
    await page.getByTestId('compliance-opinionOnTime').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'statistics-compliance-390');
    await page.goto(`${s.server.baseUrl}/console/statistics`);
    await page.getByTestId('stat-suggestions').waitFor();
    await drawn(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('stat-suggestions').scrollIntoViewIfNeeded();
    await shot(page, 'statistics-work-390');
    // The suggestions card as the phone shows it (the viewport only, not the whole page).
    await page.screenshot({ path: 'test-results/e2e/statistics-work-390-view.png' });
    await context.close();
  });
});
