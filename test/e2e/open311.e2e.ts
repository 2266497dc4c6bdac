import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { dialogOpened, popupOpened } from './dialogs.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

describe('Open311 keys', () => {
  it('an administrator issues a key, which a GeoReport client then uses, and revokes it', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.getByTestId('nav-open311').click();
    await page.getByTestId('open311-issue').click();
    await dialogOpened(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('对接系统名称').fill('城市大脑');
    await dialog.getByLabel('归属机构（诉求分到其下最近的联络站）').click();
    await page.keyboard.type('北仑区人大常委会');
    await page.keyboard.press('Enter');
    await page.getByTestId('open311-issue-submit').click();
    const key = (await page.getByTestId('open311-key').innerText()).trim();
    expect(key).toMatch(/^o311_/);
    await shot(page, 'open311-issued');

    const res = await fetch(`${s.server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: key,
        service_code: 'urban.roads',
        address_string: '新碶街道明州路',
        description: '人行道地砖松动',
      }).toString(),
    });
    expect(res.status).toBe(201);

    await page.keyboard.press('Escape');
    const row = page.getByRole('row', { name: /城市大脑/ });
    await row
      .getByRole('button', { name: '吊 销' })
      .or(row.getByRole('button', { name: '吊销' }))
      .click();
    await popupOpened(page);
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.innerText()).toContain('已吊销');
    await shot(page, 'open311-keys');
  });
});
