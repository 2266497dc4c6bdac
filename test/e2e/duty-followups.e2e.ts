import { describe, expect, it } from 'vitest';
import { addDays, chinaToday, yearOf } from '../../src/server/platform/calendar/dates.js';
import { expandPending } from '../../src/server/platform/notify/delivery.js';
import { syncActivities } from '../../src/server/modules/duty/sync.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createReception } from '../support/factories.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened, popupOpened } from './dialogs.js';
import { expectNoSideways, phone, settled, showYear } from './duty-helpers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const DOC = '明州路口信号灯配时优化方案';
const EVENT = '调研明州路口交通安全';
const today = chinaToday();
let eventId = 0;
let removed = { id: 0, name: '' };
let planned = 0;

/** As an account through the API (setting up what the screens then show). */
async function asUser<T>(username: string, run: (c: TestClient) => Promise<T>) {
  const app = await createApp(s.server.platform);
  try {
    const c = new TestClient(app);
    expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
    return await run(c);
  } finally {
    await app.close();
  }
}

describe("the deputy's reception ratings, digest message and activities to come; removing an invited deputy", () => {
  it('吴代表 on a phone: the bell leads to the digest, 全部活动 to his activities to come, the record shows ratings', async () => {
    const p = s.server.platform;
    const db = p.db;
    const wu = await db.selectFrom('deputy').select('id').where('name', '=', '吴代表').executeTakeFirstOrThrow();
    const head = await db
      .selectFrom('app_user')
      .select('org_id')
      .where('username', '=', 'xinqi.head')
      .executeTakeFirstOrThrow();
    const station = await db
      .selectFrom('organization')
      .select(['id', 'path'])
      .where('id', '=', head.org_id!)
      .executeTakeFirstOrThrow();
    // A reception he attended three days ago, rated by three visitors: 满意, 基本满意, 不满意 (66.7 %).
    const held = await createReception(p, station, 'closed', { day: addDays(today, -3), duty: [{ id: wu.id }] });
    for (const [i, overall] of ['satisfied', 'basicallySatisfied', 'dissatisfied'].entries())
      await db
        .insertInto('duty_reception_rating')
        .values({
          reception_id: held.id,
          station_id: station.id,
          station_path: station.path,
          day: addDays(today, -3),
          rater_key: `n:e2e-${i}`,
          channel: 'spot',
          overall,
        })
        .execute();
    // Its year (on 1–3 January three days ago is last year's): the one synced and shown below.
    await syncActivities(p, yearOf(addDays(today, -3)), [wu.id]);
    // A reception he is on duty for in four days, and an activity he and a colleague are invited to.
    planned = (await createReception(p, station, 'planned', { day: addDays(today, 4), duty: [{ id: wu.id }] })).id;
    const colleague = await db
      .selectFrom('station_member as m')
      .innerJoin('deputy as d', 'd.id', 'm.deputy_id')
      .select(['d.id', 'd.name'])
      .where('m.station_id', '=', station.id)
      .where('d.id', '<>', wu.id)
      .where('d.status', '=', 'serving')
      .orderBy('d.id')
      .executeTakeFirstOrThrow();
    removed = colleague;
    eventId = await asUser('xinqi.head', async (c) => {
      const r = await c.post<{ id: number }>('/api/duty/events', {
        orgId: station.id,
        kind: 'research',
        title: EVENT,
        place: '新碶街道代表联络站',
        day: addDays(today, 5),
        startsAt: '14:30',
        hours: 2,
        deputyIds: [wu.id, colleague.id],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id;
    });
    // The district pushes a document on his open suggestion: he is told in the bell.
    const docId = await asUser('district', async (c) => {
      const r = await c.post<{ id: number }>('/api/duty/bulletins', {
        issuer: 'government',
        title: DOC,
        body: '区交警大队将优化明州路口行人过街信号灯配时，延长行人绿灯时间。',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id;
    });
    await expandPending(p);

    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'deputy.wu', DEMO_PASSWORD);
    await page.getByTestId('bell').click();
    // Two messages name the document: the bulletin's own, and the one saying it concerns his suggestion.
    const item = page
      .getByTestId('bell-panel')
      .locator('[data-testid^="bell-item-"]', { hasText: DOC })
      .filter({ hasText: '与我的建议相关的新文件' });
    await item.waitFor({ timeout: 30_000 });
    await settled(page);
    await shot(page, 'duty-followups-bell-390');
    await item.click();
    await page.waitForURL(/\/console\/duty\/digest$/, { timeout: 30_000 });
    await page.getByTestId(`digest-${docId}`).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId(`digest-${docId}`).innerText()).toContain('信号灯');

    // The home's 近期活动 → 全部活动 opens his activities to come: the reception duty and the invitation.
    await page.goto(`${s.server.baseUrl}/console/`);
    await page.getByTestId('home-events').getByRole('link', { name: '全部活动' }).click();
    await page.waitForURL(/\/console\/duty\/upcoming$/, { timeout: 30_000 });
    await page.getByTestId(`upcoming-reception-${planned}`).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId(`upcoming-reception-${planned}`).innerText()).toContain(addDays(today, 4));
    await page.getByTestId('upcoming-events').getByText(EVENT).waitFor();
    await settled(page);
    await expectNoSideways(page, 'the activities to come');
    await shot(page, 'duty-followups-upcoming-390');

    // His record: the reception with the visitors' rating, and the year's sum.
    await page.goto(`${s.server.baseUrl}/console/duty/mine`);
    await showYear(page, yearOf(addDays(today, -3)));
    const rating = page.getByTestId('activity-rating').filter({ hasText: '66.7%' });
    await rating.waitFor({ timeout: 30_000 });
    await expect.poll(() => rating.innerText()).toContain('满意 1 · 基本满意 1 · 不满意 1');
    await page.getByTestId('record-reception-ratings').waitFor();
    await settled(page);
    await expectNoSideways(page, 'the record with ratings');
    await shot(page, 'duty-followups-record-top-390');
    await rating.scrollIntoViewIfNeeded();
    await shot(page, 'duty-followups-record-rating-390');
    await page.context().close();
  }, 240_000);

  it('the organiser takes the invited colleague off the list; it is audited', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.head', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    await page.goto(`${s.server.baseUrl}/console/duty?tab=events`);
    // The activity's year (from 27 December on, five days ahead is next year's January).
    await page.getByTestId('year-select').click();
    const year = page
      .locator('.ant-select-item-option')
      .filter({ hasText: new RegExp(`^${yearOf(addDays(today, 5))} 年$`) });
    await year.click();
    await year.waitFor({ state: 'hidden' });
    const card = page.getByTestId(`event-${eventId}`);
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: /签到名单/ }).click();
    await dialogOpened(page);
    const row = page.getByTestId(`roster-${removed.id}`);
    await row.waitFor();
    await row.getByTestId(`roster-remove-${removed.id}`).click();
    await popupOpened(page);
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid^="roster-"]', { hasText: '吴代表' }).waitFor();
    await settled(page);
    await shot(page, 'duty-followups-roster-removed-desktop');
    const audit = await s.server.platform.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'duty.eventRemoveDeputy')
      .where('subject_id', '=', String(eventId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ before: { deputyId: removed.id } });
  }, 120_000);
});
