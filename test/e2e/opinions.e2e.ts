import fs from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { readTable } from '../../src/server/platform/files/table-file.js';
import { dialogOpened } from './dialogs.js';
import { pickOption } from './pickers.js';
import { settled, shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const CONTENT = '大港新村3号楼前的路灯坏了三个月，晚上出行不安全，希望尽快修好。';
const PHONE = '13812345678';
const UNIT = '新碶街道办事处';

/** Signs out (forgets the session cookie) and signs in as someone else. */
async function switchUser(page: Page, username: string) {
  await page.context().clearCookies();
  await signIn(page, s.server.baseUrl, username, DEMO_PASSWORD);
  await page.getByTestId('nav-home').waitFor();
}

/** Presses Tab and checks where the focus went (the registration form's order is part of its design). */
async function tabTo(page: Page, id: string) {
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
}

/** Picks the option named `text` in the antd Select whose input has `id`, by keyboard, and checks it took. */
async function pick(page: Page, id: string, text: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(text);
  await page.locator('.ant-select-item-option-active', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.ant-select', { has: input }).innerText()).toContain(text);
}

/** Opens an opinion's page from the list, by its receipt code. */
async function openFromList(page: Page, receiptCode: string) {
  await page.getByTestId('nav-opinions').click();
  await page.locator('.ant-table-row', { hasText: receiptCode }).first().click();
  await page.getByTestId('opinion-receipt').filter({ hasText: receiptCode }).waitFor();
}

/** Takes one step through its button and form; `fill` fills the form. */
async function step(page: Page, action: string, fill: () => Promise<void> = async () => {}) {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-submit').waitFor();
  // A click on the button while the dialog still zooms in can land where it no longer is.
  await dialogOpened(page);
  await fill();
  await page.getByTestId('action-submit').click();
  // Either the dialog closes, or the step was refused: then say why instead of timing out.
  const refused = page.getByTestId('action-error').or(page.locator('.ant-modal .ant-form-item-explain-error')).first();
  const outcome = await Promise.race([
    page
      .getByTestId('action-submit')
      .waitFor({ state: 'detached' })
      .then(() => ''),
    refused
      .waitFor()
      .then(() => refused.innerText())
      .catch(() => new Promise<string>(() => {})),
  ]);
  expect(outcome, `the step "${action}" was refused`).toBe('');
}

/** The state tag on the opinion's page. */
const stateOf = (page: Page) => page.locator('h1 .ant-tag').innerText();

/** The public API as the constituent's phone calls it: a CSRF cookie first, then the request. */
async function publicPost(path: string, body: unknown) {
  const base = s.server.baseUrl;
  const session = await fetch(`${base}/api/auth/session`);
  const cookies = session.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('liaison_csrf='))!.slice('liaison_csrf='.length);
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
}

// The two long flows sign in five or six times each; on shared cores they get two minutes.
describe('the closed loop in the console', () => {
  it('runs one opinion from the reception table to the ledger', async () => {
    const page = s.page;

    // 1. The liaison officer registers an opinion at a reception, keyboard only.
    await signIn(page, s.server.baseUrl, 'xinqi.liaison', DEMO_PASSWORD);
    await page.getByTestId('nav-opinions').click();
    await page.getByTestId('register-opinion').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('opinion_content');
    // The station defaults to the officer's own, the channel to a reception.
    await expect.poll(() => page.getByTestId('opinion_orgId').innerText()).toContain('新碶街道人大代表联络站');
    await expect.poll(() => page.getByTestId('opinion_channel').innerText()).toContain('接待活动');
    await page.keyboard.type(CONTENT);
    // While typing: a suggested category (Alt+1 takes it).
    await page.getByTestId('suggest-category-1').filter({ hasText: '路灯照明' }).waitFor();
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByTestId('opinion_categoryId').innerText()).toContain('路灯照明');
    await tabTo(page, 'opinion_categoryId');
    await tabTo(page, 'opinion_location');
    await page.keyboard.type('大港新村3号楼');
    await tabTo(page, 'opinion_anonymous');
    await tabTo(page, 'opinion_name');
    await page.keyboard.type('王秀英');
    await tabTo(page, 'opinion_phone');
    await page.keyboard.type(PHONE);
    await tabTo(page, 'opinion_address');
    await page.keyboard.type('大港新村3号楼2单元');
    await tabTo(page, 'opinion_deputyIds');
    // The pinyin initials the placeholder promises, typed key by key as a person does: no letter lost.
    const deputySearch = page.locator('#opinion_deputyIds');
    for (const key of 'wdb') {
      await page.keyboard.press(key);
      await page.locator('.ant-select-item-option', { hasText: '吴代表' }).first().waitFor();
    }
    expect(await deputySearch.inputValue()).toBe('wdb');
    await page.keyboard.press('Enter');
    await page.getByTestId('opinion_deputyIds').getByText('吴代表').waitFor();
    // The same initials again: the chosen deputy is not offered, so Enter cannot take them off.
    for (const key of 'wdb') await page.keyboard.press(key);
    await expect.poll(() => deputySearch.inputValue()).toBe('wdb');
    await page.locator('.ant-select-dropdown:visible').getByText('没有符合条件的代表').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('opinion_deputyIds').getByText('吴代表').waitFor();
    expect(await page.getByTestId('opinion_deputyIds').locator('.ant-tag').count()).toBe(1);
    await shot(page, 'opinion-register-filled');
    await page.keyboard.press('Control+Enter');
    const receipt = page.getByTestId('receipt-code');
    await receipt.waitFor();
    const receiptCode = (await receipt.innerText()).trim();
    expect(receiptCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    await settled(page);
    expect(await page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await shot(page, 'opinion-receipt');
    // "Next" (Enter: it has the focus) clears the form and puts the cursor back in the content.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('opinion_content');
    expect(await page.locator('#opinion_content').inputValue()).toBe('');
    expect(await page.locator('#opinion_name').inputValue()).toBe('');
    await page.getByTestId('opinion_deputyIds').getByText('吴代表').waitFor();
    expect(await page.getByTestId('category-suggestions').count()).toBe(0);
    // The next constituent raises the same lamp: the first opinion is offered as a likely duplicate.
    await page.keyboard.type('大港新村3号楼的路灯还是不亮');
    await page.getByTestId('duplicates').getByText(receiptCode).waitFor();
    await shot(page, 'opinion-register-duplicate');

    // 2. The street officer sorts it and assigns it to the street office with the head's sign-off.
    await switchUser(page, 'xinqi.officer');
    await page.getByTestId('todo-toSort').waitFor();
    await openFromList(page, receiptCode);
    expect(await stateOf(page)).toBe('已登记');
    await page.getByText('王**').first().waitFor();
    await shot(page, 'opinion-detail-registered');
    // Ctrl+Enter in the deputies picker registered; it did not also pick the highlighted deputy.
    await page.getByText('吴代表', { exact: true }).waitFor();
    expect(await page.getByText('陈晓梅').count()).toBe(0);
    await step(page, 'triage', async () => {
      // The category chosen at the table is already there; the tier defaults to the street.
      await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('路灯照明');
    });
    await expect.poll(() => stateOf(page)).toBe('已研判');
    await step(page, 'assign', async () => {
      await pick(page, 'action_leadUnitId', UNIT);
      await page.locator('#action_deadlineDays').fill('10');
      // Signed on paper: the head's name, and the scan of the signed form attached.
      await page.getByText('纸质签批（上传扫描件）').click();
      await page.locator('#action_signedBy').fill('李主任');
      const scan = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      await page
        .getByTestId('sign-off-scan-input')
        .setInputFiles({ name: '交办单.png', mimeType: 'image/png', buffer: scan });
      await page.getByTestId('sign-off-scan-done').waitFor();
      await settled(page);
      await shot(page, 'opinion-assign-form');
    });
    await expect.poll(() => stateOf(page)).toBe('已交办');
    const assignments = page.getByTestId('assignments');
    await assignments.getByText(UNIT).waitFor();
    await assignments.getByText(/李主任 签批于/).waitFor();
    await assignments.getByTestId('sign-off-kind').filter({ hasText: '纸质签批' }).waitFor();
    await assignments.getByText('签批扫描件').waitFor();
    await page
      .getByTestId('event-assign')
      .getByText(/主办 新碶街道办事处，期限 \d{4}-\d{2}-\d{2}，李主任 签批/)
      .waitFor();

    // 3. The street office finds it in its to-do, accepts and responds.
    await switchUser(page, 'xinqi.office');
    // The demo district has opinions of its own: at least this one waits.
    await expect
      .poll(async () => Number(/\d+/.exec(await page.getByTestId('todo-toAccept').innerText())?.[0]))
      .toBeGreaterThan(0);
    await shot(page, 'opinion-home-todo-unit');
    await page.getByTestId('todo-toAccept').click();
    await page.getByTestId('filter-todo').waitFor();
    await page.locator('.ant-table-row', { hasText: receiptCode }).first().click();
    await page.getByTestId('opinion-receipt').filter({ hasText: receiptCode }).waitFor();
    // The unit sees the contact masked and cannot reveal it.
    expect(await page.getByTestId('reveal-contact').count()).toBe(0);
    await step(page, 'accept');
    await expect.poll(() => stateOf(page)).toBe('办理中');
    await step(page, 'respond', async () => {
      await page.locator('.ant-modal').getByText('已解决', { exact: true }).click();
      await page.locator('#action_response').fill('已更换路灯灯头并检修线路，当晚恢复照明。');
      await shot(page, 'opinion-respond-form');
    });
    await expect.poll(() => stateOf(page)).toBe('已答复');

    // 4. The liaison officer tells the constituent (the unit's reply is offered as the text).
    await switchUser(page, 'xinqi.liaison');
    await page.getByTestId('todo-toFeedBack').click();
    await page.locator('.ant-table-row', { hasText: receiptCode }).first().click();
    await page.getByTestId('opinion-receipt').filter({ hasText: receiptCode }).waitFor();
    await page.getByTestId('reveal-contact').click();
    await page.getByTestId('revealed-contact').getByText(PHONE).waitFor();
    await step(page, 'feedback', async () => {
      expect(await page.locator('#action_content').inputValue()).toContain('已更换路灯灯头');
    });
    await expect.poll(() => stateOf(page)).toBe('已反馈');

    // 5. The constituent rates it with the receipt code and the phone's last four digits.
    const rated = await publicPost('/api/public/opinions/rate', {
      receiptCode,
      phoneLast4: PHONE.slice(-4),
      level: 'satisfied',
    });
    expect(rated.status).toBe(200);

    // 6. The liaison officer closes it.
    await page.reload();
    await expect.poll(() => stateOf(page)).toBe('已评价');
    await step(page, 'close');
    await expect.poll(() => stateOf(page)).toBe('已办结');
    const events = await page
      .getByTestId('timeline')
      .locator('[data-testid^="event-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(events).toEqual([
      'event-register',
      'event-triage',
      'event-assign',
      'event-accept',
      'event-respond',
      'event-feedback',
      'event-rate',
      'event-close',
    ]);
    await page.getByTestId('timeline').getByText('群众', { exact: true }).first().waitFor();
    await shot(page, 'opinion-detail-closed');

    // 7. The station's ledger for this month holds it.
    await page.getByTestId('nav-opinions').click();
    await page.locator('.ant-table-row', { hasText: receiptCode }).first().waitFor();
    await shot(page, 'opinion-list');
    await page.getByTestId('ledger-export').click();
    await page.getByTestId('ledger-download').waitFor();
    await settled(page);
    await shot(page, 'opinion-ledger-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-download').click()]);
    const table = await readTable(fs.readFileSync((await download.path())!));
    // A title row naming the station and the period, then the headers.
    expect(table[0]!.join('')).toMatch(/群众意见处理台账（\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）/);
    expect(table[1]).toContain('受理编号');
    const line = table.find((r) => r.includes(receiptCode));
    expect(line).toBeDefined();
    expect(line!.join('|')).toContain('李主任');
    expect(line!.join('|')).toContain('满意');
    expect(line!.join('|')).not.toContain(PHONE);

    // 8. The same page in English and in large text.
    await openFromList(page, receiptCode);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('large-text').click();
    await expect.poll(() => stateOf(page)).toBe('Closed');
    await page.getByTestId('timeline').getByText('Sort', { exact: true }).waitFor();
    await page.getByTestId('assignments').getByText('Lead', { exact: true }).waitFor();
    await shot(page, 'opinion-detail-en-large');
  }, 120_000);

  it('shows overdue, returned and extended opinions at a glance', async () => {
    const page = s.page;
    const db = s.server.platform.db;
    // Three opinions, moved along by the API as the officer and the unit would.
    await signIn(page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    const officer = await apiAs(page);
    const unitPage = await s.browser.newPage();
    await signIn(unitPage, s.server.baseUrl, 'xinqi.office', DEMO_PASSWORD);
    await unitPage.getByTestId('nav-home').waitFor();
    const unit = await apiAs(unitPage);
    const station = await db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', '新碶街道人大代表联络站')
      .executeTakeFirstOrThrow();
    const office = await db.selectFrom('organization').select('id').where('name', '=', UNIT).executeTakeFirstOrThrow();
    const category = await db
      .selectFrom('opinion_category')
      .select('id')
      .where('code', '=', 'urban.roads')
      .executeTakeFirstOrThrow();
    const register = async (content: string) =>
      (await officer('POST', '/api/opinions', {
        orgId: station.id,
        channel: 'phone',
        content,
        constituent: { anonymous: true },
      })) as { id: number; receiptCode: string };
    const assign = (id: number) =>
      officer('POST', `/api/opinions/${id}/actions`, { action: 'assign', leadUnitId: office.id, signedBy: '李主任' });

    const bounced = await register('人行道地砖破损多处，雨天积水，老人容易摔倒。');
    await officer('POST', `/api/opinions/${bounced.id}/actions`, {
      action: 'triage',
      categoryId: category.id,
      tier: 'street',
    });
    for (let i = 0; i < 2; i++) {
      await assign(bounced.id);
      await unit('POST', `/api/opinions/${bounced.id}/actions`, { action: 'return', reason: '不属于本单位职责' });
    }
    const extended = await register('桥梁栏杆松动，存在安全隐患。');
    await officer('POST', `/api/opinions/${extended.id}/actions`, {
      action: 'triage',
      categoryId: category.id,
      tier: 'street',
      urgency: 'urgent',
    });
    await assign(extended.id);
    await unit('POST', `/api/opinions/${extended.id}/actions`, { action: 'accept' });
    await unit('POST', `/api/opinions/${extended.id}/actions`, {
      action: 'requestExtension',
      days: 5,
      reason: '需协调供电部门',
    });
    await officer('POST', `/api/opinions/${extended.id}/actions`, { action: 'decideExtension', approve: true });
    const late = await register('路面坑洼半年未修，车辆经过颠簸。');
    await officer('POST', `/api/opinions/${late.id}/actions`, {
      action: 'triage',
      categoryId: category.id,
      tier: 'street',
    });
    await assign(late.id);
    await officer('POST', `/api/opinions/${late.id}/actions`, {
      action: 'supervise',
      level: 'supervision',
      note: '请加快办理',
    });
    // The deadline sweep would mark it; here the clock is moved instead.
    await db.updateTable('opinion').set({ overdue: true, deadline: '2026-01-20' }).where('id', '=', late.id).execute();
    await unitPage.close();

    await page.getByTestId('nav-opinions').click();
    const row = (code: string) => page.locator('.ant-table-row', { hasText: code }).first();
    await row(bounced.receiptCode).getByTestId('marker-returned').filter({ hasText: '退回 2 次' }).waitFor();
    await row(extended.receiptCode).getByTestId('marker-extended').filter({ hasText: '延期 1 次' }).waitFor();
    await row(late.receiptCode).getByTestId('marker-overdue').waitFor();
    await row(late.receiptCode).getByText('督办', { exact: true }).waitFor();
    await shot(page, 'opinion-list-markers');

    // The overdue filter keeps only the late one.
    await page.getByTestId('filter-overdue').click();
    await expect.poll(() => page.url()).toContain('overdue=true');
    await row(bounced.receiptCode).waitFor({ state: 'detached' });
    await row(late.receiptCode).waitFor();
    expect(await row(extended.receiptCode).count()).toBe(0);
  });

  it('takes the other steps through their forms', async () => {
    const page = s.page;
    const db = s.server.platform.db;
    const station = await db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', '新碶街道人大代表联络站')
      .executeTakeFirstOrThrow();
    const office = await db.selectFrom('organization').select('id').where('name', '=', UNIT).executeTakeFirstOrThrow();
    const category = await db
      .selectFrom('opinion_category')
      .select('id')
      .where('code', '=', 'environment.greening')
      .executeTakeFirstOrThrow();

    // The liaison officer merges a duplicate into the opinion it repeats.
    await signIn(page, s.server.baseUrl, 'xinqi.liaison', DEMO_PASSWORD);
    await page.getByTestId('nav-home').waitFor();
    const liaison = await apiAs(page);
    const register = async (content: string, constituent: object = { anonymous: true }) =>
      (await liaison('POST', '/api/opinions', { orgId: station.id, channel: 'visit', content, constituent })) as {
        id: number;
        receiptCode: string;
      };
    // An informant passed one on: the form asks which of the station's informants.
    await page.getByTestId('nav-opinions').click();
    await page.getByTestId('register-opinion').click();
    await pickOption(page, 'opinion_channel', '民情联络员');
    await pick(page, 'opinion_informantId', '马秀英');
    await page.locator('#opinion_content').fill('明州社区反映：小区门口的公交站没有遮雨棚，下雨天等车很不方便。');
    await page.getByTestId('opinion_anonymous').click();
    await page.getByTestId('register-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    await page.getByText('查看详情').click();
    await page.getByText('马秀英').first().waitFor();

    const first = await register('海景公园的树木很久没有修剪，枝条挡住了路灯和步道。', {
      name: '赵大爷',
      phone: '13900001111',
    });
    // A photo of the place, taken at the table.
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7d44' } })
      .jpeg()
      .toBuffer();
    await page.goto(`${s.server.baseUrl}/console/opinions/${first.id}`);
    await page.getByTestId('attach-file').waitFor();
    await page
      .getByTestId('attach-file-input')
      .setInputFiles({ name: 'park.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('opinion-files').locator('img').waitFor();
    const again = await register('海景公园树木修剪问题，枝条挡住步道。');
    await page.goto(`${s.server.baseUrl}/console/opinions/${again.id}`);
    await step(page, 'merge', async () => {
      // The similar open opinion of the street is offered before anything is typed.
      await page.locator('#action_targetId').click();
      await page.locator('.ant-select-item-option', { hasText: first.receiptCode }).first().waitFor();
      await page.keyboard.press('Enter');
      await settled(page);
      await shot(page, 'opinion-merge-form');
    });
    await expect.poll(() => stateOf(page)).toBe('已合并');
    await page.getByText('查看合并后的意见').click();
    await page.getByTestId('opinion-receipt').filter({ hasText: first.receiptCode }).waitFor();
    await page.getByText('合并了 1 件相同意见').waitFor();

    // The street officer rejects abuse, sorts and assigns the original, and later pushes the unit.
    await switchUser(page, 'xinqi.officer');
    const officer = await apiAs(page);
    const spam = await register('广告：高价回收旧手机，电话 139xxxx。');
    await page.goto(`${s.server.baseUrl}/console/opinions/${spam.id}`);
    await step(page, 'reject', async () => {
      await page.locator('#action_reason').fill('广告信息，与群众诉求无关');
    });
    await expect.poll(() => stateOf(page)).toBe('不予受理');
    await officer('POST', `/api/opinions/${first.id}/actions`, {
      action: 'triage',
      categoryId: category.id,
      tier: 'street',
    });
    await officer('POST', `/api/opinions/${first.id}/actions`, {
      action: 'assign',
      leadUnitId: office.id,
      signedBy: '李主任',
    });

    // The unit returns it once (wrong unit), is assigned again, accepts and asks for more time.
    await switchUser(page, 'xinqi.office');
    await page.goto(`${s.server.baseUrl}/console/opinions/${first.id}`);
    await step(page, 'return', async () => {
      await page.locator('#action_reason').fill('绿化养护属园林部门，请重新交办');
    });
    await expect.poll(() => stateOf(page)).toBe('已研判');
    await officer('POST', `/api/opinions/${first.id}/actions`, {
      action: 'assign',
      leadUnitId: office.id,
      signedBy: '李主任',
    });
    await page.reload();
    await step(page, 'accept');
    await step(page, 'requestExtension', async () => {
      await page.locator('#action_days').fill('5');
      await page.locator('#action_reason').fill('需等待园林部门派车');
    });
    await page
      .getByTestId('assignments')
      .getByText(/延期 5 个工作日（待审批）/)
      .waitFor();

    // The officer approves the extension and supervises.
    await switchUser(page, 'xinqi.officer');
    await page.getByTestId('todo-toDecide').click();
    await page.locator('.ant-table-row', { hasText: first.receiptCode }).first().click();
    await page.getByTestId('opinion-receipt').filter({ hasText: first.receiptCode }).waitFor();
    await step(page, 'decideExtension', async () => {
      await page.locator('.ant-modal').getByText('需等待园林部门派车').waitFor();
    });
    await page.getByTestId('marker-extended').waitFor();
    await page.getByTestId('marker-returned').waitFor();
    await step(page, 'supervise', async () => {
      await page.locator('#action_note').fill('请于本周内完成修剪');
    });
    await page.getByTestId('timeline').getByText('请于本周内完成修剪').waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('opinion-files')
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(64);
    await shot(page, 'opinion-detail-extended-supervised');

    // A deputy answers an opinion on the spot.
    const asked = await register('想了解居家养老助餐服务怎么申请？');
    await switchUser(page, 'deputy.wu');
    await page.goto(`${s.server.baseUrl}/console/opinions/${asked.id}`);
    expect(await page.getByTestId('action-assign').count()).toBe(0);
    await step(page, 'answer', async () => {
      await page.locator('#action_answer').fill('可到社区服务中心填写申请表，符合条件的老人每餐补贴 5 元。');
    });
    await expect.poll(() => stateOf(page)).toBe('已当场答复');
  }, 120_000);

  it('lets an administrator keep the category tree', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.getByTestId('nav-opinionCategories').click();
    await page.getByText('路灯照明').first().waitFor();
    await page.getByTestId('edit-category-urban.lighting').click();
    await page.locator('#category_defaultDeadlineDays').fill('7');
    await pick(page, 'category_defaultUnitId', UNIT);
    await shot(page, 'opinion-category-edit');
    await page.getByTestId('category-submit').click();
    await page.getByTestId('category-submit').waitFor({ state: 'detached' });
    const row = page.locator('.ant-table-row', { hasText: '路灯照明' }).first();
    await row.getByText('7 个工作日').waitFor();
    await row.getByText(UNIT).waitFor();
    await shot(page, 'opinion-categories');
    // The top of the long tree as a reader first sees it.
    await page.screenshot({ path: 'test-results/e2e/opinion-categories-top.png' });
  });
});

/**
 * Calls the API with the session of a signed-in page (its cookies and CSRF token), as the console
 * would; fails the test on any error answer.
 */
async function apiAs(page: Page) {
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = cookies.find((c) => c.name === 'liaison_csrf')?.value ?? '';
  return async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${s.server.baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
}
