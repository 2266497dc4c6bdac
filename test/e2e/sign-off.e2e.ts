import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { expandPending } from '../../src/server/platform/notify/delivery.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened, dropdownOpened } from './dialogs.js';
import { newContext, settled, shot, signIn, useBrowserSuite } from './support.js';

// 签字交办 (issue 17, items 3 and 4): a district matter goes to a district bureau, proposed by the
// street officer and signed off by the street office head on a phone with one press.
const s = useBrowserSuite();
const PHONE = { width: 390, height: 844 };
const BUREAU = '北仑区住房和城乡建设局';
const CONTENT = '新碶老小区加装电梯的审批流程太长，希望区里统一简化手续。';

async function phoneAs(browser: Browser, username: string): Promise<Page> {
  const context = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, s.server.baseUrl, username, DEMO_PASSWORD);
  await page.getByTestId('nav-toggle').waitFor();
  return page;
}

describe('the head’s sign-off', () => {
  it('an officer sends a district matter to a bureau for sign-off; the head signs it on a phone', async () => {
    // A district-tier opinion at the 新碶 station, registered and sorted through the API.
    const app = await createApp(s.server.platform);
    const officer = new TestClient(app);
    expect((await officer.login('xinqi.officer', DEMO_PASSWORD)).status).toBe(200);
    const stations = await officer.get<{ items: { id: number; name: string }[] }>('/api/stations?limit=100');
    const station = stations.body.items.find((x) => x.name === '新碶街道人大代表联络站')!;
    const registered = await officer.post<{ id: number }>('/api/opinions', {
      orgId: station.id,
      channel: 'phone',
      content: CONTENT,
      constituent: { anonymous: true },
    });
    expect(registered.status).toBe(201);
    const id = registered.body.id;
    const cats = await officer.get<{ items: { id: number; code: string }[] }>('/api/opinions/categories');
    const triaged = await officer.post(`/api/opinions/${id}/actions`, {
      action: 'triage',
      categoryId: cats.body.items[0]!.id,
      tier: 'district',
    });
    expect(triaged.status).toBe(200);
    await app.close();

    // The officer, at a desk: the assign dialog names the district route and offers the bureaus first.
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    await page.goto(`${s.server.baseUrl}/console/opinions/${id}`);
    await page.getByTestId('action-assign').click();
    await dialogOpened(page);
    await page
      .getByTestId('tier-route')
      .getByText(/区级部门事项/)
      .waitFor();
    await page.locator('#action_leadUnitId').click();
    await dropdownOpened(page);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.getByText('区级职能部门').waitFor();
    await dropdown.getByText(BUREAU).click();
    await expect
      .poll(() => page.locator('.ant-select', { has: page.locator('#action_leadUnitId') }).innerText())
      .toContain(BUREAU);
    // Online sign-off is the default for an officer: no name to type.
    await page.getByTestId('sign-off-online-help').waitFor();
    expect(await page.locator('#action_signedBy').count()).toBe(0);
    await page.locator('#action_deadlineDays').fill('12');
    await settled(page);
    await shot(page, 'sign-off-request-form');
    await page.getByTestId('action-submit').click();
    await page
      .getByTestId('pending-sign-off')
      .getByText(new RegExp(`拟交 ${BUREAU} 办理，时限 12 个工作日`))
      .waitFor();
    expect(await page.locator('h1 .ant-tag').innerText()).toBe('已研判');
    await shot(page, 'sign-off-pending-officer');

    // The head, on a phone: the bell says so and opens the opinion; the queue signs it with one press.
    await expandPending(s.server.platform); // what the job runner does in a running server
    const head = await phoneAs(s.browser, 'xinqi.director');
    await expect.poll(() => head.getByTestId('bell-count').innerText(), { timeout: 30_000 }).toMatch(/[1-9]/);
    // The home page counts it; the holiday-data warning is for administrators, not here.
    // (The demo district has one of its own waiting too.)
    await expect.poll(async () => Number(/\d+/.exec(await head.getByTestId('todo-signOffs').innerText())?.[0])).toBe(2);
    expect(await head.getByTestId('calendar-banner').count()).toBe(0);
    await shot(head, 'sign-off-home-390');
    await head.getByTestId('bell').click();
    const item = head
      .getByTestId('bell-panel')
      .getByText(/待签批交办/)
      .first();
    await item.waitFor();
    await shot(head, 'sign-off-bell-390');
    await item.click();
    await head.getByTestId('pending-sign-off').waitFor();
    await head.waitForURL(`**/console/opinions/${id}`);
    await head.goto(`${s.server.baseUrl}/console/opinions/sign-offs`);
    const card = head
      .getByTestId('sign-off-queue')
      .locator('[data-testid^=sign-off-]', { hasText: CONTENT.slice(0, 20) });
    await card.waitFor();
    const scroll = await head.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(PHONE.width);
    await shot(head, 'sign-off-queue-390');
    await card.getByRole('button', { name: '签批同意' }).click();
    await expect.poll(() => card.count()).toBe(0);
    await head.goto(`${s.server.baseUrl}/console/opinions/${id}`);
    await head.getByTestId('assignments').getByText(BUREAU).waitFor();
    await head.getByTestId('assignments').getByTestId('sign-off-kind').filter({ hasText: '负责人在线签批' }).waitFor();
    expect(await head.locator('h1 .ant-tag').innerText()).toBe('已交办');
    await settled(head);
    await shot(head, 'sign-off-done-390');
    await head.context().close();
    // Two users' sessions and a phone's: generous on a busy machine.
  }, 180_000);
});
