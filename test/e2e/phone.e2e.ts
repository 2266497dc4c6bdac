import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 30_000 };
/** A walk through every page of a role: generous on a busy machine. */
const WALK = 300_000;

/** Screens with their own tables (not the shared responsive list). */
const OWN_TABLES = new Set(['dutyMine', 'dutyDesk', 'statistics', 'projects', 'projectVotes', 'projectBallots']);

const s = useBrowserSuite();

/** Whether anything makes the page wider than the screen (it would scroll sideways). */
async function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth };
  });
}

/** The page has drawn: its heading is there, and nothing in the content is still loading. */
async function settled(page: Page) {
  await page.locator('main h1').first().waitFor(WAIT);
  await expect.poll(() => page.locator('main .ant-spin-spinning, main .ant-skeleton-active').count(), WAIT).toBe(0);
}

/** Opens the folded navigation and follows one of its entries. */
async function follow(page: Page, key: string) {
  await page.getByTestId('nav-toggle').click();
  // In the navigation itself (a folded menu also keeps a copy of the label in its tooltip).
  const entry = page.locator('aside nav').getByTestId(`nav-${key}`);
  await entry.waitFor({ state: 'visible', ...WAIT });
  const href = await entry.getAttribute('href');
  await entry.click();
  await page.waitForURL((url) => url.pathname === href, WAIT);
  // The navigation folds away again after the choice.
  await expect.poll(() => page.getByTestId('nav-toggle').getAttribute('aria-expanded'), WAIT).toBe('false');
}

/** The navigation's entries this account is shown, in order. */
async function entries(page: Page): Promise<string[]> {
  await page.getByTestId('nav-toggle').click();
  await page
    .locator('aside nav')
    .getByTestId('nav-home')
    .waitFor({ state: 'visible', ...WAIT });
  const ids = await page
    .locator('aside nav [data-testid^="nav-"]')
    .evaluateAll((links) => links.map((l) => l.getAttribute('data-testid')!.slice('nav-'.length)));
  // The open navigation lies over the header: its own close button folds it away.
  await page.getByTestId('nav-close').click();
  await expect.poll(() => page.getByTestId('nav-toggle').getAttribute('aria-expanded'), WAIT).toBe('false');
  return ids;
}

