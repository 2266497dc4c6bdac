import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened } from './dialogs.js';
import { expectNoSideways, phone, settled } from './duty-helpers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const TRAINING = '代表履职能力提升培训班';
const BULLETIN = '关于全区民生实事项目实施情况的通报';
const DISPUTE = '培训为期两天，应为 12 学时';

/** Opens a navigation entry; on a phone through the folded navigation's button. */
async function nav(page: Page, key: string) {
  const link = page.getByTestId(`nav-${key}`).filter({ visible: true });
  if ((await page.getByTestId('nav-toggle').count()) > 0) {
    await page.getByTestId('nav-toggle').click();
    await link.waitFor();
    await settled(page);
  }
  await link.click();
}

/** Submits the open dialog's form (its OK button `testId`) and waits for the dialog to close. */
async function submitDialog(page: Page, testId = 'action-submit') {
  await page.getByTestId(testId).click();
  await page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').waitFor({ state: 'detached' });
}

describe('the duty record in the console and on the portal', () => {
  let wuId = 0;
  /** The year in China when the rules and the training were entered (the year the tabs show). */
  let year = 0;

  beforeAll(async () => {
    const p = s.server.platform;
    wuId = (await p.db.selectFrom('deputy').select('id').where('name', '=', '吴代表').executeTakeFirstOrThrow()).id;
    const app = await createApp(p);
    try {
      const district = new TestClient(app);
      expect((await district.login('district', DEMO_PASSWORD)).status).toBe(200);
      const ok = <T>(r: { status: number; body: T }) => {
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
        return r.body;
      };
      year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
      ok(
        await district.post('/api/duty/rules', {
          fromYear: year,
          rules: {
            base: 60,
            perKind: { reception: 3, inspection: 3, suggestionLed: 15, reportBack: 5 },
            perHour: { training: 1 },
            bonuses: { answerA: 5, ratedSatisfied: 3 },
            caps: {},
            bands: [
              { label: '好', min: 80 },
              { label: '较好', min: 60 },
              { label: '差', min: null },
            ],
          },
        }),
      );
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      ok(
        await district.post('/api/duty/activities', {
          deputyId: wuId,
          kind: 'training',
          day: today,
          title: TRAINING,
          hours: 2,
        }),
      );
      ok(
        await district.post('/api/duty/bulletins', {
          issuer: 'government',
          title: BULLETIN,
          body: '今年确定的十件民生实事项目，已完工六件，其余四件按计划推进。',
          topic: '民生实事',
        }),
      );
    } finally {
      await app.close();
    }
  });

  it('a deputy on a phone opens their record, disputes an entry, reads a bulletin and publishes the report-back', async () => {
    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'deputy.wu', DEMO_PASSWORD);
    await page.getByTestId('nav-toggle').waitFor();
    await nav(page, 'dutyMine');
    await page.getByTestId('record-heading').filter({ hasText: '吴代表' }).waitFor();
    const card = page.locator('[data-testid^="activity-"]', { hasText: TRAINING });
    await card.waitFor();
    await settled(page);
    await shot(page, 'duty-record-390');
    await expectNoSideways(page, 'the record');

    await card.getByTestId('dispute').click();
    await dialogOpened(page);
    await page.locator('#duty_action_text').fill(DISPUTE);
    await submitDialog(page);
    await expect.poll(() => card.getByTestId('activity-state').innerText()).toBe('有异议');
    await expect.poll(() => card.innerText()).toContain(DISPUTE);

    await page.getByRole('tab', { name: '知情知政' }).click();
    const bulletin = page.locator('[data-testid^="bulletin-"]', { hasText: BULLETIN });
    await bulletin.getByTestId('bulletin-read-state').filter({ hasText: '未读' }).waitFor();
    await bulletin.click();
    await page.getByTestId('bulletin-body').filter({ hasText: '已完工六件' }).waitFor();
    await dialogOpened(page);
    await shot(page, 'duty-bulletin-390');
    await page.locator('.ant-modal-close').click();
    await bulletin.getByTestId('bulletin-read-state').filter({ hasText: '已读' }).waitFor();

    await page.getByRole('tab', { name: '述职' }).click();
    await page.getByTestId('report-draft').click();
    await page.getByTestId('report-figures').waitFor();
    await expect.poll(() => page.getByTestId('report-figures').innerText()).toContain('学习培训：1');
    const body = page.locator('#duty_report_body');
    await body.fill(`${await body.inputValue()}\n\n今年我还走访了困难群众五户。`);
    await settled(page);
    await shot(page, 'duty-report-draft-390');
    await expectNoSideways(page, 'the report-back draft');
    await page.getByTestId('report-publish').click();
    await page.getByTestId('report-state').filter({ hasText: '评议中' }).waitFor();

    // The same record in English and large text, still within the phone's width. On a phone the
    // "published" message lies over the header's switches until it goes (and stays while hovered).
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('large-text').click();
    await page.getByText('My duty record').first().waitFor();
    await settled(page);
    await shot(page, 'duty-record-390-en-large');
    await expectNoSideways(page, 'the record in English, large text');
    await page.context().close();
  }, 180_000);

  it('the committee confirms the disputed entry, scores the year and records a commendation', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    await nav(page, 'dutyDesk');
    const card = page.locator('[data-testid^="activity-"]', { hasText: TRAINING });
    await card.getByTestId('resolve').click();
    await dialogOpened(page);
    await page.locator('#duty_action_text').fill('经核对签到表，培训一天，维持 2 学时');
    await submitDialog(page);
    await card.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '积分排名' }).click();
    const row = page.getByTestId(`standing-${wuId}`);
    await row.waitFor();
    // The same total the record explains line by line (the demo's receptions and opinions count too).
    // Of the year in China (the page's own getFullYear() is the browser's, UTC here: on 31 December
    // from 16:00 UTC that is China's last year).
    const total = await page.evaluate(
      async ([id, year]) => {
        const r = await fetch(`/api/duty/record?deputyId=${id}&year=${year}`, { credentials: 'same-origin' });
        return ((await r.json()) as { scores: { total: number }[] }).scores[0]!.total;
      },
      [wuId, year] as const,
    );
    expect(total).toBeGreaterThanOrEqual(67);
    await expect.poll(() => row.innerText()).toContain(String(total));
    await row.getByTestId('decide').click();
    await dialogOpened(page);
    await page.locator('#duty_decision_note').fill('年度履职积分靠前，经主任会议研究，予以表彰');
    await submitDialog(page, 'decision-submit');
    await row.getByTestId('decision-tag').filter({ hasText: '表彰' }).waitFor();
    await settled(page);
    await shot(page, 'duty-standings-desktop');

    await page.getByRole('tab', { name: '联络站考核' }).click();
    const station = page.locator('[data-testid^="assessment-"]', { hasText: '新碶街道人大代表联络站' });
    for (const item of ['有阵地', '有制度', '有计划', '有公示', '有资料', '有档案'])
      await station.getByLabel(`新碶街道人大代表联络站 ${item}`).check();
    await station.getByTestId('assessment-save').click();
    await station.getByText('达标').waitFor();
    await expect.poll(() => station.innerText()).toContain('60/60');
    await shot(page, 'duty-assessment-desktop');

    await page.getByRole('tab', { name: '评选表彰' }).click();
    const nominee = page.getByTestId(`nominee-${wuId}`);
    await expect.poll(() => nominee.innerText()).toMatch(/^1\s/);
    await nominee.getByTestId('award').click();
    await dialogOpened(page);
    await page.locator('#duty_award_note').fill('经主任会议研究，评为年度优秀代表');
    await submitDialog(page, 'award-submit');
    await nominee.getByTestId('awarded').waitFor();
    await shot(page, 'duty-awards-desktop');

    await page.getByRole('tab', { name: '履职档案' }).click();
    await page.getByTestId('deputy-picker').click();
    await page.keyboard.type('吴代表');
    await page.locator('.ant-select-item-option', { hasText: '吴代表' }).first().click();
    await page.getByTestId('record-heading').filter({ hasText: '吴代表' }).waitFor();
    await page.locator('[data-testid^="activity-"]', { hasText: TRAINING }).getByText('已确认').waitFor();
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'duty-record-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('a constituent reads the report-back on the portal and rates it; the result is filed', async () => {
    const page = await phone(s.browser);
    await page.goto(`${s.server.baseUrl}/reports`);
    await page.locator('[data-testid^="report-link-"]', { hasText: '吴代表' }).click();
    await page.getByTestId('report-back').waitFor();
    await expect.poll(() => page.getByTestId('report-figures').innerText()).toContain('学习培训：1');
    const aspects = await page.locator('.rate-aspect').count();
    expect(aspects).toBe(5);
    for (let i = 0; i < aspects; i++) await page.getByTestId(`aspect-${i}-${i === 3 ? 4 : 5}`).check();
    await page.getByTestId('overall').selectOption('satisfied');
    await shot(page, 'duty-portal-rating-390');
    await expectNoSideways(page, 'the portal report-back');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();

    const app = await createApp(s.server.platform);
    try {
      const officer = new TestClient(app);
      expect((await officer.login('xinqi.officer', DEMO_PASSWORD)).status).toBe(200);
      const reports = await officer.get<{ items: { id: number; deputyId: number }[] }>('/api/duty/reports');
      const report = reports.body.items.find((r) => r.deputyId === wuId)!;
      expect((await officer.post(`/api/duty/reports/${report.id}/close`)).status).toBe(200);
    } finally {
      await app.close();
    }
    await page.reload();
    await page.getByTestId('report-result').filter({ hasText: '评议 1 份，满意率 100%' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'duty-portal-report-print');
    await page.context().close();
  });
});
