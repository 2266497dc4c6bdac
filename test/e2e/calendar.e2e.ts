import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import type { CalendarStatus } from '../../src/contracts/calendar.js';
import { isWorkingDay } from '../../src/server/platform/calendar/working-days.js';
import { dialogOpened } from './dialogs.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

describe('holidays and working days', () => {
  it('an administrator corrects a day of the 2026 calendar, then withdraws the correction', async () => {
    const page = s.page;
    const db = s.server.platform.db;
    // The status the home page was given: reading it again later could fall on another day (midnight
    // in China on 31 October or 31 December changes it).
    const given = page.waitForResponse(
      (r) => r.ok() && r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/calendar/status',
    );
    await signIn(page, s.server.baseUrl, 'admin', DEMO_PASSWORD);

    // The home page warns exactly when the status does (next year missing from 1 November).
    await page.getByTestId('nav-calendar').waitFor();
    const status = (await (await given).json()) as CalendarStatus;
    if (status.warning) {
      await expect
        .poll(() => page.getByTestId('calendar-banner').innerText())
        .toContain(String(status.warning === 'nextYearMissing' ? status.nextYear : status.currentYear));
      await shot(page, 'calendar-home-banner');
    } else {
      await page.getByTestId('nav-calendar').click();
      await page.getByTestId('calendar-year-grid').waitFor();
      expect(await page.getByTestId('calendar-banner').count()).toBe(0);
    }

    await page.goto(`${s.server.baseUrl}/console/calendar?year=2026`);
    await page.getByTestId('calendar-year-grid').waitFor();
    await expect.poll(() => page.getByTestId('calendar-coverage').getAttribute('data-coverage')).toBe('chinese-days');
    expect(await page.getByTestId('calendar-day-2026-10-01').getAttribute('data-kind')).toBe('holiday');
    expect(await page.getByTestId('calendar-day-2026-10-10').getAttribute('data-kind')).toBe('adjustedWorkday');
    expect(await page.getByTestId('calendar-day-2026-02-17').getAttribute('aria-label')).toContain('春节');
    await expect.poll(() => page.getByTestId('calendar-working-days').innerText()).toBe('248 天');

    // Wednesday 10 June becomes a local holiday.
    await page.getByTestId('calendar-day-2026-06-10').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('更正 2026-06-10（周三）');
    await dialogOpened(page);
    await page.locator('#calendarDay_name').fill('地方假日');
    // The reason is required: the form says so before anything is sent.
    await dialog.getByRole('button', { name: '保存更正' }).click();
    await expect.poll(() => dialog.innerText()).toContain('请填写更正依据');
    await page.locator('#calendarDay_note').fill('区政府关于2026年地方假日的通知');
    await shot(page, 'calendar-correct-form');
    await dialog.getByRole('button', { name: '保存更正' }).click();
    await page.locator('#calendarDay_note').waitFor({ state: 'detached' });

    await expect.poll(() => page.getByTestId('calendar-day-2026-06-10').getAttribute('data-kind')).toBe('holiday');
    await expect.poll(() => page.getByTestId('calendar-working-days').innerText()).toBe('247 天');
    await expect.poll(() => page.getByTestId('calendar-row-2026-06-10').innerText()).toContain('管理员更正');
    expect(await isWorkingDay(db, '2026-06-10')).toBe(false);
    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'calendar.correct')
      .where('subject_id', '=', '2026-06-10')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ before: { kind: 'workday' }, after: { kind: 'holiday', name: '地方假日' } });
    await page.getByTestId('calendar-day-2026-06-10').scrollIntoViewIfNeeded();
    await shot(page, 'calendar-corrected');

    // Withdrawn: the day is an ordinary working day again.
    await page.getByTestId('calendar-reset-2026-06-10').click();
    await dialogOpened(page);
    await page.locator('#calendarReset_note').fill('已取消');
    await page.getByRole('dialog').getByRole('button', { name: '撤销更正' }).click();
    await expect.poll(() => page.getByTestId('calendar-day-2026-06-10').getAttribute('data-kind')).toBe('workday');
    await expect.poll(() => page.getByTestId('calendar-row-2026-06-10').count()).toBe(0);
    expect(await isWorkingDay(db, '2026-06-10')).toBe(true);
  });

  it('a deputy reads the calendar in English and cannot correct it', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'deputy.wu', DEMO_PASSWORD);
    // Not in a deputy's menu (a staff tool), but readable by its address.
    await page.getByTestId('nav-home').waitFor();
    expect(await page.getByTestId('nav-calendar').count()).toBe(0);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto(`${s.server.baseUrl}/console/calendar?year=2025`);
    await page.getByTestId('calendar-year-grid').waitFor();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Holidays and working days');
    await expect.poll(() => page.getByTestId('calendar-coverage').innerText()).toBe('Official arrangement loaded');
    expect(await page.getByTestId('calendar-day-2025-10-01').getAttribute('aria-label')).toContain('Public holiday');
    expect(await page.getByTestId('calendar-correct-any').count()).toBe(0);
    expect(await page.locator('[data-testid="calendar-day-2025-10-01"]').evaluate((el) => el.tagName)).toBe('SPAN');
    await expect.poll(() => page.getByTestId('calendar-row-2025-09-28').innerText()).toContain('Adjusted working day');
  });
});
