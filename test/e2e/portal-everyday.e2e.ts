import { sql } from 'kysely';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/server/db/database.js';
import { followUrl } from '../../src/server/modules/opinions/follow-link.js';
import { registerInTx } from '../../src/server/modules/opinions/registration.js';
import { lastMessageVars } from '../support/otp.js';
import { feedBackAsStaff, lastOtpCode } from './portal-support.js';
import { phonePage, shot, useBrowserSuite } from './support.js';

/** Great-circle distance in km, as a person would check it. */
function haversine(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

const FULL_WIDTH = /[，。：；（）]/;

/**
 * Full-width punctuation in English text: a mark right after a Latin letter, digit or ASCII mark
 * ("Address：", "places left，"). Marks inside Chinese data (an address "1 号（演示地址）") are data.
 */
function fullWidthInEnglish(text: string): string[] {
  const bad: string[] = [];
  for (const line of text.split('\n'))
    for (let i = 0; i < line.length; i++) {
      if (!FULL_WIDTH.test(line[i]!)) continue;
      const before = line.slice(0, i).trimEnd();
      const prev = before[before.length - 1];
      if (prev === undefined || /[\x21-\x7e]/.test(prev)) bad.push(line.trim());
    }
  return bad;
}

describe('the portal in everyday use, on a 390 px phone (issue 17, items 10 and 11)', () => {
  const s = useBrowserSuite();
  let xinqi = 0;
  const phoneNumber = '0574-86881234';
  const here = { lat: 29.9, lng: 121.86 };
  const places: Record<string, { lat: number; lng: number }> = {
    'BL-XINQI': { lat: 29.889, lng: 121.848 },
    'BL-DAQI': { lat: 29.873, lng: 121.935 },
    'BL-XIAOGANG': { lat: 29.965, lng: 121.705 },
  };

  beforeAll(async () => {
    const db = s.server.platform.db;
    xinqi = (await db.selectFrom('organization').select('id').where('code', '=', 'BL-XINQI').executeTakeFirstOrThrow())
      .id;
    // The station's phone, as staff keep it on the station's organisation; three stations placed on the map.
    await db.updateTable('organization').set({ contact_phone: phoneNumber }).where('id', '=', xinqi).execute();
    // Only these three are placed (the demo places every station).
    await db.updateTable('station').set({ latitude: null, longitude: null }).execute();
    for (const [code, at] of Object.entries(places)) {
      const { id } = await db
        .selectFrom('organization')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      await db.updateTable('station').set({ latitude: at.lat, longitude: at.lng }).where('org_id', '=', id).execute();
    }
  });

  /** A 390 px touch phone; no script in anyone's text may open a dialog. */
  async function phone(opts: BrowserContextOptions = {}): Promise<Page> {
    const page = await phonePage(s, opts);
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    return page;
  }

  const otpCount = async () =>
    (
      await s.server.platform.db
        .selectFrom('notify_message')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('type', '=', 'otp.code')
        .executeTakeFirstOrThrow()
    ).n;

  /** Proves a phone in the form on screen with the code "sent by SMS". */
  async function provePhone(page: Page, mobile: string) {
    await page.locator('input[name=phone]').fill(mobile);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    await page.locator('input[name=code]').fill(await lastOtpCode(s.server));
    // The sixth digit verifies by itself (no 验证 tap needed).
    await page.getByText('手机号已验证').waitFor();
  }

  it('a. the station page and the wall notice give the station’s phone', async () => {
    const page = await phone();
    const base = s.server.baseUrl;
    await page.goto(`${base}/s/${xinqi}`);
    const line = page.getByTestId('station-phone');
    await expect.poll(() => line.textContent(), { timeout: 20_000 }).toBe(`联系电话：${phoneNumber}`);
    expect(await line.getByRole('link').getAttribute('href')).toBe('tel:057486881234');
    await shot(page, 'everyday-a-station-phone');
    await page.goto(`${base}/s/${xinqi}/wall`);
    await expect.poll(() => page.getByTestId('wall-phone').textContent(), { timeout: 20_000 }).toContain(phoneNumber);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('wall-phone').isVisible()).toBe(true);
    await shot(page, 'everyday-a-wall-print');
  });

  it('b, c. "nearest" lists by real distance with the distance shown, scrolls the list into sight, marks empty stations', async () => {
    const page = await phone({
      geolocation: { latitude: here.lat, longitude: here.lng },
      permissions: ['geolocation'],
    });
    await page.goto(s.server.baseUrl);
    await page.getByTestId('nearest').click();
    const list = page.getByTestId('stations');
    await list.getByRole('link').first().waitFor({ timeout: 20_000 });
    // In sight without the person scrolling: the list's heading is within the screen.
    await expect
      .poll(() => list.evaluate((el) => el.getBoundingClientRect().top), { timeout: 20_000 })
      .toBeLessThan(844 / 2);
    expect(await list.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(-1);
    await page.screenshot({ path: 'test-results/e2e/everyday-b-nearest-viewport.png' });

    const rows = await list.getByRole('listitem').evaluateAll((els) =>
      els.map((el) => ({
        name: el.querySelector('strong')!.textContent!,
        distance: el.querySelector('[data-testid=distance]')?.textContent ?? '',
        empty: !!el.querySelector('[data-testid=nothing-published]'),
      })),
    );
    const db = s.server.platform.db;
    const named = await db
      .selectFrom('organization as o')
      .innerJoin('station as st', 'st.org_id', 'o.id')
      .select(['o.name', 'o.code'])
      .select(sql<boolean>`EXISTS (SELECT 1 FROM station_member m WHERE m.station_id = o.id)`.as('members'))
      .select(['st.opening_hours', 'st.published_workflow'])
      .execute();
    const expected = Object.entries(places)
      .map(([code, at]) => ({ name: named.find((n) => n.code === code)!.name, km: haversine(here, at) }))
      .sort((a, b) => a.km - b.km);
    // The placed stations first, nearest first, each with its distance to 0.1 km; the rest "distance unknown".
    expect(rows.slice(0, 3).map((r) => r.name)).toEqual(expected.map((e) => e.name));
    for (const [i, e] of expected.entries())
      expect(Number(/([\d.]+) 公里/.exec(rows[i]!.distance)![1])).toBeCloseTo(e.km, 1);
    expect(rows.slice(3).every((r) => r.distance.startsWith('距离未知'))).toBe(true);
    // Stations that published nothing (no deputy, no hours, no workflow) are marked; the others are not.
    for (const r of rows) {
      const n = named.find((x) => x.name === r.name)!;
      expect(r.empty, r.name).toBe(!n.members && !n.opening_hours && !n.published_workflow);
    }
    expect(rows.some((r) => r.empty)).toBe(true);
    await shot(page, 'everyday-b-nearest');
    // An empty station's own page says so rather than showing blank sections.
    await list
      .getByRole('listitem')
      .filter({ has: page.getByTestId('nothing-published') })
      .first()
      .getByRole('link')
      .click();
    await page.waitForURL(/\/s\/\d+$/);
    await page.locator('p[data-testid=nothing-published]').waitFor({ timeout: 20_000 });
    await shot(page, 'everyday-c-empty-station');
  });

  it('d, e, f. raise from the home page choosing the station; the receipt survives a reload, copies, saves as PNG; a booking then needs no second code', async () => {
    const page = await phone({ permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
    const base = s.server.baseUrl;
    await page.goto(base);
    await page.getByTestId('raise-home').click();
    await page.waitForURL(`${base}/new`);
    await page.locator('textarea[name=content]').fill('大港新村北门的路灯不亮已经一周了。');
    await page.locator('input[name=consent]').check();
    // Without a station: a clear message at the station field, nothing sent.
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('#stationId-error').getByText('请选择联络站').waitFor();
    await shot(page, 'everyday-d-choose-station');
    const stationName = (await page.locator('select[name=station] option').nth(1).textContent())!;
    const options = await page.locator('select[name=station] option').allTextContents();
    const xinqiName = options.find((o) => o.startsWith('新碶'))!;
    expect(stationName).toBeTruthy();
    await page.locator('select[name=station]').selectOption({ label: xinqiName });
    await page.locator('input[name=name]').fill('周先生');
    const mobile = '13811112222';
    await provePhone(page, mobile);
    const codesBefore = await otpCount();
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/receipt\?code=/, { timeout: 30_000 });
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(page.url()).not.toContain(mobile);
    expect(page.url()).not.toContain(mobile.slice(-4));
    const stored = await s.server.platform.db
      .selectFrom('organization as o')
      .innerJoin('opinion as op', 'op.org_id', 'o.id')
      .select('o.name')
      .where('op.content', '=', '大港新村北门的路灯不亮已经一周了。')
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe(xinqiName);

    // A reload keeps the receipt, with its station.
    await page.reload();
    await expect.poll(() => page.getByTestId('receipt-code').textContent(), { timeout: 20_000 }).toBe(code);
    await page.getByText(`受理联络站：${xinqiName}`).waitFor();
    await page.getByTestId('copy-code').click();
    await page.getByText('已复制受理编号').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-image').click()]);
    expect(download.suggestedFilename()).toBe(`receipt-${code}.png`);
    const png = await sharp(await download.path()).metadata();
    expect(png.format).toBe('png');
    expect(png.width).toBe(750);
    expect(png.height).toBeGreaterThan(400);
    await sharp(await download.path()).toFile('test-results/e2e/everyday-e-receipt-image.png');
    await page.locator('img.receipt-image').waitFor();
    await shot(page, 'everyday-e-receipt');

    // f. The same visit books a reception: the phone is already proved, no second code is sent.
    await page.goto(`${base}/s/${xinqi}`);
    const list = page.getByTestId('receptions');
    await list.waitFor({ timeout: 20_000 });
    const slot = list.getByRole('button', { name: /^预约 \d{4}-\d{2}-\d{2} / }).first();
    // The button says what it is in words: the time and the places left.
    expect(await slot.textContent()).toMatch(/^\d{2}:\d{2}–\d{2}:\d{2}（剩 \d+ 位）$/);
    await slot.click();
    expect(await slot.getAttribute('aria-pressed')).toBe('true');
    const chosenColour = await slot.evaluate((el) => getComputedStyle(el).backgroundColor);
    const otherColour = await list
      .getByRole('button', { name: /^预约 / })
      .nth(1)
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(chosenColour).not.toBe(otherColour);
    const slotText = (await slot.textContent())!.slice(0, 11);
    await expect.poll(() => page.getByTestId('chosen-slot').textContent()).toContain(slotText);
    const form = list.locator('form');
    await form.locator('input[name=name]').fill('周先生');
    await form.getByText('手机号已验证').waitFor();
    expect(await form.locator('input[name=phone]').inputValue()).toBe(mobile);
    await form.locator('textarea[name=topic]').fill('想当面说说路灯的事');
    // The privacy consent is asked for a booking too.
    await form.getByRole('button', { name: '确认预约' }).click();
    await form.getByRole('alert').getByText('请阅读并同意个人信息保护说明').waitFor();
    await shot(page, 'everyday-f-book-chosen');
    await form.locator('input[name=consent]').check();
    await form.getByRole('button', { name: '确认预约' }).click();
    await list
      .getByTestId('booked')
      .getByText(/^预约成功：/)
      .waitFor({ timeout: 20_000 });
    expect(await otpCount()).toBe(codesBefore);
    await shot(page, 'everyday-f-booked');

    // The cancel page of the SMS names the appointment: station, deputies, day and time.
    const vars = await lastMessageVars<{ cancelUrl: string; date: string; time: string }>(
      s.server.platform,
      'appointment.confirmed',
    );
    const reception = await s.server.platform.db
      .selectFrom('appointment as a')
      .innerJoin('reception_duty as d', 'd.reception_id', 'a.reception_id')
      .innerJoin('deputy as p', 'p.id', 'd.deputy_id')
      .select('p.name')
      .where('a.phone_digest', '=', s.server.platform.fields.blindIndex(mobile))
      .execute();
    await page.goto(`${base}${new URL(vars.cancelUrl).pathname}${new URL(vars.cancelUrl).search}`);
    const shown = page.getByTestId('appointment');
    await expect.poll(() => shown.textContent(), { timeout: 20_000 }).toContain(xinqiName);
    const text = (await shown.textContent())!;
    expect(text).toContain(`${vars.date} ${vars.time}`);
    for (const d of reception) expect(text).toContain(d.name);
    await shot(page, 'everyday-f-cancel-page');
    await page.getByTestId('cancel-booking').click();
    await page.getByTestId('cancel-done').getByText('预约已取消').waitFor();
    await page.reload();
    await page.getByTestId('cancel-done').getByText('这次预约已经取消').waitFor();
  });

  it('g. /stats names real streets, lists states in workflow order, and always has the satisfaction section', async () => {
    const page = await phone();
    await page.goto(`${s.server.baseUrl}/stats`);
    const streets = page.getByTestId('stats-street');
    await streets.waitFor({ timeout: 20_000 });
    const streetNames = await streets.locator('th').allTextContents();
    expect(streetNames.length).toBeGreaterThan(0);
    for (const n of streetNames) expect(n).toMatch(/街道$/);
    expect(streetNames.join()).not.toContain('人大工委');
    const order = ['已登记', '已研判', '已当场答复', '已交办', '办理中', '已答复', '已反馈', '已评价', '已办结'];
    const states = await page.getByTestId('stats-state').locator('th').allTextContents();
    const ranks = states.map((x) => order.indexOf(x)).filter((i) => i >= 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const levels = await page.getByTestId('stats-satisfaction').locator('th').allTextContents();
    expect(levels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    await page.getByTestId('stats-satisfied').waitFor();
    await shot(page, 'everyday-g-stats');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'By street' }).waitFor();
    expect(await page.getByTestId('stats-state').locator('th').first().textContent()).toMatch(/^[a-z ]+$/);
    await shot(page, 'everyday-g-stats-en');
  });

  it('h. English pages carry no full-width punctuation', async () => {
    const page = await phone();
    const base = s.server.baseUrl;
    const deputy = (
      await s.server.platform.db
        .selectFrom('station_member')
        .select('deputy_id')
        .where('station_id', '=', xinqi)
        .executeTakeFirstOrThrow()
    ).deputy_id;
    await s.context.addInitScript(() => localStorage.setItem('liaison.portal.prefs', '{"lang":"en"}'));
    const pages: [string, string][] = [
      ['/', 'h1'],
      [`/s/${xinqi}`, '[data-testid=receptions]'],
      [`/s/${xinqi}/wall`, '[data-testid=wall-sheet] svg'],
      [`/d/${deputy}`, '[data-testid=message-deputy]'],
      [`/d/${deputy}/card`, '.card-print svg'],
      ['/new', 'select[name=station]'],
      [`/new?station=${xinqi}`, 'textarea[name=content]'],
      ['/follow', 'input[name=receiptCode]'],
      ['/receipt?code=ABCDE-FGHJK', '[data-testid=receipt-code]'],
      ['/privacy', 'h1'],
      ['/stats', '[data-testid=stats-satisfaction]'],
      ['/suggestions', 'h1'],
      ['/projects', 'h1'],
      ['/reports', 'h1'],
      [`/appointments/cancel?t=${'x'.repeat(32)}`, '[role=alert]'],
    ];
    const found: string[] = [];
    for (const [path, ready] of pages) {
      await page.goto(`${base}${path}`);
      await page
        .locator(ready)
        .first()
        .waitFor({ timeout: 20_000 })
        .catch((e: Error) => {
          throw new Error(`${path}: ${e.message}`);
        });
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      if (path === `/s/${xinqi}`) {
        // Open a booking form too: its labels and messages are English as well.
        await page
          .getByRole('button', { name: /^Book / })
          .first()
          .click();
        await page.locator('form input[name=name]').waitFor();
      }
      for (const line of fullWidthInEnglish(await page.locator('body').innerText())) found.push(`${path}: ${line}`);
    }
    expect(found).toEqual([]);
    await page.goto(`${base}/s/${xinqi}`);
    await page.getByTestId('station-phone').waitFor();
    expect(await page.getByTestId('station-phone').textContent()).toBe(`Phone: ${phoneNumber}`);
    await shot(page, 'everyday-h-station-en');
  });

  it('i. the follow page shows each text once (by link and by code)', async () => {
    const p = s.server.platform;
    const same = '北门两盏路灯已更换，线路已检修。';
    const r = await inTransaction(p.db, (trx) =>
      registerInTx(
        trx,
        p,
        {
          orgId: xinqi,
          channel: 'online',
          content: '北门路灯不亮。',
          categoryId: null,
          deputyIds: [],
          constituent: { anonymous: true },
        },
        { kind: 'constituent' },
      ),
    );
    // The liaison officer feeds back the unit's answer word for word, as often happens.
    await feedBackAsStaff(s.server, r.receiptCode, { response: same, feedback: same });
    const page = await phone();
    await page.goto(`${s.server.baseUrl}${new URL(followUrl(p, r.id)).pathname}`);
    await expect.poll(() => page.getByTestId('state').textContent(), { timeout: 20_000 }).toBe('已反馈，待评价');
    const count = async (text: string) => (await page.locator('main').innerText()).split(text).length - 1;
    expect(await count(same)).toBe(1);
    expect(await count(r.receiptCode)).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await page.getByLabel('不满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByTestId('rated').waitFor();
    expect(await count(same)).toBe(1);
    expect(await count('不满意')).toBe(2); // "您的评价：不满意" and the words of what happens next (不满意评价)
    await shot(page, 'everyday-i-follow-link');
    await page.goto(`${s.server.baseUrl}/follow?code=${r.receiptCode}`);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('state').textContent(), { timeout: 20_000 }).toBe('已评价');
    expect(await count(same)).toBe(1);
    await shot(page, 'everyday-i-follow-code');
  });
});
