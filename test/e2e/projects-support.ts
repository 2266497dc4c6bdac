import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { newContext, signIn } from './support.js';

/** The phone the projects specs use (deputies, officers and units at 390 px). */
export const PHONE = { width: 390, height: 844 };

/**
 * Signs in; the console's files may be rebuilt by a parallel build while the suite runs (the login
 * form then does not come): the page is loaded again until the form shows.
 */
export async function signInWhenServed(page: Page, baseUrl: string, username: string) {
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.goto(`${baseUrl}/console/login`);
    const shown = await page
      .locator('#login_username')
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
  }
  await signIn(page, baseUrl, username, PASSWORD);
}

/** A context of its own (a touch phone, or a desktop), signed in as `username`. */
export async function pageAs(browser: Browser, baseUrl: string, username: string, phone: boolean): Promise<Page> {
  const context = await newContext(
    browser,
    phone
      ? { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' },
  );
  const page = await context.newPage();
  await signInWhenServed(page, baseUrl, username);
  await page.getByTestId(phone ? 'nav-toggle' : 'nav-home').waitFor({ timeout: 30_000 });
  return page;
}

export { settled } from './support.js';

export async function noSideways(page: Page, what: string) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** An API client signed in as `username` (the specs set their data up through the API). */
export async function apiAs(app: ConstructorParameters<typeof TestClient>[0], username: string) {
  const c = new TestClient(app);
  expect((await c.login(username, PASSWORD)).status).toBe(200);
  return c;
}

/** The body of a successful response (the test fails with the body otherwise). */
export function ok<T>(r: { status: number; body: T }) {
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}
