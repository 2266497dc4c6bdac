import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, yearOf } from '../../src/server/platform/calendar/dates.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createReception } from '../support/factories.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened } from './dialogs.js';
import { expectNoSideways, phone, settled, showYear } from './duty-helpers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const RESEARCH = '调研新碶街道养老服务中心';
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The station 张站长 (xinqi.head) heads, and 吴代表's deputy id. */
async function fixture() {
  const db = s.server.platform.db;
  const head = await db
    .selectFrom('user_role as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select('g.org_id')
    .where('u.username', '=', 'xinqi.head')
    .executeTakeFirstOrThrow();
  const wu = await db
    .selectFrom('deputy as d')
    .innerJoin('app_user as u', 'u.id', 'd.user_id')
    .select(['d.id', 'u.id as user_id'])
    .where('u.username', '=', 'deputy.wu')
    .executeTakeFirstOrThrow();
  return { stationId: head.org_id, wu };
}

/** Waits for antd's success message to go (on a phone it lies over the header). */
async function messageGone(page: Page, text: string) {
  await page.locator('.ant-message-notice', { hasText: text }).waitFor();
  await page.locator('.ant-message-notice', { hasText: text }).waitFor({ state: 'detached', timeout: 20_000 });
}

describe('a planned activity changed and cancelled; visitors rate a reception (接待满意度)', () => {
  let eventId = 0;
  let eventDay = '';
  let ratingUrl = '';

  it('张站长 on a 390 px phone changes the place, then cancels with a reason; 吴代表 is told', async () => {
    const { stationId, wu } = await fixture();
    const app = await createApp(s.server.platform);
    try {
      const api = new TestClient(app);
      expect((await api.login('xinqi.head', DEMO_PASSWORD)).status).toBe(200);
      // From 30 December on, two days ahead is next year's: the desk shows it under that year.
      eventDay = addDays(today(), 2);
      const ev = await api.post<{ id: number }>('/api/duty/events', {
        orgId: stationId,
        kind: 'research',
        title: RESEARCH,
        place: '新碶街道会议室',
        day: eventDay,
        startsAt: '14:30',
        hours: 2,
        deputyIds: [wu.id],
      });
      expect(ev.status, JSON.stringify(ev.body)).toBe(201);
      eventId = ev.body.id;
    } finally {
      await app.close();
    }
    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'xinqi.head', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty?tab=events`);
    await showYear(page, yearOf(eventDay));
    const card = page.getByTestId(`event-${eventId}`);
    await card.waitFor();
    await expectNoSideways(page, 'the activities with change and cancel');
    await page.getByTestId(`event-edit-${eventId}`).click();
    await dialogOpened(page);
    await page.locator('#duty_event_edit_place').fill('新碶街道养老服务中心');
    await settled(page);
    await shot(page, 'duty-more-edit-390');
    await page.getByTestId('event-edit-submit').click();
    try {
      await messageGone(page, '已修改');
      await card.getByText(/· 新碶街道养老服务中心 ·/).waitFor();
    } catch (e) {
      await shot(page, 'duty-more-edit-failed-390');
      throw e;
    }

    await page.getByTestId(`event-cancel-${eventId}`).click();
    await dialogOpened(page);
    // No reason: the server's message shows under the field.
    await page.getByTestId('event-cancel-submit').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请填写取消原因' }).waitFor();
    await page.locator('#duty_event_cancel_reason').fill('与区人大常委会会议时间冲突，另行安排');
    await settled(page);
    await shot(page, 'duty-more-cancel-390');
    await page.getByTestId('event-cancel-submit').click();
    await page.getByTestId(`event-cancel-reason-${eventId}`).getByText('与区人大常委会会议时间冲突').waitFor();
    await card.getByText('已取消').waitFor();
    await expect(card.getByTestId(`event-edit-${eventId}`).count()).resolves.toBe(0);
    await settled(page);
    await shot(page, 'duty-more-cancelled-390');

    // 吴代表 got an in-app message for the change and for the cancellation, each once.
    const told = await s.server.platform.db
      .selectFrom('notify_message')
      .select(['type', 'vars'])
      .where('to_user_id', '=', wu.user_id)
      .where('type', 'in', ['duty.eventInvited', 'duty.eventChanged', 'duty.eventCancelled'])
      .orderBy('id')
      .execute();
    expect(told.map((m) => m.type)).toEqual(['duty.eventInvited', 'duty.eventChanged', 'duty.eventCancelled']);
    expect(told[1]!.vars).toMatchObject({ place: '新碶街道养老服务中心' });
  }, 240_000);

  it('吴代表 on his phone sees the activity cancelled with the reason', async () => {
    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'deputy.wu', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty/mine`);
    await showYear(page, yearOf(eventDay));
    await page.getByTestId('duty-more').getByText('活动签到').click();
    await page.getByTestId(`event-cancel-reason-${eventId}`).waitFor();
    await page.getByTestId(`event-${eventId}`).scrollIntoViewIfNeeded();
    await settled(page);
    await shot(page, 'duty-more-deputy-cancelled-390');
    await expectNoSideways(page, 'my activities with a cancelled one');
  }, 120_000);

  it('the station shows the rating QR code; a visitor rates on a phone; the station sees the figure', async () => {
    const { stationId } = await fixture();
    const p = s.server.platform;
    // On 1 January yesterday's reception is last year's: the tab shows it under that year.
    const day = addDays(today(), -1);
    const reception = await createReception(p, { id: stationId }, 'closed', { day, duty: [] });
    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'xinqi.head', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty?tab=ratings`);
    await showYear(page, yearOf(day));
    await page.getByTestId(`rating-qr-${reception.id}`).click();
    await dialogOpened(page);
    await page.getByTestId('rating-qr-show').click();
    await page.getByTestId('rating-qr').waitFor();
    ratingUrl = (await page.getByTestId('rating-url').innerText()).trim();
    expect(ratingUrl).toMatch(/\/rate\?t=r/);
    await settled(page);
    await shot(page, 'duty-more-rating-qr-390');

    const visitor = await phone(s.browser);
    await visitor.goto(`${s.server.baseUrl}/rate?t=${new URL(ratingUrl).searchParams.get('t')}`);
    await visitor.getByTestId('rate-reception').waitFor();
    await visitor.getByTestId('rate-submit').click();
    await visitor.getByText('请选择满意程度').waitFor();
    await visitor.getByTestId('rate-satisfied').check();
    await visitor.getByTestId('rate-comment').fill('代表认真听取意见，答复清楚');
    await shot(visitor, 'duty-more-rate-390');
    await expectNoSideways(visitor, 'the rating page');
    await visitor.getByTestId('rate-submit').click();
    await visitor.getByTestId('rate-done').getByText('感谢您的评价').waitFor();
    await shot(visitor, 'duty-more-rated-390');

    await page.goto(`${s.server.baseUrl}/console/duty?tab=ratings`);
    await showYear(page, yearOf(day));
    const station = page.getByTestId(`rating-station-${stationId}`);
    await station.getByText('1 份评价').waitFor();
    await expect(station.innerText()).resolves.toContain('100%');
    await page.getByTestId(`rating-reception-${reception.id}`).getByText('100%').waitFor();
    await settled(page);
    await shot(page, 'duty-more-ratings-390');
    await expectNoSideways(page, 'the ratings tab');
  }, 240_000);
});
