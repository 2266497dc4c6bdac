import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { dialogOpened, drawerOpened, dropdownOpened } from './dialogs.js';
import { pickOption, pickOrg } from './pickers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

const COMMITTEE = '新碶街道人大工委';
const STATION = '新碶街道海景社区代表联络室';
const FIRST = '林海峰';
const SECOND = '许静怡';

/** Picks regions in a RegionTreeSelect (several): open it, click each name, close it. */
async function pickRegions(page: Page, id: string, names: string[]) {
  await page.locator(`#${id}`).click();
  await dropdownOpened(page);
  for (const name of names) {
    await page
      .locator('.ant-select-tree-title')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .first()
      .click();
  }
  await page.keyboard.press('Escape');
  const select = page.locator('.ant-select', { has: page.locator(`#${id}`) });
  for (const name of names) await expect.poll(() => select.innerText()).toContain(name);
}

/** Registers a deputy through the 新增代表 form. */
async function createDeputy(page: Page, name: string, phone: string) {
  await page.getByTestId('create-deputy').click();
  await dialogOpened(page);
  await page.locator('#deputy_name').fill(name);
  await pickOrg(page, 'deputy_orgId', COMMITTEE);
  await page.locator('#deputy_occupation').fill('演示社区工作者');
  await page.locator('#deputy_publicContact').fill('请通过联络站联系');
  await page.locator('#deputy_privatePhone').fill(phone);
  await page.getByTestId('deputy-submit').click();
  await page.locator('#deputy_name').waitFor({ state: 'detached' });
  await page.locator('.ant-table-row', { hasText: name }).first().waitFor();
}

/** Adds a deputy to the open station through the 添加代表 dialog. */
async function addMember(page: Page, name: string, asHead: boolean) {
  await page.getByTestId('add-member').click();
  await dialogOpened(page);
  await page.locator('#member_deputyId').click();
  await page.locator('#member_deputyId').fill(name);
  // The search runs once typing pauses: wait for its answer (only this deputy) before choosing.
  await expect.poll(() => page.locator('.ant-select-item-option').count()).toBe(1);
  await page.locator('.ant-select-item-option', { hasText: name }).click();
  await expect
    .poll(() => page.locator('.ant-select', { has: page.locator('#member_deputyId') }).innerText())
    .toContain(name);
  if (asHead) await page.getByTestId('add-member-head').click();
  await page.getByTestId('add-member-submit').click();
  await page.locator('#member_deputyId').waitFor({ state: 'detached' });
  await page.locator('.ant-table-row', { hasText: name }).first().waitFor();
}

