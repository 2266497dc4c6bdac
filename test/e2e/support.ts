import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTestPlatform } from '../support/db.js';
import { createApp } from '../support/http.js';
import { seedDemo } from '../../src/server/seed/demo.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

/** The server on its own fresh database with the demo district, listening on a free port. */
export async function startServer() {
  const t = await createTestPlatform();
  await seedDemo(t.platform);
  const app: FastifyInstance = await createApp(t.platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      await t.close();
    },
  };
}

/** The environment Chromium starts with: never the preloaded fake clock of `npm run test:at` (it stalls Chromium). */
function browserEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  if (env.LD_PRELOAD?.includes('faketime')) {
    env.LD_PRELOAD = env.LD_PRELOAD.split(':')
      .filter((l) => !l.includes('faketime'))
      .join(':');
    delete env.FAKETIME;
  }
  return env;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    env: browserEnv(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context; under `npm run test:at` its pages' `Date` is moved by the same offset as the
 * server's clock, so the console and the server agree on what day it is. Only `Date` moves: timers
 * and `performance.now()` keep the real clock. (Playwright's `clock.install` was used before: its
 * driver runs in this faked process, and with a moved time in the past the page's timers stalled,
 * so React never rendered.)
 */
export async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0]) {
  const context = await browser.newContext(options);
  const seconds = Number(process.env.FAKETIME ?? '');
  if (process.env.FAKETIME && Number.isFinite(seconds))
    await context.addInitScript((offset: number) => {
      const Real = Date;
      class Moved extends Real {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(Real.now() + offset);
          else super(...(args as [number]));
        }
        static override now() {
          return Real.now() + offset;
        }
      }
      globalThis.Date = Moved as DateConstructor;
    }, seconds * 1000);
  return context;
}

/** Replaces a suite's desktop context with a 390 px touch phone's (zh-CN); returns its new page. */
export async function phonePage(
  s: { browser: Browser; context: BrowserContext; page: Page },
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> {
  await s.context.close();
  s.context = await newContext(s.browser, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...options,
  });
  s.page = await s.context.newPage();
  return s.page;
}

/** Saves a screenshot per test under test-results/e2e/. */
/**
 * Waits until no animation that ends is running (antd's open/close motions, chart drawing), so that
 * a screenshot or a tap lands on what stays. An endless one (a spinner, a pulsing status dot) is
 * no part of settling and is not waited for.
 */
export async function settled(page: Page) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login form. */
/**
 * Signs in on the console's login page and returns once the server has answered (the session
 * cookie is set, or the refusal shown): a `goto` right after lands signed in even on a busy machine.
 */
export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/console/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/login',
  );
  await page.locator('button[type=submit]').click();
  await answered;
}

/**
 * Registers the hooks of a browser spec: one server and one browser per file, a fresh browser
 * context per test, and a screenshot after each test. Read the fields inside tests.
 */
export function useBrowserSuite() {
  const s = {} as {
    server: Awaited<ReturnType<typeof startServer>>;
    browser: Browser;
    context: BrowserContext;
    page: Page;
  };
  beforeAll(async () => {
    s.server = await startServer();
    s.browser = await launchBrowser();
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.stop();
  });
  beforeEach(async () => {
    s.context = await newContext(s.browser, { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    s.page = await s.context.newPage();
  });
  afterEach(async (ctx) => {
    await shot(s.page, ctx.task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '_'));
    await s.context.close();
  });
  return s;
}
