import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerClassLabels } from '../../src/contracts/suggestions.js';
import { sweepSuggestions } from '../../src/server/modules/suggestions/jobs.js';
import { addDays } from '../../src/server/platform/calendar/dates.js';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { createDeputy, createUser, PASSWORD, type District, type OrgRef } from '../support/factories.js';
import { createApp, TestClient } from '../support/http.js';
import { dialogOpened, dropdownOpened } from './dialogs.js';
import { newContext, settled, shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const UNIT = '新碶街道办事处';
const TITLE = '关于在大港新村增设电动自行车集中充电点的建议';
const OPINION = '大港新村楼道里电动自行车充电很多，飞线充电存在火灾隐患，希望建集中充电点。';
const CONSTITUENT_PHONE = '13900002468';

/** A phone-sized, touch context signed in as `username` (the suite's own context is desktop-sized). */
async function phoneAs(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, s.server.baseUrl, username, password);
  await page.getByTestId('nav-toggle').waitFor();
  return page;
}

/** The suite's own (desktop) page, signed in as `username`. */
async function desktopAs(username: string): Promise<Page> {
  const page = s.page;
  await signIn(page, s.server.baseUrl, username, DEMO_PASSWORD);
  await page.getByTestId('nav-home').waitFor();
  return page;
}

/** Opens a navigation entry; on a phone through the folded navigation's button. */
async function nav(page: Page, key: string) {
  // The menu keeps a hidden copy of its items (to measure them): the link is the one in sight.
  const link = page.getByTestId(`nav-${key}`).filter({ visible: true });
  if ((await page.getByTestId('nav-toggle').count()) > 0) {
    await page.getByTestId('nav-toggle').click();
    await link.waitFor();
    // The navigation slides in: a tap while it moves lands beside the link.
    await settled(page);
  }
  await link.click();
}

/**
 * The page fits the phone's width: nothing to scroll sideways. (A mobile browser widens its layout
 * viewport to the content, so the measure is the device's width, not `innerWidth`.)
 */
async function expectNoSideways(page: Page, what: string) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/**
 * A screenshot of the screen as it is, then at the other size (phone ↔ desktop), then back. The
 * shell shows its navigation button exactly on a phone: the state to wait for after a resize.
 */
async function bothSizes(page: Page, name: string) {
  const before = page.viewportSize()!;
  const phone = before.width < 768;
  await settled(page);
  await shot(page, `suggestions-${name}-${phone ? '390' : 'desktop'}`);
  if (phone) await expectNoSideways(page, name);
  await page.setViewportSize(phone ? DESKTOP : PHONE);
  await page.getByTestId('nav-toggle').waitFor({ state: phone ? 'detached' : 'visible' });
  await settled(page);
  await shot(page, `suggestions-${name}-${phone ? 'desktop' : '390'}`);
  if (!phone) await expectNoSideways(page, name);
  await page.setViewportSize(before);
  await page.getByTestId('nav-toggle').waitFor({ state: phone ? 'visible' : 'detached' });
}

