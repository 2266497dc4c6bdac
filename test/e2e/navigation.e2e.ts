import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { launchBrowser, shot, signIn, startServer } from './support.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page = await context.newPage();
});
afterEach(async (ctx) => {
  await shot(page, ctx.task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '_'));
  await context.close();
});

const entries = ['nav-home', 'nav-users', 'nav-orgs', 'nav-audit', 'nav-account'] as const;

async function visibleEntries() {
  await page.getByTestId('nav-home').waitFor();
  const shown: string[] = [];
  for (const e of entries) if ((await page.getByTestId(e).count()) > 0) shown.push(e);
  return shown;
}

describe('navigation follows the roles', () => {
  it.each([
    ['auditor', ['nav-home', 'nav-users', 'nav-orgs', 'nav-audit', 'nav-account']],
    ['admin', ['nav-home', 'nav-users', 'nav-orgs', 'nav-account']],
    ['xinqi.officer', ['nav-home', 'nav-users', 'nav-orgs', 'nav-account']],
    ['deputy.wu', ['nav-home', 'nav-orgs', 'nav-account']],
  ])('%s sees %j', async (username, expected) => {
    await signIn(page, server.baseUrl, username, DEMO_PASSWORD);
    expect(await visibleEntries()).toEqual(expected);
  });

  it('a street officer sees only the users of the own street', async () => {
    await signIn(page, server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('nav-users').click();
    await page.getByText('孙联络').first().waitFor();
    expect(await page.getByText('赵大碶').count()).toBe(0);
  });

  it('the auditor searches the audit trail and verifies the chain', async () => {
    await signIn(page, server.baseUrl, 'auditor', DEMO_PASSWORD);
    await page.getByTestId('nav-audit').click();
    await page.getByText('auth.login').first().waitFor();
    await page.getByRole('button', { name: /校验|验证/ }).click();
    await page.getByText(/完整|通过/).first().waitFor();
  });
});

describe('language and large text', () => {
  it('switches to English and back, and remembers it', async () => {
    await signIn(page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.getByTestId('nav-users').waitFor();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('nav-users').innerText()).toMatch(/Users/);
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-users').innerText()).toMatch(/Users/);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-users').innerText()).toMatch(/用户/);
  });

  it('large-text mode makes the text larger', async () => {
    await signIn(page, server.baseUrl, 'admin', DEMO_PASSWORD);
    const label = page.getByTestId('nav-users');
    await label.waitFor();
    const size = () => label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.getByTestId('large-text').click();
    await expect.poll(size).toBeGreaterThan(before);
  });
});

describe('session', () => {
  it('an expired session says so and leads back to sign-in', async () => {
    await signIn(page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.getByTestId('nav-users').waitFor();
    await server.platform.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('revoked_at', 'is', null)
      .execute();
    await page.getByTestId('nav-users').click();
    await page.getByText('登录已过期').first().waitFor();
  });

  it('signing out ends the session', async () => {
    await signIn(page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.locator('#login_username').waitFor();
    await page.goto(`${server.baseUrl}/console/users`);
    await page.locator('#login_username').waitFor();
  });
});
