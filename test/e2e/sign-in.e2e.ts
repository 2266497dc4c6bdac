import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

describe('sign-in', () => {
  it('a street officer signs in and lands on the home page, in Chinese', async () => {
    await signIn(s.page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await s.page.getByTestId('user-menu').waitFor();
    await expect.poll(() => s.page.getByTestId('user-menu').innerText()).toContain('李新碶');
    expect(await s.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(s.page.url()).toMatch(/\/console\/?$/);
  });

  it('a wrong password shows an error and stays on the sign-in page', async () => {
    await signIn(s.page, s.server.baseUrl, 'xinqi.head', 'Wrong#Password1');
    await expect.poll(() => s.page.getByRole('alert').first().innerText()).toContain('用户名或密码错误');
    expect(s.page.url()).toContain('/console/login');
    // Deputies sign in here too: the page says so.
    expect(await s.page.locator('body').innerText()).toContain('工作人员和代表登录');
  });

  it('a new account must change its password before anything else', async () => {
    const u = await createUser(s.server.platform, await rootOrg(), 'liaisonOfficer', { mustChangePassword: true });
    await signIn(s.page, s.server.baseUrl, u.username, PASSWORD);
    await s.page.locator('#pw_currentPassword').fill(PASSWORD);
    await s.page.locator('#pw_newPassword').fill('Brand#New2026');
    await s.page.locator('#pw_confirm').fill('Brand#New2026');
    await s.page.locator('button[type=submit]').click();
    await s.page.getByTestId('user-menu').waitFor();
  });

  // Last in this file: it also locks the browser's address (127.0.0.1) for the rest of the run.
  it('five wrong passwords lock the account; the right one is then refused', async () => {
    const u = await createUser(s.server.platform, await rootOrg(), 'liaisonOfficer');
    for (let i = 0; i < 5; i++) {
      await signIn(s.page, s.server.baseUrl, u.username, `Wrong#Password${i}`);
      await s.page.getByRole('alert').first().waitFor();
    }
    await signIn(s.page, s.server.baseUrl, u.username, PASSWORD);
    await expect.poll(() => s.page.getByRole('alert').first().innerText()).toContain('锁定');
    expect(s.page.url()).toContain('/console/login');
  });
});

async function rootOrg() {
  const r = await s.server.platform.db
    .selectFrom('organization')
    .select(['id', 'path', 'name'])
    .where('name', '=', '北仑区人大常委会')
    .executeTakeFirstOrThrow();
  return r;
}