/** Picks the option named `text` in the antd Select whose input has `id`, by typing, and checks it took. */
async function pick(page: Page, id: string, text: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(text);
  const option = page.locator('.ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await dropdownOpened(page);
  await option.click();
  await expect.poll(() => page.locator('.ant-select', { has: input }).innerText()).toContain(text);
}

/** Takes one step through its button (`step-…`) and form; `fill` fills the form. Refusals fail with their message. */
async function step(page: Page, action: string, fill: () => Promise<void> = async () => {}) {
  await page.getByTestId(`step-${action}`).click();
  await page.getByTestId('action-submit').waitFor();
  await dialogOpened(page);
  await fill();
  await page.getByTestId('action-submit').click();
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

/** The state tag in the suggestion page's heading. */
const stateOf = (page: Page) => page.locator('h1 .ant-tag').innerText();

/** Opens a suggestion from a list (a card on a phone, a row on a desktop) by its title. */
async function openFromList(page: Page, title: string) {
  // A desk keeps the lists of tabs once opened: only the one in sight counts.
  await page
    .locator('[data-testid^="suggestion-card-"], [data-testid^="suggestion-row-"]', { hasText: title })
    .filter({ visible: true })
    .first()
    .click();
  await page.getByTestId('suggestion-title').filter({ hasText: title }).waitFor();
}

/** A day in China `days` from now (the server's calendar). */
function chinaDay(days: number) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

describe('deputies’ suggestions in the console', () => {
  let opinionId = 0;
  let receiptCode = '';
  let cosigner = { username: '', name: '钱联名' };

  beforeAll(async () => {
    const p = s.server.platform;
    const org = (name: string) =>
      p.db.selectFrom('organization').select(['id', 'path', 'name']).where('name', '=', name).executeTakeFirstOrThrow();
    const station: OrgRef = await org('新碶街道人大代表联络站');
    // A deputy of another street's station, with an account of their own, to co-sign: any serving
    // deputy of the congress may be invited, not only those of the lead deputy's station.
    const daqiStation: OrgRef = await org('大碶街道人大代表联络站');
    const daqi: OrgRef = await org('大碶街道人大工委');
    const user = await createUser(p, daqiStation, 'deputy', { username: 'deputy.qian' });
    await createDeputy(p, { orgs: { streetA: daqi } } as District, {
      name: cosigner.name,
      org: daqi,
      station: daqiStation,
      user,
    });
    cosigner = { username: user.username, name: cosigner.name };

    const app = await createApp(p);
    try {
      const as = async (username: string) => {
        const c = new TestClient(app);
        expect((await c.login(username, DEMO_PASSWORD)).status).toBe(200);
        return c;
      };
      const ok = <T>(r: { status: number; body: T }) => {
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
        return r.body;
      };
      // An opinion the street officer escalated to 吴代表 (a district matter): it waits on his desk.
      const officer = await as('xinqi.officer');
      const wu = await p.db.selectFrom('deputy').select('id').where('name', '=', '吴代表').executeTakeFirstOrThrow();
      const category = await p.db
        .selectFrom('opinion_category')
        .select('id')
        .where('code', '=', 'urban.roads')
        .executeTakeFirstOrThrow();
      const opinion = ok(
        await officer.post<{ id: number; receiptCode: string }>('/api/opinions', {
          orgId: station.id,
          channel: 'phone',
          content: OPINION,
          constituent: { name: '林女士', phone: CONSTITUENT_PHONE },
        }),
      );
      opinionId = opinion.id;
      receiptCode = opinion.receiptCode;
      ok(
        await officer.post(`/api/opinions/${opinionId}/actions`, {
          action: 'triage',
          categoryId: category.id,
          tier: 'district',
        }),
      );
      ok(await officer.post(`/api/opinions/${opinionId}/actions`, { action: 'escalate', deputyIds: [wu.id] }));
      // Answers are published at once, so that the portal shows this one the day it is answered.
      const district = await as('district');
      const { rules } = ok(await district.get<{ rules: Record<string, unknown> }>('/api/suggestions/rules'));
      ok(await district.request('PUT', '/api/suggestions/rules', { ...rules, publishAfterWorkingDays: 0 }));
    } finally {
      await app.close();
    }
  });

  it('runs a suggestion from an escalated opinion to the rating, the portal and the figures', async () => {
    const browser = s.browser;

    // 1. 吴代表, on his phone: the home page leads to his desk, where the escalated opinion waits.
    const wu = await phoneAs(browser, 'deputy.wu');
    await wu.getByTestId('home-desk').waitFor();
    await wu.getByTestId('home-my-duty').waitFor();
    await expectNoSideways(wu, 'home');
    await shot(wu, 'suggestions-home-390');
    await nav(wu, 'suggestionDesk');
    const escalated = wu.getByTestId(`desk-opinion-${opinionId}`);
    await escalated.waitFor();
    await wu.getByTestId('desk-list-mine').waitFor();
    await bothSizes(wu, 'desk');

    // 2. He drafts a suggestion from it: the form starts linked to the opinion.
    await wu.getByTestId(`draft-from-${opinionId}`).click();
    await wu.getByTestId('draft-opinions').getByText(receiptCode).waitFor();
    // The newest session taking suggestions is chosen already.
    await expect.poll(() => wu.getByTestId('select-draft_sessionId').innerText()).toMatch(/\d{4}/);
    await wu.locator('#draft_title').fill(TITLE);
    await wu.locator('#draft_content').fill('大港新村多幢楼道内电动自行车违规充电，存在严重火灾隐患。');
    await wu.locator('#draft_measures').fill('一、在小区空地建设集中充电棚；二、加强楼道巡查。');
    await wu.locator('#draft_category').fill('城乡建设');
    await bothSizes(wu, 'draft-form');
    await wu.getByTestId('draft-submit').click();
    await wu.getByTestId('suggestion-title').filter({ hasText: TITLE }).waitFor();
    expect(await stateOf(wu)).toBe('草稿');
    // On a draft, withdrawing is giving the draft up: named so, not 撤回.
    expect(await wu.getByTestId('step-withdraw').innerText()).toBe('放弃草稿');
    await wu.getByTestId('suggestion-opinions').getByText(receiptCode).waitFor();
    const suggestionId = Number(/\/suggestions\/(\d+)/.exec(wu.url())?.[1]);
    expect(suggestionId).toBeGreaterThan(0);

    // 3. He invites 钱联名 to co-sign; he cannot submit before the answer.
    await wu.getByTestId('invite-open').click();
    await dialogOpened(wu);
    const deputies = wu.getByTestId('invite-deputies');
    await deputies.locator('input').fill('钱');
    const option = wu.locator('.ant-select-item-option', { hasText: cosigner.name }).first();
    await option.waitFor();
    await dropdownOpened(wu);
    await option.click();
    await deputies.getByText(cosigner.name).waitFor();
    await settled(wu);
    await shot(wu, 'suggestions-invite-form-390');
    await wu.getByTestId('invite-submit').click();
    await wu.getByTestId('signers').getByTestId('signer-state-invited').waitFor();
    await wu.getByTestId('event-invite').getByText(`邀请：${cosigner.name}`).waitFor();
    expect(await wu.getByTestId('step-submit').count()).toBe(0);
    await bothSizes(wu, 'detail-draft');

    // 4. 钱联名 finds the invitation on her desk and confirms.
    const qian = await phoneAs(browser, cosigner.username, PASSWORD);
    await nav(qian, 'suggestionDesk');
    await qian.getByTestId('desk-count-invitations').click();
    await qian.getByTestId('desk-list-invitations').getByText(TITLE).waitFor();
    await expectNoSideways(qian, 'desk (invitations)');
    await openFromList(qian, TITLE);
    await qian.getByTestId('invitation').waitFor();
    await shot(qian, 'suggestions-invitation-390');
    await qian.getByTestId('cosign-confirm').click();
    await qian.getByTestId('signers').getByTestId('signer-state-confirmed').waitFor();
    await qian.context().close();

    // 5. 吴代表 submits it.
    await wu.reload();
    await wu.getByTestId('signers').getByTestId('signer-state-confirmed').waitFor();
    await step(wu, 'submit');
    await expect.poll(() => stateOf(wu)).toBe('已提交待审查');

    // 6. The committee (desktop) accepts it and assigns it to the street office.
    const district = await desktopAs('district');
    await nav(district, 'suggestions');
    await district.getByTestId('list-toReview').getByText(TITLE).waitFor();
    await bothSizes(district, 'committee-list');
    await openFromList(district, TITLE);
    await step(district, 'accept');
    await expect.poll(() => stateOf(district)).toBe('已立案待交办');
    await expect.poll(() => district.getByTestId('suggestion-number').innerText()).toMatch(/第\d+号/);
    await step(district, 'assign', async () => {
      await pick(district, 'action_leadUnitId', UNIT);
      await settled(district);
      await shot(district, 'suggestions-assign-form-desktop');
    });
    await expect.poll(() => stateOf(district)).toBe('办理中');
    await district.getByTestId('units').getByText(UNIT).waitFor();
    await district
      .getByTestId('event-assign')
      .getByText(new RegExp(`${UNIT}；应于 \\d{4}-\\d{2}-\\d{2} 前书面答复`))
      .waitFor();
    await district
      .getByTestId('clock-explanation')
      .getByText(/交办，答复期限 \d+ 个月/)
      .waitFor();
    await district.getByTestId('clock-due').waitFor();

    // 7. The street office, on a phone: records a consultation with the deputy, then answers B with a date.
    const unit = await phoneAs(browser, 'xinqi.office');
    await nav(unit, 'suggestions');
    await unit.getByTestId('list-unit').getByText(TITLE).waitFor();
    await bothSizes(unit, 'unit-list');
    await openFromList(unit, TITLE);
    await step(unit, 'consult', async () => {
      await expect.poll(() => unit.locator('#action_attendees').inputValue()).toContain('吴代表');
      await unit.locator('#action_notes').fill('到大港新村现场查看了充电点选址，与吴代表商定先建两处。');
      await settled(unit);
      await shot(unit, 'suggestions-consult-form-390');
    });
    await unit.getByTestId('consultations').getByText('当面').waitFor();
    const commitment = chinaDay(120);
    await step(unit, 'answer', async () => {
      await unit.locator('#action_answerClass').getByText(answerClassLabels.B.zh).click();
      await unit.locator('#action_commitmentDate').fill(commitment);
      await unit
        .locator('#action_content')
        .fill('已将集中充电点建设列入今年民生项目计划，首批两处充电棚将于年内建成投用。');
      await unit.locator('#action_signedBy').fill('街道办事处主任');
      await settled(unit);
      await shot(unit, 'suggestions-answer-form-390');
      await expectNoSideways(unit, 'answer form');
    });
    await expect.poll(() => stateOf(unit)).toBe('已答复待评价');
    await unit.getByTestId('answer-commitment').getByText(commitment).waitFor();
    await bothSizes(unit, 'detail-answered-unit');
    await unit.context().close();

    // 8. 吴代表 rates it from his "to rate" list.
    await nav(wu, 'suggestionDesk');
    await wu.getByTestId('desk-count-toRate').click();
    await wu.getByTestId('desk-list-toRate').getByText(TITLE).waitFor();
    await openFromList(wu, TITLE);
    await expect.poll(() => stateOf(wu)).toBe('已答复待评价');
    await step(wu, 'rate', async () => {
      await wu.locator('#action_communication').getByText('满意', { exact: true }).click();
      await wu.locator('#action_result').getByText('基本满意', { exact: true }).click();
      await settled(wu);
      await shot(wu, 'suggestions-rate-form-390');
    });
    await expect.poll(() => stateOf(wu)).toBe('已办结');
    await wu.getByTestId('published').waitFor();
    const events = await wu
      .getByTestId('timeline')
      .locator('[data-testid^="event-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(events).toEqual([
      'event-draft',
      'event-invite',
      'event-signer',
      'event-submit',
      'event-accept',
      'event-assign',
      'event-consult',
      'event-answer',
      'event-rate',
    ]);
    await bothSizes(wu, 'detail-closed');

    // 9. The same page in English and in large text, on the phone.
    await wu.getByTestId('lang-switch').click();
    await wu.getByTestId('large-text').click();
    await expect.poll(() => stateOf(wu)).toBe('Closed');
    await wu.getByTestId('answers').getByText(answerClassLabels.B.en).waitFor();
    await wu
      .getByTestId('clock-explanation')
      .getByText(/assigned \d{4}-\d{2}-\d{2}/)
      .waitFor();
    await settled(wu);
    await expectNoSideways(wu, 'detail in English, large text');
    await shot(wu, 'suggestions-detail-en-large-390');
    await nav(wu, 'suggestionDesk');
    await wu.getByTestId('desk-list-mine').getByText(TITLE).waitFor();
    await settled(wu);
    await expectNoSideways(wu, 'desk in English, large text');
    await shot(wu, 'suggestions-desk-en-large-390');
    await wu.context().close();

    // 10. The portal publishes it with its answer (the rule says at once) and its deputies.
    const portal = await fetch(`${s.server.baseUrl}/api/public/suggestions`);
    const published = (await portal.json()) as {
      items: { title: string; answerClass: string | null; answer: string | null; deputies: string[] }[];
    };
    expect(portal.status, JSON.stringify(published)).toBe(200);
    const shown = published.items.find((x) => x.title === TITLE);
    expect(shown, JSON.stringify(published)).toBeDefined();
    expect(shown!.answerClass).toBe('B');
    expect(shown!.answer).toContain('集中充电点');
    expect(shown!.deputies).toEqual(expect.arrayContaining(['吴代表', cosigner.name]));

    // 10b. The constituent behind the opinion got the SMS with the follow link; on her phone she
    // reads the suggestion's answer under her opinion and rates it.
    const p = s.server.platform;
    const sms = await p.db
      .selectFrom('notify_message')
      .select(['vars', 'to_phone_sealed'])
      .where('type', '=', 'opinion.suggestionAnswered')
      .execute();
    expect(sms.map((m) => p.fields.decrypt(m.to_phone_sealed!))).toEqual([CONSTITUENT_PHONE]);
    const followUrl = (sms[0]!.vars as { followUrl: string }).followUrl;
    expect(followUrl).toContain(`/follow?code=${encodeURIComponent(receiptCode)}`);
    const citizenContext = await newContext(browser, {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${s.server.baseUrl}/follow?code=${encodeURIComponent(receiptCode)}`);
    await citizen.locator('input[name=phoneLast4]').fill(CONSTITUENT_PHONE.slice(-4));
    await citizen.getByRole('button', { name: '查询' }).click();
    const linked = citizen.getByTestId('linked-suggestions');
    await linked.getByTestId('linked-answer').getByText('集中充电点').waitFor();
    await linked.getByText(/正在解决或列入计划/).waitFor();
    await linked.getByText(commitment).waitFor();
    await linked.getByText('基本满意', { exact: true }).click();
    await shot(citizen, 'suggestions-constituent-rate-390');
    await linked.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => linked.getByTestId('linked-rated').textContent()).toContain('基本满意');
    await expectNoSideways(citizen, 'portal: the suggestion under the followed opinion');
    await shot(citizen, 'suggestions-constituent-rated-390');
    await citizenContext.close();

    // 11. The committee's figures count it; the sessions and rules screen shows the rule set to 0.
    await district.reload();
    await nav(district, 'suggestionFigures');
    await district.getByTestId('figures-units').getByText(UNIT).waitFor();
    await expect.poll(() => district.getByTestId('figure-consultation-value').innerText()).toMatch(/%$/);
    expect(await district.getByTestId('figures-export').getAttribute('href')).toContain(
      '/api/suggestions/figures.xlsx',
    );
    await bothSizes(district, 'figures');
    await nav(district, 'suggestionSessions');
    await district.getByTestId('sessions').locator('.ant-table-row').first().waitFor();
    await expect.poll(() => district.locator('#rules_publishAfterWorkingDays').inputValue()).toBe('0');
    await bothSizes(district, 'sessions');

    // 12. The committee sees the constituent's rating on the page. The committed date comes (the
    // sweep is run as of that day): the suggestion reopens by itself for the street office.
    await district.goto(`${s.server.baseUrl}/console/suggestions/${suggestionId}`);
    await expect.poll(() => district.getByTestId('constituent-ratings').innerText()).toContain('基本满意 1');
    await district.getByTestId('event-constituentRate').waitFor();
    // The day before the commitment, counted from it: the test may cross midnight in China since it was set.
    expect((await sweepSuggestions(p, addDays(commitment, -1))).reopened).toBe(0);
    expect((await sweepSuggestions(p, commitment)).reopened).toBe(1);
    const again = await phoneAs(browser, 'xinqi.office');
    await again.goto(`${s.server.baseUrl}/console/suggestions/${suggestionId}`);
    await expect.poll(() => stateOf(again)).toBe('重新办理');
    await again.getByTestId('event-commitmentDue').waitFor();
    await again.getByTestId('step-answer').waitFor();
    await settled(again);
    await shot(again, 'suggestions-reopened-390');
    await again.context().close();
  }, 300_000);
});
