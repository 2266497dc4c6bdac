import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened } from './dialogs.js';
import { choose } from './pickers.js';
import { expectNoSideways, phone, settled } from './duty-helpers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const DOC = '明州路口行人过街信号灯改造情况通报';

describe("a deputy's digest of documents × open suggestions; 建议办理先进单位", () => {
  it('吴代表 on a phone sees the document on his open suggestion and opens it; the committee decides the unit award', async () => {
    const app = await createApp(s.server.platform);
    let docId = 0;
    try {
      const district = new TestClient(app);
      expect((await district.login('district', DEMO_PASSWORD)).status).toBe(200);
      const r = await district.post<{ id: number }>('/api/duty/bulletins', {
        issuer: 'government',
        title: DOC,
        body: '区交警大队将于下月在明州路与新大路交叉口增设行人过街信号灯和安全岛。',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      docId = r.body.id;
    } finally {
      await app.close();
    }

    // The deputy's home on a 390 px phone: the digest card names the suggestion and why.
    const page = await phone(s.browser);
    await signIn(page, s.server.baseUrl, 'deputy.wu', DEMO_PASSWORD);
    const card = page.getByTestId('home-digest').getByTestId(`digest-${docId}`);
    await card.waitFor({ timeout: 30_000 });
    await expect.poll(() => card.innerText()).toContain('关于在明州路口增设行人过街信号灯的建议');
    await expect.poll(() => card.getByTestId('digest-why').innerText()).toContain('信号灯');
    await settled(page);
    await expectNoSideways(page, 'the deputy home with the digest');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'duty-digest-home-390');
    await card.getByText(DOC).click();
    await dialogOpened(page);
    await page.getByTestId('bulletin-body').filter({ hasText: '安全岛' }).waitFor();
    await settled(page);
    await shot(page, 'duty-digest-open-390');
    await page.keyboard.press('Escape');
    // The opening was the read receipt.
    await card.getByTestId('digest-read-state').filter({ hasText: '已读' }).waitFor();
    const receipt = await s.server.platform.db
      .selectFrom('duty_bulletin_recipient as r')
      .innerJoin('deputy as d', 'd.id', 'r.deputy_id')
      .select('r.read_at')
      .where('r.bulletin_id', '=', docId)
      .where('d.name', '=', '吴代表')
      .executeTakeFirstOrThrow();
    expect(receipt.read_at).not.toBeNull();
    await page.goto(`${s.server.baseUrl}/console/duty/digest`);
    await page.getByTestId(`digest-${docId}`).waitFor();
    await settled(page);
    await expectNoSideways(page, 'the digest page');
    await shot(page, 'duty-digest-page-390');
    await page.context().close();

    // The committee on a desktop: the units ranked from the handling record, with how; it decides one.
    const desk = s.page;
    await signIn(desk, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await desk.getByTestId('nav-home').waitFor();
    await desk.goto(`${s.server.baseUrl}/console/duty?tab=awards`);
    await choose(desk, desk.getByTestId('award-category'), { match: /^建议办理先进单位$/, shown: '建议办理先进单位' });
    await desk.getByTestId('award-unit-how').waitFor();
    const nominee = desk.locator('[data-testid^="nominee-"]', { hasText: '新碶街道办事处' });
    await expect.poll(() => nominee.innerText()).toMatch(/^1\s/);
    await nominee.getByTestId('award').click();
    await dialogOpened(desk);
    await desk.locator('#duty_award_note').fill('办理及时、答复质量高，经主任会议研究，评为建议办理先进单位');
    await desk.getByTestId('award-submit').click();
    await nominee.getByTestId('awarded').waitFor();
    await settled(desk);
    await shot(desk, 'duty-digest-unit-award-desktop');
    const award = await s.server.platform.db
      .selectFrom('duty_award')
      .select(['subject_name', 'rank'])
      .where('category', '=', 'advancedUnit')
      .executeTakeFirstOrThrow();
    expect(award).toEqual({ subject_name: '新碶街道办事处', rank: 1 });
  });
});
