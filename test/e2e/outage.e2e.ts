import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { superQuery } from '../support/db.js';
import { phonePage, shot, signIn, useBrowserSuite } from './support.js';

// The database goes away under a running server while someone is filling a form: the console and
// the portal say "暂时无法连接，请稍后重试", keep what was typed, and the same form goes through
// once the database is back — with no restart and no reload.
const UNAVAILABLE = '暂时无法连接，请稍后重试';

describe('a database outage seen from the browser', () => {
  const s = useBrowserSuite();
  let stationId = 0;

  beforeAll(async () => {
    stationId = (
      await s.server.platform.db
        .selectFrom('organization')
        .select('id')
        .where('code', '=', 'BL-XINQI')
        .executeTakeFirstOrThrow()
    ).id;
  });

  /** The test database refuses the server's connections and the open ones are cut (as when it stops). */
  async function withDatabaseDown(during: () => Promise<void>) {
    const { name, ownerUrl } = s.server.database;
    const admin = ownerUrl.replace(`/${name}`, '/postgres');
    await superQuery(admin, `ALTER DATABASE ${name} CONNECTION LIMIT 0`);
    try {
      await superQuery(
        admin,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await during();
    } finally {
      await superQuery(admin, `ALTER DATABASE ${name} CONNECTION LIMIT -1`);
    }
  }

  const stored = async (content: string) =>
    (
      await s.server.platform.db
        .selectFrom('opinion')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('content', '=', content)
        .executeTakeFirstOrThrow()
    ).n;

  it('the console keeps the registration form filled, says so, and registers once the database is back', async () => {
    const page = s.page;
    const content = '停电演练：小区东门的路灯一直不亮，晚上出行不便。';
    await signIn(page, s.server.baseUrl, 'xinqi.liaison', DEMO_PASSWORD);
    await page.getByTestId('nav-opinions').click();
    await page.getByTestId('register-opinion').click();
    await expect
      .poll(() => page.getByTestId('opinion_orgId').innerText(), { timeout: 30_000 })
      .toContain('新碶街道人大代表联络站');
    await page.locator('#opinion_content').fill(content);
    await page.locator('#opinion_location').fill('大港新村东门');
    await page.getByTestId('opinion_anonymous').click();

    await withDatabaseDown(async () => {
      await page.getByTestId('register-submit').click();
      await page.getByTestId('connection-lost').filter({ hasText: UNAVAILABLE }).waitFor({ timeout: 30_000 });
      // The form says it too, and nothing typed is lost.
      await expect.poll(() => page.getByText(UNAVAILABLE).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#opinion_content').inputValue()).toBe(content);
      expect(await page.locator('#opinion_location').inputValue()).toBe('大港新村东门');
      await shot(page, 'outage-console-down');
    });

    // Back: the banner goes by itself, and the same form, sent again, registers one opinion.
    await page.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('register-submit').click();
    await page.getByTestId('receipt-code').waitFor({ timeout: 30_000 });
    await shot(page, 'outage-console-back');
    expect(await stored(content)).toBe(1);
  });

  it('the portal on a phone keeps the opinion typed, says so, and sends it once the database is back', async () => {
    const page = await phonePage(s);
    const content = '停电演练：公园里的健身器材坏了两个，希望修一修。';
    // The proof of work is fetched while the constituent writes.
    const puzzle = page.waitForResponse((r) => r.url().includes('/api/public/altcha') && r.ok(), { timeout: 30_000 });
    await page.goto(`${s.server.baseUrl}/new?station=${stationId}`);
    await puzzle;
    await page.locator('textarea[name=content]').fill(content);
    await page.locator('input[type=checkbox]').first().check(); // anonymous
    await page.locator('input[name=consent]').check();

    await withDatabaseDown(async () => {
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.getByTestId('form-error').textContent(), { timeout: 30_000 }).toBe(UNAVAILABLE);
      await page.getByTestId('connection-lost').filter({ hasText: UNAVAILABLE }).waitFor({ timeout: 30_000 });
      expect(await page.locator('textarea[name=content]').inputValue()).toBe(content);
      expect(await page.locator('input[name=consent]').isChecked()).toBe(true);
      await shot(page, 'outage-portal-down-390');
    });

    await page.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: 60_000 });
    // The first press after the outage goes through (the spent puzzle is fetched anew).
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('receipt-code').waitFor({ timeout: 30_000 });
    await shot(page, 'outage-portal-back-390');
    expect(await stored(content)).toBe(1);
  });
});