/** Checks the page at 390 px: no sideways scroll, content as wide as the screen, lists as cards; saves a screenshot. */
async function checkPage(page: Page, role: string, key: string, cards: boolean) {
  // A list page: its rows arrive as cards.
  if (cards) await page.locator('main .responsive-card').first().waitFor(WAIT);
  await settled(page);
  const { scrollWidth, innerWidth } = await sideways(page);
  expect(scrollWidth, `${role} ${key}: the page scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  // The content takes the screen's width (not a sliver beside a fixed navigation).
  const main = await page.locator('main').boundingBox();
  expect(main!.width, `${role} ${key}: the content is narrow`).toBeGreaterThan(innerWidth - 40);
  // A list reads as cards: no table on the page scrolls sideways inside itself. (Not yet checked on
  // the duty, project and statistics screens, which are being reworked by their owners.)
  if (OWN_TABLES.has(key)) return shot(page, `phone-${role}-${key}`);
  const tables = await page
    .locator('main .ant-table-content, main .ant-table-body')
    .evaluateAll((els) =>
      els
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.closest('[data-testid]')?.getAttribute('data-testid') ?? '?'),
    );
  expect(tables, `${role} ${key}: a table scrolls sideways`).toEqual([]);
  await shot(page, `phone-${role}-${key}`);
}

/** A dialog (or drawer) on a phone takes the whole screen. */
async function expectFullScreen(page: Page, selector: string) {
  // Once it has slid or faded in.
  const box = () => page.locator(selector).last().boundingBox();
  await expect.poll(async () => (await box())?.x, WAIT).toBeLessThanOrEqual(1);
  await expect.poll(async () => (await box())?.y, WAIT).toBeLessThanOrEqual(1);
  const { width, height } = (await box())!;
  expect(width).toBeGreaterThanOrEqual(PHONE.width - 1);
  expect(height).toBeGreaterThanOrEqual(PHONE.height - 1);
}

/** Signs in at 390 px and checks every page the navigation offers; `lists` are the pages whose rows must show as cards. */
async function walk(role: string, username: string, lists: string[]) {
  const page = s.page;
  await page.setViewportSize(PHONE);
  await signIn(page, s.server.baseUrl, username, DEMO_PASSWORD);
  await page.getByTestId('nav-toggle').waitFor(WAIT);
  const keys = await entries(page);
  expect(keys).toEqual(expect.arrayContaining(lists));
  for (const key of keys) {
    await follow(page, key);
    await checkPage(page, role, key, lists.includes(key));
  }
  return keys;
}

describe('the console on a 390 px phone', () => {
  it(
    'a deputy: every page fits, lists are cards, a drawer takes the screen',
    async () => {
      const keys = await walk('deputy', 'deputy.wu', ['deputies', 'stations', 'groups']);
      expect(keys).toEqual(expect.arrayContaining(['home', 'opinions', 'groups', 'account']));
      // 节假日与调休 is not in a deputy's menu (staff keep it); the page still opens by its address.
      expect(keys).not.toContain('calendar');
      const page = s.page;
      // His group page shows the group he belongs to (it sits under the street's committee, above his station).
      await follow(page, 'groups');
      await page.locator('main .responsive-card', { hasText: '新碶街道第一代表小组' }).waitFor(WAIT);
      // The calendar, opened by its address, marks today.
      await page.goto(`${s.server.baseUrl}/console/calendar`);
      await page.locator('main [aria-current="date"]').waitFor(WAIT);
      expect(await page.locator('main [aria-current="date"]').getAttribute('aria-label')).toContain('今天');
      // The deputy's year opens on himself.
      await page.goto(`${s.server.baseUrl}/console/receptions?tab=deputy`);
      await page.getByTestId('deputy-year-pick').filter({ hasText: '吴代表' }).waitFor(WAIT);
      await shot(page, 'phone-deputy-year');
      // A deputy's profile opens in a drawer as wide as the screen.
      await follow(page, 'deputies');
      await settled(page);
      await page.locator('main .responsive-card').first().click();
      await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'visible', ...WAIT });
      await expectFullScreen(page, '.ant-drawer-content-wrapper');
      await shot(page, 'phone-deputy-profile-drawer');
    },
    WALK,
  );

  it(
    'a liaison officer: every page fits, lists are cards, a dialog is full-screen',
    async () => {
      await walk('liaison', 'xinqi.liaison', ['stations', 'deputies', 'opinions']);
      const page = s.page;
      await follow(page, 'receptions');
      await settled(page);
      await page.getByTestId('create-reception').click();
      await page.locator('.ant-modal-container').waitFor({ state: 'visible', ...WAIT });
      await expectFullScreen(page, '.ant-modal-container');
      expect((await sideways(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'phone-liaison-dialog');
      // Escape in an open dropdown closes the dropdown; the dialog stays. A second Escape closes the dialog.
      const dialog = page.locator('.ant-modal-container').last();
      await page.getByTestId('reception-mode').click();
      const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await open.waitFor({ state: 'visible', ...WAIT });
      await page.keyboard.press('Escape');
      await open.waitFor({ state: 'hidden', ...WAIT });
      expect(await dialog.isVisible()).toBe(true);
      // The dropdown keeps its place on antd's Escape stack until its leave motion has ended, a frame or more
      // after it is hidden: an Escape in that gap still goes to the dropdown. A user presses again; so does the test.
      await expect
        .poll(
          async () => {
            if (await dialog.isVisible()) await page.keyboard.press('Escape');
            return dialog.isHidden();
          },
          { timeout: WAIT.timeout, interval: 500 },
        )
        .toBe(true);
    },
    WALK,
  );

  it(
    'a unit: every page fits, lists are cards',
    async () => {
      await walk('unit', 'xinqi.office', ['opinions']);
    },
    WALK,
  );
});

/** Header cells whose text runs onto a second line. */
async function wrappedHeaders(page: Page) {
  return page.locator('.ant-table-thead th').evaluateAll((cells) =>
    cells
      .filter((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        return tops.size > 1;
      })
      .map((th) => th.textContent),
  );
}

describe('lists that fit a 1366 px screen in large text', () => {
  it(
    'the opinion list: first columns in view, headers on one line, a visible scrollbar, columns to choose',
    async () => {
      const page = s.page;
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
      await page.getByTestId('large-text').click();
      await expect.poll(() => page.getByTestId('large-text').getAttribute('aria-checked'), WAIT).toBe('true');
      await page.goto(`${s.server.baseUrl}/console/opinions`);
      await page.locator('.ant-table-row').first().waitFor(WAIT);
      await settled(page);
      expect((await sideways(page)).scrollWidth).toBeLessThanOrEqual(1366);
      expect(await wrappedHeaders(page)).toEqual([]);
      // The receipt code, state and deadline are in view without scrolling.
      for (const name of ['受理编号', '状态', '办理期限']) {
        const box = await page.locator('.ant-table-thead th', { hasText: name }).first().boundingBox();
        expect(box!.x + box!.width, name).toBeLessThanOrEqual(1366);
      }
      // The rest scrolls inside the table, with a scrollbar drawn (not an overlay that shows only while
      // scrolling; headless Chromium hides scrollbars, so its style is what is checked).
      const scroller = await page
        .locator('.ant-table-body, .ant-table-content')
        .first()
        .evaluate((e) => ({
          scrollable: e.scrollWidth > e.clientWidth,
          overflow: getComputedStyle(e).overflowX,
          color: getComputedStyle(e).scrollbarColor,
        }));
      expect(scroller.scrollable).toBe(true);
      expect(scroller.overflow).toMatch(/auto|scroll/);
      expect(scroller.color).not.toBe('auto');
      await shot(page, 'opinions-1366-large');

      // The reader drops columns; the choice holds after a reload.
      const headers = () => page.locator('.ant-table-thead th').count();
      const before = await headers();
      await page.getByTestId('column-chooser').click();
      for (const key of ['category', 'leadUnit', 'created', 'station'])
        await page.getByTestId(`column-choice-${key}`).click();
      await expect.poll(headers, WAIT).toBe(before - 4);
      await page.getByTestId('column-chooser').click();
      await page.reload();
      await page.locator('.ant-table-row').first().waitFor(WAIT);
      await expect.poll(headers, WAIT).toBe(before - 4);
      await shot(page, 'opinions-1366-large-chosen');

      // The station list's headers do not break a word either.
      await page.goto(`${s.server.baseUrl}/console/stations`);
      await page.locator('.ant-table-row').first().waitFor(WAIT);
      await settled(page);
      expect(await wrappedHeaders(page)).toEqual([]);
      await shot(page, 'stations-1366-large');
    },
    WALK,
  );
});
