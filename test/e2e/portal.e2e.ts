import { AxeBuilder } from '@axe-core/playwright';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseReceiptCode } from '../../src/server/modules/opinions/receipt.js';
import { feedBackAsStaff, lastOtpCode } from './portal-support.js';
import { newContext, shot, useBrowserSuite } from './support.js';

const PASSWORD = 'Liaison@2026';

describe('the public portal on a phone', () => {
  const s = useBrowserSuite();
  let stationId = 0;
  let deputyId = 0;
  let jpeg: Buffer;

  beforeAll(async () => {
    const db = s.server.platform.db;
    stationId = (
      await db.selectFrom('organization').select('id').where('code', '=', 'BL-XINQI').executeTakeFirstOrThrow()
    ).id;
    deputyId = (
      await db
        .selectFrom('station_member')
        .select('deputy_id')
        .where('station_id', '=', stationId)
        .orderBy('is_head', 'desc')
        .executeTakeFirstOrThrow()
    ).deputy_id;
    jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .jpeg({ quality: 80 })
      .withExif({ IFD0: { Make: 'TestCam' } })
      .toBuffer();
  });

  /** A phone-sized, touch context (the one the suite opened is desktop-sized). */
  async function phone(opts: { large?: boolean } = {}): Promise<Page> {
    await s.context.close();
    s.context = await newContext(s.browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    s.page = await s.context.newPage();
    // No script in anyone's text may ever run.
    s.page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    if (opts.large) await s.context.addInitScript(() => localStorage.setItem('liaison.portal.prefs', '{"large":true}'));
    return s.page;
  }

  const opinionCount = async () =>
    (
      await s.server.platform.db
        .selectFrom('opinion')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  async function expectNoSeriousA11yIssues(page: Page, label: string) {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  }

  /** Staff take the opinion to "fed back" through the staff API, as they would in the console. */
  const feedBack = (receiptCode: string) =>
    feedBackAsStaff(s.server, receiptCode, {
      response: '已更换路灯灯头并检修线路。',
      feedback: '路灯已修好，感谢您的反映。',
    });

  it('scan → raise with a photo → receipt → follow → (fed back) → rate', async () => {
    const page = await phone();
    const base = s.server.baseUrl;
    await page.goto(`${base}/s/${stationId}`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('新碶');
    await page.getByRole('heading', { name: '进站代表' }).waitFor();
    await shot(page, 'portal-1-station');

    await page.getByTestId('raise').click();
    await page.locator('textarea[name=content]').waitFor();
    const content = '<script>alert(1)</script> 大港新村3号楼前的路灯坏了，晚上老人出行不安全。';
    await page.locator('textarea[name=content]').fill(content);
    await page.locator('input[name=location]').fill('大港新村3号楼');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('.photo img').waitFor();
    await page.locator('input[name=name]').fill('王阿姨');
    await page.locator('input[name=consent]').check();
    await shot(page, 'portal-2-form');
    const before = await opinionCount();
    await page.getByRole('button', { name: '提交' }).click();
    const receipt = (await page.getByTestId('receipt-code').textContent({ timeout: 30_000 }))!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await opinionCount()).toBe(before + 1);
    await expect.poll(() => page.locator('section').textContent()).toContain('已上传 1 张照片');
    await shot(page, 'portal-3-receipt');
    const stored = await s.server.platform.db
      .selectFrom('opinion as o')
      .innerJoin('opinion_file as f', 'f.opinion_id', 'o.id')
      .select(['o.channel', 'o.content'])
      .where('o.receipt_code', '=', normaliseReceiptCode(receipt)!)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.content).toBe(content);

    await page.getByRole('link', { name: '查询办理进度' }).click();
    await expect.poll(() => page.locator('input[name=receiptCode]').inputValue()).toBe(receipt);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已登记');
    // The script tag is shown as the words it is, never run.
    expect(await page.getByTestId('content').textContent()).toBe(content);
    await shot(page, 'portal-4-follow');

    await feedBack(receipt);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已反馈，待评价');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('路灯已修好');
    const timeline = (await page.locator('.timeline').textContent())!;
    // Units are named, staff are not.
    expect(timeline).not.toContain('郑承办');
    await page.getByLabel('不满意', { exact: true }).check();
    await page.locator('textarea[name=comment]').fill('灯修好了两天又坏了');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByTestId('rated').textContent()).toContain('联络站将重新研判');
    await shot(page, 'portal-5-rated');

    // The console shows the same words as text too.
    const staff = await s.browser.newPage({ viewport: { width: 1280, height: 800 } });
    staff.on('dialog', (d) => {
      throw new Error(`unexpected dialog in the console: ${d.message()}`);
    });
    const { id } = await s.server.platform.db
      .selectFrom('opinion')
      .select('id')
      .where('receipt_code', '=', normaliseReceiptCode(receipt)!)
      .executeTakeFirstOrThrow();
    await staff.goto(`${base}/console/login`);
    await staff.locator('#login_username').fill('xinqi.liaison');
    await staff.locator('#login_password').fill(PASSWORD);
    await staff.locator('button[type=submit]').click();
    await staff.waitForURL((u) => !u.pathname.endsWith('/login'));
    await staff.goto(`${base}/console/opinions/${id}`);
    await staff.getByText('<script>alert(1)</script>', { exact: false }).first().waitFor();
    await shot(staff, 'portal-6-console-shows-text');
    await staff.close();
  });

  it('in large-text mode: phone verified by SMS code, submit, follow with the last four digits', async () => {
    const page = await phone({ large: true });
    const base = s.server.baseUrl;
    await page.goto(`${base}/s/${stationId}`);
    await page.getByTestId('raise').waitFor();
    const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodySize).toBeGreaterThanOrEqual(18);
    // Every button and link-button is at least 60 px tall.
    const heights = await page
      .locator('button, a.btn')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent, h: e.getBoundingClientRect().height })));
    expect(heights.filter((x) => x.h < 60)).toEqual([]);
    await shot(page, 'portal-large-1-station');
    await expectNoSeriousA11yIssues(page, 'station (large)');

    await page.getByTestId('raise').click();
    await page.locator('textarea[name=content]').fill('小区门口的人行道砖松动，下雨天容易滑倒。');
    await page.locator('input[name=name]').fill('李大爷');
    const mobile = '13912345678';
    await page.locator('input[name=phone]').fill(mobile);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    // The code as the SMS would carry it (sealed in the outbox).
    const code = await lastOtpCode(s.server);
    await page.locator('input[name=code]').fill(code);
    // The sixth digit verifies by itself (no 验证 tap needed).
    await page.getByText('手机号已验证').waitFor();
    await page.locator('input[name=consent]').check();
    await shot(page, 'portal-large-2-form');
    await page.getByRole('button', { name: '提交' }).click();
    const receipt = (await page.getByTestId('receipt-code').textContent({ timeout: 30_000 }))!.trim();
    await shot(page, 'portal-large-3-receipt');

    await page.goto(`${base}/follow?code=${receipt}`);
    // Without the phone's digits, or with wrong ones: the same answer as a wrong code.
    await page.getByRole('button', { name: '查询' }).click();
    const noPhone = await page.getByTestId('follow-error').textContent();
    await page.locator('input[name=phoneLast4]').fill('0000');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('follow-error').textContent()).toBe(noPhone);
    await page.locator('input[name=receiptCode]').fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('follow-error').textContent()).toBe(noPhone);
    await page.locator('input[name=receiptCode]').fill(receipt);
    await page.locator('input[name=phoneLast4]').fill(mobile.slice(-4));
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已登记');
    await shot(page, 'portal-large-4-follow');

    // The receipt SMS carries a short signed link: it opens the opinion with nothing to type.
    const receiptSms = await s.server.platform.db
      .selectFrom('notify_message')
      .select('vars')
      .where('type', '=', 'opinion.receipt')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const link = new URL((receiptSms.vars as { followUrl: string }).followUrl);
    expect(link.pathname).toMatch(/^\/f\//);
    await page.goto(`${base}${link.pathname}`);
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已登记');
    expect(await page.getByText(receipt).count()).toBeGreaterThan(0);
    await shot(page, 'portal-large-5-follow-link');
  });

  it('bad input gets a clear message and changes nothing', async () => {
    const page = await phone();
    const base = s.server.baseUrl;
    await page.goto(`${base}/new?station=${stationId}`);
    const before = await opinionCount();
    const file = page.locator('input[type=file]');

    // A photo far too large.
    const huge = Buffer.alloc(21 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    await file.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: huge });
    await page.getByText('太大').waitFor();
    // A file that says it is a JPEG and is not.
    await file.setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('GIF89a not really') });
    await page.getByText('“fake.jpg”不是照片').waitFor();
    expect(await page.locator('.photo').count()).toBe(0);

    // 20,000 characters.
    await page.locator('textarea[name=content]').fill('长'.repeat(20_000));
    await page.locator('input[type=checkbox]').first().check(); // anonymous
    await page.locator('input[name=consent]').check();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('内容不能超过 5000 字').waitFor();
    await shot(page, 'portal-bad-1-messages');
    expect(await opinionCount()).toBe(before);

    // A lost answer, then a retry: one opinion, not two.
    await page.locator('textarea[name=content]').fill('公园的长椅坏了。');
    let dropped = false;
    await page.route('**/api/public/opinions', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the server takes it …
      await route.abort('connectionreset'); // … and the answer is lost on the way back
    });
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('网络连接失败').waitFor();
    expect(await opinionCount()).toBe(before + 1);
    await page.getByRole('button', { name: '提交' }).click();
    const receipt = (await page.getByTestId('receipt-code').textContent({ timeout: 30_000 }))!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await opinionCount()).toBe(before + 1);

    // Guessing the SMS code: five wrong tries, then even the right code is refused.
    await page.goto(`${base}/new?station=${stationId}`);
    const mobile = '13712345670';
    await page.locator('input[name=phone]').fill(mobile);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    const code = await lastOtpCode(s.server);
    const wrong = code === '000000' ? '111111' : '000000';
    // The sixth digit sends the attempt by itself: one attempt per code typed.
    const attempt = async (digits: string) => {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/otp/verify'));
      await page.locator('input[name=code]').fill('');
      await page.locator('input[name=code]').fill(digits);
      return (await answered).status();
    };
    for (let i = 0; i < 5; i++) {
      expect(await attempt(wrong)).toBeGreaterThanOrEqual(400);
      await expect.poll(() => page.locator('.error[role=alert]').count()).toBeGreaterThan(0);
    }
    expect(await attempt(code)).toBeGreaterThanOrEqual(400);
    await expect.poll(() => page.locator('.error[role=alert]').first().textContent()).toBeTruthy();
    expect(await page.getByText('手机号已验证').count()).toBe(0);
    await shot(page, 'portal-bad-2-sms');
  });

  it('finds stations, shows a deputy, prints the wall notice and the card, switches to English', async () => {
    const page = await phone();
    const base = s.server.baseUrl;
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: '找到身边的代表联络站' }).waitFor();
    await page.locator('[data-testid=regions] button').first().click();
    await page.getByRole('button', { name: '查看本地区的联络站' }).click();
    await page.getByTestId('stations').getByRole('link').first().waitFor();
    await shot(page, 'portal-find');
    await page.locator('input[name=q]').fill('新碶');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.getByTestId('stations').getByRole('link', { name: /新碶/ }).click();
    await page.waitForURL(`**/s/${stationId}`);

    await page.goto(`${base}/d/${deputyId}`);
    await page.getByTestId('message-deputy').waitFor();
    await shot(page, 'portal-deputy');
    await page.getByTestId('message-deputy').click();
    await expect.poll(() => page.locator('form').textContent()).toContain('代表：');

    await page.goto(`${base}/s/${stationId}/wall`);
    await page.getByTestId('wall-sheet').locator('svg[role=img]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.bar').isVisible()).toBe(false);
    await shot(page, 'portal-wall-print');
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${base}/d/${deputyId}/card`);
    await page.locator('.card-print svg[role=img]').waitFor();
    await shot(page, 'portal-card');

    await page.goto(`${base}/s/${stationId}`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Deputies at this station' }).waitFor();
    await shot(page, 'portal-english');
    // No page is wider than a small phone.
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('every portal page passes axe without serious or critical violations', async () => {
    const page = await phone();
    const base = s.server.baseUrl;
    const pages: [string, string][] = [
      ['/', 'h1'],
      [`/s/${stationId}`, '[data-testid=raise]'],
      [`/s/${stationId}/wall`, '[data-testid=wall-sheet] svg'],
      [`/d/${deputyId}`, '[data-testid=message-deputy]'],
      [`/d/${deputyId}/card`, '.card-print svg'],
      [`/new?station=${stationId}`, 'textarea[name=content]'],
      ['/follow', 'input[name=receiptCode]'],
      ['/privacy', 'h1'],
      ['/stats', '[data-testid=stats-total]'],
      ['/appointments/cancel?t=none', '[data-testid=cancel-booking]'],
      ['/s/999999', 'h1'],
    ];
    for (const [path, ready] of pages) {
      await page.goto(`${base}${path}`);
      await page.locator(ready).first().waitFor();
      await expectNoSeriousA11yIssues(page, path);
    }
    await page.goto(`${base}/new?station=${stationId}&lang=en`);
    await page.locator('textarea[name=content]').waitFor();
    await expectNoSeriousA11yIssues(page, 'new (en)');
  });

  it('publishes the month’s figures with small counts hidden, and the CSV to download', async () => {
    const page = await phone();
    await page.goto(s.server.baseUrl);
    await page.getByTestId('stats-link').click();
    const total = page.getByTestId('stats-total');
    await total.waitFor();
    // The demo's handful of opinions this month is under 5 in every cell but the total may be too.
    expect(await total.innerText()).toMatch(/本月共 (\d+|少于5件) 件/);
    const body = await page.locator('main').innerText();
    expect(body).not.toMatch(/\n[1-4]\n/);
    const csv = await page.getByTestId('stats-csv').getAttribute('href');
    const res = await fetch(`${s.server.baseUrl}${csv}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('月份,维度,项目,件数');
    await shot(page, 'portal-stats');
  });

  it('books a place at a reception from the station page with an SMS-verified phone', async () => {
    const page = await phone();
    const db = s.server.platform.db;
    // The codes the other tests asked for from this address count as yesterday's: the daily
    // per-address cap is theirs, not this booking's.
    await db
      .updateTable('otp_code')
      .set({ created_at: sql<Date>`created_at - interval '1 day'` })
      .execute();
    await page.goto(`${s.server.baseUrl}/s/${stationId}`);
    const list = page.getByTestId('receptions');
    await list.waitFor();
    await shot(page, 'portal-book-1-station');
    // The first free slot, by its accessible name ("预约 <day> <time>，剩余 n 个名额").
    const slotButton = list.getByRole('button', { name: /^预约 \d{4}-\d{2}-\d{2} / }).first();
    const label = (await slotButton.getAttribute('aria-label'))!;
    const free = Number(/剩余 (\d+) 个名额/.exec(label)![1]);
    await slotButton.click();
    const form = list.locator('form');
    await form.locator('input.input').first().fill('王阿姨');
    const mobile = '13712345670';
    await form.locator('input[name=phone]').fill(mobile);
    await form.locator('textarea').fill('想反映小区加装电梯的事');
    // Booking before the phone is proved is refused with a clear message.
    await form.getByRole('button', { name: '确认预约', exact: true }).click();
    await form
      .getByRole('alert')
      .getByText(/^请先验证手机号码：/)
      .waitFor();
    expect(await form.getByText('手机号码', { exact: true }).count()).toBe(1);
    await form.getByRole('button', { name: '获取验证码' }).click();
    await form.getByText('验证码已发送').waitFor();
    await form.locator('input[name=code]').fill(await lastOtpCode(s.server));
    // The sixth digit verifies by itself (no 验证 tap needed).
    await form.getByText('手机号已验证').waitFor();
    // The earlier "verify first" message goes once the phone is verified.
    expect(await form.getByRole('alert').count()).toBe(0);
    await form.locator('input[name=consent]').check();
    await form.getByRole('button', { name: '确认预约', exact: true }).click();
    await list
      .getByTestId('booked')
      .getByText(/^预约成功：\d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2}$/)
      .waitFor();
    // The confirmation replaces the form: nothing left to send twice.
    expect(await list.locator('form').count()).toBe(0);
    await shot(page, 'portal-book-2-booked');
    // Kept, with the phone sealed and masked, and a confirmation SMS in the outbox.
    const booked = await db
      .selectFrom('appointment')
      .select(['phone_masked', 'phone_sealed', 'status', 'id'])
      .where('phone_digest', '=', s.server.platform.fields.blindIndex(mobile))
      .execute();
    expect(booked).toHaveLength(1);
    expect(booked[0]!.status).toBe('booked');
    expect(booked[0]!.phone_masked).toBe('137****5670');
    expect(booked[0]!.phone_sealed).not.toContain(mobile);
    const confirmed = await db
      .selectFrom('notify_message')
      .select('id')
      .where('type', '=', 'appointment.confirmed')
      .execute();
    expect(confirmed.length).toBeGreaterThan(0);
    // The page counts the place as taken once it is read again.
    await page.reload();
    await list.waitFor();
    const after = await list
      .getByRole('button', { name: label.replace(/剩余 \d+ 个名额/, '') })
      .getAttribute('aria-label')
      .catch(() => null);
    if (free > 1) expect(after).toContain(`剩余 ${free - 1} 个名额`);
    else expect(after).toBeNull();
  });

  it('the cancel link of a booking SMS opens a page that cancels only on a press, and says so for a dead link', async () => {
    const page = await phone();
    await page.goto(`${s.server.baseUrl}/appointments/cancel?t=${'x'.repeat(32)}`);
    await page.getByTestId('cancel-booking').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('cancel-done').count()).toBe(0);
  });
});
