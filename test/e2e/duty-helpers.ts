import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newContext } from './support.js';

// Helpers of the duty record's browser specs (duty.e2e.ts, duty-events.e2e.ts).

export const PHONE = { width: 390, height: 844 };

export async function phone(browser: Browser): Promise<Page> {
  const context = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  return context.newPage();
}

export { settled } from './support.js';

/** The page fits the phone's width: nothing to scroll sideways. */
export async function expectNoSideways(page: Page, what: string) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/**
 * Shows `year` in the page's year select (the duty screens open on this year's). Chosen even when it
 * is this year's: around the turn of the year the page may have opened on the other one. From late
 * December an activity a few days ahead is next year's; on 1 January yesterday's reception is last year's.
 */
export async function showYear(page: Page, year: number) {
  const select = page.getByTestId('year-select');
  await select.click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${year} 年$`) });
  await option.click();
  await option.waitFor({ state: 'hidden' });
  await expect.poll(() => select.innerText()).toContain(String(year));
}
