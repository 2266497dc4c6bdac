import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { inTransaction } from '../../src/server/db/database.js';
import { choose } from './pickers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const entries = ['nav-home', 'nav-users', 'nav-orgs', 'nav-audit', 'nav-account'] as const;

async function visibleEntries() {
  await s.page.getByTestId('nav-home').waitFor();
  const shown: string[] = [];
  for (const e of entries) if ((await s.page.getByTestId(e).count()) > 0) shown.push(e);
  return shown;
}

describe('navigation follows the roles', () => {
  it.each([
    ['auditor', ['nav-home', 'nav-users', 'nav-orgs', 'nav-audit', 'nav-account']],
    ['admin', ['nav-home', 'nav-users', 'nav-orgs', 'nav-account']],
    ['xinqi.officer', ['nav-home', 'nav-users', 'nav-orgs', 'nav-account']],
    ['deputy.wu', ['nav-home', 'nav-orgs', 'nav-account']],
  ])('%s sees %j', async (username, expected) => {
    await signIn(s.page, s.server.baseUrl, username, DEMO_PASSWORD);
    expect(await visibleEntries()).toEqual(expected);
  });

  it('a street officer sees only the users of the own street', async () => {
    await signIn(s.page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await s.page.getByTestId('nav-users').click();
    await s.page.getByText('孙联络').first().waitFor();
    expect(await s.page.getByText('赵大碶').count()).toBe(0);
  });

  it('the auditor searches the audit trail in words, reads a change as a diff, exports, and verifies the chain', async () => {
    // A station's change as the stations module records it: the fields before and after.
    const p = s.server.platform;
    const station = await p.db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', '新碶街道人大代表联络站')
      .executeTakeFirstOrThrow();
    await inTransaction(p.db, (trx) =>
      p.audit.record(
        trx,
        { actor: null, requestId: 'e2e-audit-diff', ip: null, userAgent: null },
        {
          action: 'station.update',
          subjectType: 'station',
          subjectId: station.id,
          summary: {
            before: { openingHours: '工作日 9:00–17:00', phone: '0574-1' },
            after: { openingHours: '周一至周六 9:00–17:00', phone: '0574-1' },
          },
        },
      ),
    );
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'auditor', DEMO_PASSWORD);
    await page.getByTestId('nav-audit').click();
    // Actions in words (登录), with the code beside them.
    await page.getByTestId('audit-action-words').filter({ hasText: '登录' }).first().waitFor();
    // The action filter is chosen from a list, found by its words.
    await choose(page, page.getByTestId('audit-action'), {
      typed: '修改联络站',
      match: /station\.update/,
      shown: /station\.update|修改联络站/,
    });
    await page
      .getByRole('button', { name: '查 询' })
      .or(page.getByRole('button', { name: '查询' }))
      .first()
      .click();
    await page.getByTestId('audit-subject').filter({ hasText: '联络站 新碶街道人大代表联络站' }).first().waitFor();
    expect(await page.getByTestId('audit-export').getAttribute('href')).toContain('action=station.update');
    await page.locator('.ant-table-row-expand-icon').first().click();
    const diff = page.getByTestId('audit-diff');
    await diff.getByText('周一至周六 9:00–17:00').waitFor();
    // The changed field comes first, and is marked.
    expect(await diff.locator('tbody tr').first().innerText()).toContain('openingHours');
    await shot(page, 'audit-words-diff');
    await page.getByRole('button', { name: /校验|验证/ }).click();
    await page
      .getByText(/完整|通过/)
      .first()
      .waitFor();
    // Only the rows written in the last day: asked of the server with the moment; with no witness
    // line that old in this young trail, the server walks it whole, and says so.
    await page.getByTestId('audit-verify-range').click();
    const lastDay = page.locator('.ant-select-item-option').filter({ hasText: '最近一天写入的记录' });
    await lastDay.click();
    await lastDay.waitFor({ state: 'hidden' });
    // The check runs in the background: the button starts it, the page follows it to its result.
    const asked = page.waitForResponse(
      (r) => r.url().endsWith('/api/audit/verify-runs') && r.request().method() === 'POST',
    );
    type Run = {
      id: number;
      status: string;
      since: string | null;
      result: { ok: boolean; rows: number; since?: unknown };
    };
    const ended = page.waitForResponse(async (r) => {
      if (!r.url().endsWith('/api/audit/verify-runs/latest')) return false;
      const { run } = (await r.json()) as { run: Run | null };
      return !!run?.since && run.status !== 'running';
    });
    ended.catch(() => undefined); // not waited for when the check was over before its answer
    await page.getByTestId('audit-verify').click();
    const started = (await (await asked).json()) as Run;
    expect((await asked).request().postDataJSON()).toHaveProperty('since');
    const run = started.status === 'running' ? ((await (await ended).json()) as { run: Run }).run : started;
    expect(run).toMatchObject({ id: started.id, status: 'done', result: { ok: true } });
    expect(run.result.since).toBeUndefined();
    await page
      .getByTestId('audit-verify-result')
      .getByText(`共校验 ${run.result.rows.toLocaleString('en-US')} 行`)
      .waitFor();
    await shot(page, 'audit-verify-range');
  });
});

describe('language and large text', () => {
  it('switches to English and back, and remembers it', async () => {
    await signIn(s.page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    await s.page.getByTestId('nav-users').waitFor();
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => s.page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => s.page.getByTestId('nav-users').innerText()).toMatch(/Users/);
    await s.page.reload();
    await expect.poll(() => s.page.getByTestId('nav-users').innerText()).toMatch(/Users/);
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => s.page.getByTestId('nav-users').innerText()).toMatch(/用户/);
  });

  it('large-text mode makes the text larger', async () => {
    await signIn(s.page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    const label = s.page.getByTestId('nav-users');
    await label.waitFor();
    const size = () => label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await s.page.getByTestId('large-text').click();
    await expect.poll(size).toBeGreaterThan(before);
  });
});

describe('session', () => {
  it('an expired session says so and leads back to sign-in', async () => {
    await signIn(s.page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    await s.page.getByTestId('nav-users').waitFor();
    await s.server.platform.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('revoked_at', 'is', null)
      .execute();
    // The next request finds the session over: the user's own click, or the bell's poll if that comes
    // first (its dialog then covers the menu, so the click is dispatched on the link itself).
    await s.page.getByTestId('nav-users').dispatchEvent('click');
    await s.page.getByText('登录已过期').first().waitFor();
  });

  it('signing out ends the session', async () => {
    await signIn(s.page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    await s.page.getByTestId('user-menu').click();
    await s.page.getByTestId('logout').click();
    await s.page.locator('#login_username').waitFor();
    await s.page.goto(`${s.server.baseUrl}/console/users`);
    await s.page.locator('#login_username').waitFor();
  });
});
