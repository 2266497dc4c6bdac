import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, chinaToday } from '../../src/server/platform/calendar/dates.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createReception } from '../support/factories.js';
import { newContext, shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const WAIT = { timeout: 30_000 };
/** Every page of a role and its home at two widths: generous on a busy machine. */
const WALK = 400_000;

/** What each demo account's home must show: its role's line and its live lists. */
const homes: { username: string; role: string; shows: string[]; items?: string }[] = [
  { username: 'admin', role: 'admin', shows: [] },
  { username: 'security', role: 'securityAdmin', shows: [] },
  { username: 'auditor', role: 'auditor', shows: [] },
  { username: 'district', role: 'districtOfficer', shows: ['home-work', 'home-stats'], items: 'home-work' },
  { username: 'xinqi.officer', role: 'streetOfficer', shows: ['home-work'], items: 'home-work' },
  { username: 'xinqi.director', role: 'streetHead', shows: ['home-sign-offs', 'home-work'], items: 'home-sign-offs' },
  { username: 'xinqi.head', role: 'stationHead', shows: ['home-work'], items: 'home-work' },
  { username: 'xinqi.liaison', role: 'liaisonOfficer', shows: ['home-work', 'home-register'], items: 'home-work' },
  {
    username: 'deputy.wu',
    role: 'deputy',
    shows: ['home-my-duty', 'home-duty-year', 'home-events', 'home-digest', 'home-papers', 'home-desk'],
    items: 'home-suggestions',
  },
  { username: 'xinqi.office', role: 'handlingUnitStaff', shows: ['home-work'], items: 'home-work' },
  { username: 'housing.staff', role: 'handlingUnitStaff', shows: ['home-work'] },
  { username: 'xinqi.consultant', role: 'consultant', shows: ['home-register'] },
];

/** A fresh context at this width (a phone is touch), signed in as `username`, on the home page. */
async function homeAs(username: string, viewport: typeof PHONE): Promise<Page> {
  await s.context.close();
  const phone = viewport.width < 768;
  s.context = await newContext(s.browser, { viewport, isMobile: phone, hasTouch: phone, locale: 'zh-CN' });
  s.page = await s.context.newPage();
  await signIn(s.page, s.server.baseUrl, username, DEMO_PASSWORD);
  await s.page.getByTestId('home-intro').waitFor(WAIT);
  return s.page;
}

/** The page has drawn: a heading, nothing in the content still loading. */
async function settled(page: Page) {
  await page.locator('main h1').first().waitFor(WAIT);
  await expect.poll(() => page.locator('main .ant-spin-spinning, main .ant-skeleton-active').count(), WAIT).toBe(0);
}

/** The navigation's entries (key and address) as this account sees them; on a phone through its button. */
async function entries(page: Page): Promise<{ key: string; href: string }[]> {
  const phone = (await page.getByTestId('nav-toggle').count()) > 0;
  if (phone) await page.getByTestId('nav-toggle').click();
  const links = page.locator('aside nav [data-testid^="nav-"]');
  await links.first().waitFor({ state: 'visible', ...WAIT });
  const found = await links.evaluateAll((ls) =>
    ls.map((l) => ({ key: l.getAttribute('data-testid')!.slice('nav-'.length), href: l.getAttribute('href')! })),
  );
  if (phone) {
    await page.getByTestId('nav-close').click();
    await expect.poll(() => page.getByTestId('nav-toggle').getAttribute('aria-expanded'), WAIT).toBe('false');
  }
  return found;
}

/**
 * Opens every entry of the navigation from the menu, as a user does (the console stays loaded; a
 * reload per page would cost seconds each), and checks none answers with an error (on screen or
 * from the API).
 */
async function walkNavigation(page: Page, who: string) {
  const failed: string[] = [];
  const listen = (r: Response) => {
    if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  };
  page.on('response', listen);
  for (const e of await entries(page)) {
    failed.length = 0;
    await page.getByTestId(`nav-${e.key}`).click();
    await page.waitForURL((url) => url.pathname === e.href, WAIT);
    await settled(page);
    const errors = await page
      .locator('main .ant-alert-error, main .ant-result-403, main .ant-result-404, main .ant-result-error')
      .allInnerTexts();
    expect([...failed, ...errors], `${who}: ${e.key} (${e.href})`).toEqual([]);
  }
  page.off('response', listen);
}

async function checkHome(page: Page, home: (typeof homes)[number], width: string) {
  await page.getByTestId(`home-role-${home.role}`).waitFor(WAIT);
  for (const id of home.shows) await page.getByTestId(id).waitFor(WAIT);
  if (home.items)
    await expect.poll(() => page.getByTestId(home.items!).locator('.ant-list-item').count(), WAIT).toBeGreaterThan(0);
  // A unit answers what it is handed; it registers nothing.
  if (home.role === 'handlingUnitStaff') expect(await page.getByTestId('home-register').count()).toBe(0);
  // Front-line homes carry no operator message (the holiday-data warning is the administrator's).
  if (home.role !== 'admin') expect(await page.getByTestId('calendar-banner').count()).toBe(0);
  await settled(page);
  // A rate on the home shows its base; on too small a base ("1/1") the rate itself is "—", never "100.0%".
  if (home.shows.includes('home-stats')) {
    const base = await page.getByTestId('home-stats-base-onTimeRate').innerText();
    const [, , den] = /(\d+)\/(\d+) 件/.exec(base)!;
    if (Number(den) < 5) {
      expect(await page.getByTestId('home-stats-onTimeRate').innerText()).toContain('—');
      expect(base).toContain('样本不足');
    }
  }
  if (width === 'phone') {
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, `${home.username}: the home scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  }
  await shot(page, `homes-${home.username}-${width}`);
}

describe('a home per role', () => {
  for (const home of homes)
    it(
      `${home.username} (${home.role}): the home says what the role does, with its lists, at the desk and on a phone; every entry opens`,
      async () => {
        const page = await homeAs(home.username, DESKTOP);
        await checkHome(page, home, 'desktop');
        await walkNavigation(page, home.username);
        // The same account on a phone's width: the layout follows the width (the navigation folds
        // behind its button). phone.e2e.ts opens the pages of the roles that work on a phone.
        await page.setViewportSize(PHONE);
        await page.goto(`${s.server.baseUrl}/console/`);
        await page.getByTestId('nav-toggle').waitFor(WAIT);
        await checkHome(page, home, 'phone');
      },
      WALK,
    );
});

describe('to-do, groups, a deputy’s year, a reception that has happened', () => {
  it('the to-do page lists the opinions under each queue; a tile opens the list behind it', async () => {
    const page = await homeAs('xinqi.officer', DESKTOP);
    await page.goto(`${s.server.baseUrl}/console/opinions/todo`);
    const list = page.getByTestId('work-list-toSort');
    await list.locator('.ant-list-item').first().waitFor(WAIT);
    await shot(page, 'homes-todo-page');
    await page.getByTestId('todo-toSort').click();
    await page.waitForURL((url) => url.pathname.endsWith('/opinions') && url.search.includes('todo=toSort'), WAIT);
  });

  it('on a phone, the unit sees its opinions to accept with their deadlines', async () => {
    const page = await homeAs('xinqi.office', PHONE);
    const work = page.getByTestId('home-work');
    await work.getByTestId('work-tab-toAccept').waitFor(WAIT);
    await work.getByTestId('work-tab-toRespond').click();
    // The open tab's opinion, with its deadline in words.
    const shown = work.locator('[data-testid^="work-item-"]').filter({ visible: true });
    await expect.poll(() => shown.count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => shown.first().innerText(), WAIT).toMatch(/期限 \d{4}-\d{2}-\d{2}/);
    await shot(page, 'homes-unit-respond-390');
  });

  it('a deputy’s home names their committee and station alike, and calls them to rate an answer', async () => {
    const page = await homeAs('deputy.wu', PHONE);
    // The organisation the duty record names (人大工委) and the station with the role, each labelled.
    const places = page.getByTestId('my-duty-places');
    await places.waitFor(WAIT);
    const { committee } = await s.server.platform.db
      .selectFrom('deputy as d')
      .innerJoin('organization as o', 'o.id', 'd.org_id')
      .select('o.name as committee')
      .where('d.name', '=', '吴代表')
      .executeTakeFirstOrThrow();
    expect(await places.innerText()).toContain(committee);
    expect(await places.innerText()).toContain('新碶街道人大代表联络站 · 站长');
    // The answer waiting for the deputy's rating, said at the top with the way there.
    const toRate = page.getByTestId('home-to-rate');
    await expect.poll(() => toRate.innerText(), WAIT).toMatch(/您有 \d+ 件建议的答复待评价/);
    await shot(page, 'homes-deputy-to-rate-390');
    await page.getByTestId('home-to-rate-go').click();
    await page.waitForURL(
      (url) => url.pathname.endsWith('/suggestions/desk') && url.search.includes('tab=toRate'),
      WAIT,
    );
    // Holidays and working days are not a deputy's work: not in their menu.
    expect((await entries(page)).map((e) => e.key)).not.toContain('calendar');
  });

  it('a deputy’s group page shows the groups they belong to; their receptions open on their own year', async () => {
    const page = await homeAs('deputy.wu', PHONE);
    await page.goto(`${s.server.baseUrl}/console/groups`);
    await page.getByTestId('my-groups').getByText('新碶街道第一代表小组').waitFor(WAIT);
    await page.getByTestId('my-groups').getByText('我是组长').waitFor(WAIT);
    await shot(page, 'homes-deputy-groups-390');
    await page.goto(`${s.server.baseUrl}/console/receptions`);
    await page.getByTestId('deputy-year-pick').getByText('吴代表').waitFor(WAIT);
    // The staff's tabs (compliance, overview, home visits) are not a deputy's, nor is the staff's introduction.
    expect(await page.getByTestId('tab-compliance').count()).toBe(0);
    expect(await page.getByTestId('receptions-intro').innerText()).toContain('您的值班日期');
    await shot(page, 'homes-deputy-receptions-390');
  });

  it('a reception that has happened offers no announcement, and says why', async () => {
    const station = await s.server.platform.db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', '新碶街道人大代表联络站')
      .executeTakeFirstOrThrow();
    const past = await createReception(s.server.platform, station, 'planned', { day: addDays(chinaToday(), -2) });
    const coming = await createReception(s.server.platform, station, 'planned', { day: addDays(chinaToday(), 9) });
    const page = await homeAs('xinqi.liaison', DESKTOP);
    await page.goto(`${s.server.baseUrl}/console/receptions/${coming.id}`);
    await page.getByTestId('publish-reception').waitFor(WAIT);
    await page.goto(`${s.server.baseUrl}/console/receptions/${past.id}`);
    await page.getByTestId('reception-past').waitFor(WAIT);
    expect(await page.getByTestId('publish-reception').count()).toBe(0);
    await shot(page, 'homes-reception-past');
  });
});