describe('stations and deputies', () => {
  it('a district officer registers deputies, opens a station and brings it up to standard', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);

    // Two deputies, registered with the street working committee.
    await page.getByTestId('nav-deputies').click();
    await page.getByTestId('create-deputy').waitFor();
    await createDeputy(page, FIRST, '13900000001');
    await createDeputy(page, SECOND, '13900000002');

    // Pinyin initials find a deputy; the private phone shows in full only on request.
    await page.getByTestId('deputy-search').locator('input').fill('lhf');
    await page.getByTestId('deputy-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await page.locator('.ant-table-row', { hasText: FIRST }).click();
    await drawerOpened(page);
    await page.getByText('139****0001').first().waitFor();
    await page.getByTestId('reveal-contact').click();
    await expect.poll(() => page.getByTestId('revealed-phone').innerText()).toContain('13900000001');
    await shot(page, 'deputy-profile-revealed');
    await page.keyboard.press('Escape');

    // A station under the committee, its wall information filled in.
    await page.getByTestId('nav-stations').click();
    await page.getByTestId('create-station').click();
    await dialogOpened(page);
    await pickOrg(page, 'station_parentId', COMMITTEE);
    await page.locator('#station_name').fill(STATION);
    await pickOption(page, 'station_kind', '代表联络室');
    await page.locator('#station_address').fill('北仑区新碶街道海景路 8 号（演示地址）');
    await page.locator('#station_openingHours').fill('工作日 9:00–17:00');
    await pickRegions(page, 'station_regionCodes', ['杜鹃社区', '迎春社区']);
    // The reception-day rule, recognised from how the station writes it.
    await page.getByTestId('rule-text').fill('每月第二个周四下午2:30-5:00');
    await page.getByTestId('rule-recognise').click();
    await expect.poll(() => page.getByTestId('rule-preview').innerText()).toContain('每月第二个周四 14:30–17:00');
    await page.locator('#station_receptionRule').fill('其他时间可电话预约');
    await page.locator('#station_publishedRules').fill('定期接待、登记、交办、反馈、测评。');
    await page.locator('#station_publishedWorkflow').fill('反映 → 登记 → 交办 → 办理 → 反馈 → 测评');
    await shot(page, 'station-create-form');
    await page.getByTestId('station-submit').click();

    // The new station lacks people: deputies, a head, a liaison officer; nothing on the wall is missing.
    const problems = page.getByTestId('composition-problems');
    await problems.waitFor();
    await expect.poll(() => page.url()).toMatch(/\/console\/stations\/\d+$/);
    const stationId = Number(/\/stations\/(\d+)$/.exec(page.url())![1]);
    expect(await problems.getByTestId('problem-tooFewDeputies').count()).toBe(1);
    expect(await problems.getByTestId('problem-noHead').count()).toBe(1);
    expect(await problems.getByTestId('problem-noLiaisonOfficer').count()).toBe(1);
    expect(await problems.getByTestId('problem-missingAddress').count()).toBe(0);
    expect(await problems.getByTestId('problem-missingWorkflow').count()).toBe(0);
    await shot(page, 'station-new-problems');

    // Two deputies, one as head: only the liaison officer is still missing.
    await addMember(page, FIRST, true);
    await addMember(page, SECOND, false);
    await expect.poll(() => problems.getByTestId('problem-tooFewDeputies').count()).toBe(0);
    await expect.poll(() => problems.getByTestId('problem-noHead').count()).toBe(0);
    expect(await problems.getByTestId('problem-noLiaisonOfficer').count()).toBe(1);
    const headRow = page.locator('.ant-table-row', { hasText: FIRST }).first();
    expect(await headRow.getByTestId('head-tag').count()).toBe(1);
    await page.getByTestId('wall-preview').getByText(SECOND).waitFor();
    // The wall shows the rule in words and the next three reception days.
    const wall = page.getByTestId('wall-preview');
    await expect.poll(() => wall.getByTestId('reception-days').innerText()).toContain('每月第二个周四');
    expect((await wall.getByTestId('next-receptions').innerText()).match(/\d{4}-\d{2}-\d{2}/g)).toHaveLength(3);
    await shot(page, 'station-members-added');

    // The security administrator grants 孙联络 the liaison officer role on the station.
    const liaison = await s.server.platform.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'xinqi.liaison')
      .executeTakeFirstOrThrow();
    await s.server.platform.db
      .insertInto('user_role')
      .values({ user_id: liaison.id, role: 'liaisonOfficer', org_id: stationId })
      .execute();
    await page.reload();
    await page.getByTestId('composition-ok').waitFor();
    expect(await page.getByTestId('composition-problems').count()).toBe(0);
    await page.getByText('孙联络').first().waitFor();

    // The list agrees: the new station is compliant.
    await page.getByTestId('nav-stations').click();
    const row = page.locator('.ant-table-row', { hasText: STATION });
    await row.getByText('合规').waitFor();
    await page.getByTestId('compliance-summary').waitFor();
  });

  it('a street officer adds photos and informants; the history shows who changed what', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('nav-stations').click();
    await page.locator('.ant-table-row a', { hasText: '新碶街道人大代表联络站' }).click();
    await page.getByTestId('wall-preview').waitFor();

    // A photo straight from a phone: its EXIF (GPS included) is removed on upload.
    const photo = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#b22222' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 53/1 0/1' } })
      .toBuffer();
    await page.getByPlaceholder('照片说明（可不填）').fill('接待室');
    await page
      .locator('input[type=file][accept*="image"]')
      .setInputFiles({ name: 'IMG_2048.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('station-photo').first().waitFor();
    await page.getByTestId('wall-preview').locator('img').waitFor();

    // An informant: the phone is kept encrypted, shown masked, revealed on request (audited).
    await page.getByTestId('add-informant').click();
    await dialogOpened(page);
    await page.locator('#informant_name').fill('钱志愿');
    await page.locator('#informant_phone').fill('13912340000');
    await page.locator('#informant_community').fill('杜鹃社区');
    await page.getByTestId('informant-submit').click();
    const row = page.getByTestId('informants').locator('.ant-table-row', { hasText: '钱志愿' });
    await row.getByText('139****0000').waitFor();
    await row.locator('[data-testid^=informant-reveal-]').click();
    await expect.poll(() => row.getByTestId('informant-phone-revealed').innerText()).toBe('13912340000');
    await shot(page, 'station-photos-informants');

    await page.getByTestId('station-history-link').click();
    const history = page.getByTestId('station-history');
    await history.locator('.ant-table-row', { hasText: '新增民情联络员' }).waitFor();
    await history.locator('.ant-table-row', { hasText: '查看民情联络员电话' }).waitFor();
    await history.locator('.ant-table-row', { hasText: '添加照片' }).waitFor();
    expect(await history.innerText()).not.toContain('13912340000');
    await shot(page, 'station-history');
  });

  it('picks the parent committee even when the organisations arrive after typing', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-stations').waitFor();
    // The organisation list answers late, as on a busy server: the match must still show.
    await page.route('**/api/orgs', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(`${s.server.baseUrl}/console/stations`);
    await page.getByTestId('create-station').click();
    await dialogOpened(page);
    await pickOrg(page, 'station_parentId', COMMITTEE);
  });

  it('shows the station screens in English', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-stations').waitFor();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-stations').innerText()).toMatch(/Stations/);
    await page.getByTestId('nav-stations').click();
    await page.getByTestId('compliance-summary').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'stations-list-en');
    await page.locator('.ant-table-row a').first().click();
    await page.getByTestId('wall-preview').waitFor();
    await shot(page, 'station-detail-en');
    await page.getByTestId('nav-deputies').click();
    await page.locator('.ant-table-row').first().waitFor();
  });

  it('a liaison officer reads stations but cannot change them', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.liaison', DEMO_PASSWORD);
    await page.getByTestId('nav-stations').click();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByTestId('create-station').count()).toBe(0);
    await page.locator('.ant-table-row a').first().click();
    await page.getByTestId('wall-preview').waitFor();
    expect(await page.getByTestId('add-member').count()).toBe(0);
    expect(await page.getByTestId('edit-station').count()).toBe(0);
    await page.getByTestId('nav-deputies').click();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByTestId('create-deputy').count()).toBe(0);
  });
});
