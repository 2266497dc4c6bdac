import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { chinaTodayWithTime } from '../support/china-day.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened } from './dialogs.js';
import { expectNoSideways, phone, settled } from './duty-helpers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const INSPECTION = '视察新碶老旧小区改造';

describe('planned activities: the station plans, shows a code, a deputy signs in on a phone', () => {
  let shortCode = '';
  let eventId = 0;
  // The activity is today's, and the deputy's phone must still show it as today's: near midnight in
  // China the suite first waits for the next day (planning it for a day about to end would have the
  // banner look for the next one).
  let today = '';
  beforeAll(async () => {
    today = await chinaTodayWithTime(180_000);
  }, 240_000);

  it('the station head plans an inspection inviting 吴代表 and shows the sign-in code', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.head', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty?tab=events`);
    await page.getByTestId('event-plan').click();
    await dialogOpened(page);
    await page.locator('#duty_event_title').fill(INSPECTION);
    await page.locator('#duty_event_place').fill('新碶街道社区服务中心');
    await page.locator('#duty_event_day').fill(today);
    await page.getByTestId('event-deputies').click();
    await page.keyboard.type('吴代表');
    await page.locator('.ant-select-item-option', { hasText: '吴代表' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('event-submit').click();
    await page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').waitFor({ state: 'detached' });
    const card = page.locator('[data-testid^="event-"]', { hasText: INSPECTION });
    await card.waitFor();
    eventId = Number((await card.getAttribute('data-testid'))!.slice('event-'.length));
    await card.getByRole('button', { name: /签到码/ }).click();
    await dialogOpened(page);
    await page.getByTestId('code-issue').click();
    await page.getByTestId('short-code').waitFor();
    shortCode = (await page.getByTestId('short-code').innerText()).trim();
    expect(shortCode).toMatch(/^[0-9]{6}$/);
    await settled(page);
    await shot(page, 'duty-event-code-desktop');
  });

  it('吴代表 on a 390 px phone types the code at the place; then scans the QR again: signed in once', async () => {
    expect(eventId).toBeGreaterThan(0);
    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'deputy.wu', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty/mine`);
    const banner = page.getByTestId('today-sign-in');
    await banner.getByText(INSPECTION).waitFor();
    await settled(page);
    await shot(page, 'duty-event-today-390');
    await expectNoSideways(page, 'the record with today’s activity');
    await page.getByTestId(`sign-in-${eventId}`).click();
    await page.getByTestId('short-code-input').waitFor();
    await expectNoSideways(page, 'the sign-in page');
    // A wrong code first: refused with the reason, nothing credited.
    await page.getByTestId('short-code-input').fill(shortCode === '000000' ? '000001' : '000000');
    await page.getByTestId('sign-in-submit').click();
    await page.getByText('签到码无效或已过期').waitFor();
    await page.getByTestId('short-code-input').fill(shortCode);
    await settled(page);
    await shot(page, 'duty-event-sign-in-390');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-done').getByText('签到成功').waitFor();
    await settled(page);
    await shot(page, 'duty-event-signed-in-390');
    await expectNoSideways(page, 'the signed-in page');

    // The QR code at the place opens the same page with the signed token; signing in again changes nothing.
    const app = await createApp(s.server.platform);
    let token = '';
    try {
      const head = new TestClient(app);
      expect((await head.login('xinqi.head', DEMO_PASSWORD)).status).toBe(200);
      const code = await head.post<{ qrToken: string }>(`/api/duty/events/${eventId}/code`, { minutes: 30 });
      expect(code.status).toBe(200);
      token = code.body.qrToken;
    } finally {
      await app.close();
    }
    await page.goto(`${s.server.baseUrl}/console/duty/sign-in/${eventId}?t=${encodeURIComponent(token)}`);
    await page.getByTestId('sign-in-confirm').click();
    await page.getByTestId('sign-in-done').getByText('您已签到').waitFor();

    await page.goto(`${s.server.baseUrl}/console/duty/mine`);
    await page.getByTestId('record-heading').filter({ hasText: '吴代表' }).waitFor();
    await page.locator('[data-testid^="activity-"]', { hasText: INSPECTION }).getByText('已确认').waitFor();
    await expect
      .poll(() =>
        s.server.platform.db
          .selectFrom('duty_activity')
          .select('id')
          .where('source_key', '=', `event:${eventId}`)
          .execute()
          .then((r) => r.length),
      )
      .toBe(1);
    await page.getByTestId('duty-more').getByText('活动签到').click();
    await page.getByTestId('my-events').getByText('已于').waitFor();
    await settled(page);
    await shot(page, 'duty-event-my-events-390');
    await expectNoSideways(page, 'my activities');
  });

  it('the roster shows 吴代表 signed in with the code', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.head', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty?tab=events`);
    const card = page.getByTestId(`event-${eventId}`);
    await expect.poll(() => card.innerText()).toContain('已签到 1 人');
    await card.getByRole('button', { name: /签到名单/ }).click();
    await dialogOpened(page);
    await page.locator('[data-testid^="roster-"]', { hasText: '吴代表' }).getByText('签到码').waitFor();
    await settled(page);
    await shot(page, 'duty-event-roster-desktop');
  });
});
