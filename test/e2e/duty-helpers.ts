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
