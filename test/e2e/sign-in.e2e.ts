import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createUser, PASSWORD } from '../support/factories.js';
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

describe('sign-in', () => {
  it('a street officer signs in and lands on the home page, in Chinese', async () => {
    await signIn(page, server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
    await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain('李新碶');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(page.url()).toMatch(/\/console\/?$/);
  });

  it('a wrong password shows an error and stays on the sign-in page', async () => {
    await signIn(page, server.baseUrl, 'xinqi.head', 'Wrong#Password1');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('用户名或密码错误');
    expect(page.url()).toContain('/console/login');
  });

  it('five wrong passwords lock the account; the right one is then refused', async () => {
    const u = await createUser(server.platform, await rootOrg(), 'liaisonOfficer');
    for (let i = 0; i < 5; i++) {
      await signIn(page, server.baseUrl, u.username, `Wrong#Password${i}`);
      await page.getByRole('alert').first().waitFor();
    }
    await signIn(page, server.baseUrl, u.username, PASSWORD);
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('锁定');
    expect(page.url()).toContain('/console/login');
  });

  it('a new account must change its password before anything else', async () => {
    const u = await createUser(server.platform, await rootOrg(), 'liaisonOfficer', { mustChangePassword: true });
    await signIn(page, server.baseUrl, u.username, PASSWORD);
    await page.locator('#pw_currentPassword').fill(PASSWORD);
    await page.locator('#pw_newPassword').fill('Brand#New2026');
    await page.locator('#pw_confirm').fill('Brand#New2026');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('user-menu').waitFor();
  });
});

async function rootOrg() {
  const r = await server.platform.db
    .selectFrom('organization')
    .select(['id', 'path', 'name'])
    .where('name', '=', '北仑区人大常委会')
    .executeTakeFirstOrThrow();
  return r;
}
