import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catchUp } from '../../src/server/modules/statistics/rollup.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { newContext, shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();
const PHONE = { width: 390, height: 844 };

async function openStatistics(page: Page, username: string) {
  await catchUp(s.server.platform.db);
  await signIn(page, s.server.baseUrl, username, DEMO_PASSWORD);
  await page.getByTestId('nav-home').waitFor();
  await page.getByTestId('nav-statistics').filter({ visible: true }).click();
  await page.getByTestId('stat-scope').waitFor();
}

/** Waits until the charts are drawn (ECharts arrives in its own chunk) and no animation runs. */
async function drawn(page: Page) {
  await page.locator('[data-testid=stat-chart] svg').first().waitFor();
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
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
    await context.close();
  });
});
