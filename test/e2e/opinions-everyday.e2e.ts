import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { chinaDate } from '../../src/server/platform/calendar/dates.js';
import { addWorkingDays } from '../../src/server/platform/calendar/working-days.js';
import { dialogOpened } from './dialogs.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 30_000 };

/** Signs out (forgets the session cookie) and signs in as someone else. */
async function switchUser(page: Page, username: string) {
  await page.context().clearCookies();
  await signIn(page, s.server.baseUrl, username, DEMO_PASSWORD);
  // On a phone the navigation is folded behind its toggle.
  await page.getByTestId('nav-toggle').waitFor(WAIT);
}

/** The demo's opinion whose content starts so. */
async function demoOpinion(start: string) {
  const o = await s.server.platform.db
    .selectFrom('opinion')
    .select(['id', 'receipt_code'])
    .where('content', 'like', `${start}%`)
    .executeTakeFirstOrThrow();
  return o.id;
}

async function openOpinion(page: Page, id: number) {
  await page.goto(`${s.server.baseUrl}/console/opinions/${id}`);
  await page.getByTestId('opinion-receipt').waitFor(WAIT);
}

/** The state tag on the opinion's page. */
const stateOf = (page: Page) => page.locator('h1 .ant-tag').innerText();

/** Submits the open step dialog and waits for it to close (or says why it was refused). */
async function submit(page: Page, action: string) {
  await page.getByTestId('action-submit').click();
  const refused = page.getByTestId('action-error').or(page.locator('.ant-modal .ant-form-item-explain-error')).first();
  const outcome = await Promise.race([
    page
      .getByTestId('action-submit')
      .waitFor({ state: 'detached', ...WAIT })
      .then(() => ''),
    refused
      .waitFor(WAIT)
      .then(() => refused.innerText())
      .catch(() => new Promise<string>(() => {})),
  ]);
  expect(outcome, `the step "${action}" was refused`).toBe('');
}

describe('everyday use of the closed loop (issue 17)', () => {
  it('at 390 px a unit answers with a photo; staff see it with the answer; the close button explains the wait', async () => {
    const page = s.page;
    await page.setViewportSize(PHONE);
    // The demo's opinion about parking that the street office has accepted.
    const id = await demoOpinion('新大路菜场');

    // 1. The unit, on a phone, answers with a photo of the result.
    await switchUser(page, 'xinqi.office');
    await openOpinion(page, id);
    await expect.poll(() => stateOf(page), WAIT).toBe('办理中');
    await page.getByTestId('action-respond').click();
    await page.getByTestId('action-submit').waitFor(WAIT);
    await dialogOpened(page);
    await page.locator('.ant-modal').getByText('已解决', { exact: true }).click();
    await page.locator('#action_response').fill('已在菜场周边增设临时停车位并安排早高峰劝导，公交通行恢复。');
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a7bd5' } })
      .jpeg()
      .toBuffer();
    await page
      .getByTestId('evidence-add-input')
      .setInputFiles({ name: '整改后现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('evidence-file').filter({ hasText: '整改后现场.jpg' }).waitFor(WAIT);
    // The form fits the phone: nothing scrolls sideways.
    const width = await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'opinions-everyday-respond-evidence-390');
    await submit(page, 'respond');
    await expect.poll(() => stateOf(page), WAIT).toBe('已答复');
    // The success message lies at the foot of the phone's screen, clear of the header and the opinion's code.
    const toast = page.locator('.ant-message-notice').first();
    await toast.waitFor(WAIT);
    const codeBox = (await page.getByTestId('opinion-receipt').boundingBox())!;
    // Once it has moved in, the whole message is on the screen, in its lower half.
    await expect
      .poll(async () => {
        const box = await toast.boundingBox();
        return box
          ? box.y > codeBox.y + codeBox.height && box.y > PHONE.height / 2 && box.y + box.height <= PHONE.height
          : false;
      }, WAIT)
      .toBe(true);
    await shot(page, 'opinions-everyday-respond-toast-390');
    const own = page.getByTestId('response-evidence').locator('img').first();
    await own.waitFor(WAIT);

    // 2. The liaison officer sees the photo with the unit's answer, then tells the constituent.
    await switchUser(page, 'xinqi.liaison');
    await openOpinion(page, id);
    const evidence = page.getByTestId('response-evidence');
    await evidence.waitFor(WAIT);
    const img = evidence.locator('img').first();
    await expect
      .poll(
        () => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
        WAIT,
      )
      .toBeGreaterThan(0);
    expect(await evidence.innerText()).toContain('证明材料');
    await shot(page, 'opinions-everyday-staff-sees-evidence-390');
    await page.getByTestId('action-feedback').click();
    await page.getByTestId('action-submit').waitFor(WAIT);
    await dialogOpened(page);
    await page.locator('.ant-modal').getByText('电话', { exact: true }).click();
    await submit(page, 'feedback');
    await expect.poll(() => stateOf(page), WAIT).toBe('已反馈');

    // 3. Closing waits for the constituent's time to rate: the button is there, disabled, with the day:
    // five working days from the day of the feedback as the server recorded it (not today read now:
    // midnight in China may have come since).
    const feedback = await s.server.platform.db
      .selectFrom('opinion_event')
      .select('at')
      .where('opinion_id', '=', id)
      .where('action', '=', 'feedback')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const day = await addWorkingDays(s.server.platform.db, chinaDate(feedback.at), 5);
    const waiting = page.getByTestId('action-close-waiting');
    await waiting.waitFor(WAIT);
    expect(await waiting.isDisabled()).toBe(true);
    expect(await page.getByTestId('action-close').count()).toBe(0);
    expect(await page.getByTestId('close-waits').innerText()).toContain(`${day} 起方可按“未评价”办结`);
    expect(await page.getByTestId('rating-wait').innerText()).toContain(day);
    await shot(page, 'opinions-everyday-close-waits-390');
  }, 180_000);

  it('at 1366 px the opinions list fits: no empty mark or supervision column, long names cut with a title', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.context().clearCookies();
    await signIn(page, s.server.baseUrl, 'xinqi.liaison', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor(WAIT);
    await page.goto(`${s.server.baseUrl}/console/opinions`);
    await page.locator('[data-testid^="opinion-row-"]').first().waitFor(WAIT);
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    // The demo's open opinions of the station carry no marks and no supervision: those columns are left out.
    const marked = await page.locator('[data-testid="marker-overdue"], [data-testid="marker-returned"]').count();
    if (marked === 0) expect(headers.join('|')).not.toContain('标记');
    expect(headers.join('|')).toContain('主办单位');
    const fits = await page
      .locator('.ant-table-content, .ant-table-body')
      .first()
      .evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits, 'the table scrolls sideways at 1366 px').toBe(true);
    await shot(page, 'opinions-everyday-list-1366');
  }, 120_000);

  it('the street office head finds the demo’s assignment waiting for the sign-off', async () => {
    const page = s.page;
    await page.setViewportSize(PHONE);
    await switchUser(page, 'xinqi.director');
    await page.goto(`${s.server.baseUrl}/console/opinions/sign-offs`);
    const queue = page.getByTestId('sign-off-queue');
    await queue.waitFor(WAIT);
    await queue.getByText('庐山路人行道地砖松动').first().waitFor(WAIT);
    expect(await queue.locator('[data-testid^="sign-off-approve-"]').count()).toBeGreaterThan(0);
    await shot(page, 'opinions-everyday-sign-off-queue-390');
  }, 120_000);
});
