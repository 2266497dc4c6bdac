import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.js';
import { dialogOpened, drawerOpened } from './dialogs.js';
import { pickOption, pickOrg } from './pickers.js';
import { shot, signIn, useBrowserSuite } from './support.js';

const s = useBrowserSuite();

/** The tree row of an organisation on the organisations page. */
const orgRow = (page: Page, name: string) =>
  page.getByTestId(/^org-\d+$/).filter({ has: page.getByText(name, { exact: true }) });

const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}`);
const UNIT_COLUMNS = ['编号', '名称', '类型', '上级机构', '行政区划代码', '联系人', '联系电话', '状态'];

describe('organisations, handling units, deputy groups and regions', () => {
  it('a district officer keeps the handling units: creates, edits, deactivates and imports them', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-units').click();
    await page.locator('.ant-table-row', { hasText: '北仑区住房和城乡建设局' }).getByText('冯住建').waitFor();

    await page.getByTestId('create-unit').click();
    await dialogOpened(page);
    await pickOrg(page, 'org_parentId', '北仑区人大常委会');
    await page.locator('#org_name').fill('北仑区水利局');
    await page.locator('#org_code').fill('BL-SLJ');
    await page.locator('#org_contactPerson').fill('孙水利');
    await page.locator('#org_contactPhone').fill('0574-86781111');
    await page.getByTestId('org-submit').click();
    const row = page.locator('.ant-table-row', { hasText: '北仑区水利局' });
    await row.getByText('0574-86781111').waitFor();

    await row.locator('[data-testid^=unit-edit-]').click();
    await dialogOpened(page);
    await page.locator('#org_contactPhone').fill('0574-86782222');
    await page.getByTestId('org-active').click();
    await page.getByTestId('org-submit').click();
    await row.getByText('0574-86782222').waitFor();
    await row.getByText('已停用').waitFor();

    // An import with mistakes applies nothing and lists them by row.
    await page.getByTestId('import-units').click();
    await dialogOpened(page);
    const bad = [
      UNIT_COLUMNS,
      ['BL-JYJ', '北仑区教育局', '政府部门', '', '', '周教育', '0574-86783333', ''],
      ['BL-WJJ', '北仑区卫生健康局', '医院', '', '', '', '12', ''],
    ];
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: csv(bad) });
    await page.getByTestId('import-submit').click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.locator('.ant-table-row').count()).toBe(2);
    expect(await problems.innerText()).toContain('类型应为');
    await shot(page, 'units-import-problems');
    const good = bad.slice(0, 2).concat([['BL-WJJ', '北仑区卫生健康局', '政府部门', '', '', '', '', '']]);
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: csv(good) });
    await page.getByTestId('import-submit').click();
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('新增 2');
    await page.locator('.ant-modal').getByRole('button', { name: '完成' }).click();
    await page.locator('.ant-table-row', { hasText: '北仑区教育局' }).getByText('周教育').waitFor();

    // The export takes the list's filters.
    await page.getByTestId('unit-search').locator('input').fill('blq');
    await page.getByTestId('unit-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('export-units').getAttribute('href')).toContain('q=blq');
    await page.locator('.ant-table-row', { hasText: '北仑区水利局' }).waitFor();
    // The bureau was listed before the filter too: wait for the filtered list itself, not for time.
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '街道办事处' }).count()).toBe(0);
    await shot(page, 'units-list');
  });

  it('a street officer adds a body below the committee and deactivates it; the tree keeps it', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('nav-orgs').click();
    const committee = orgRow(page, '新碶街道人大工委');
    await committee.waitFor();
    // The committee itself is managed from above: it can be added to, not edited, here.
    expect(await committee.locator('[data-testid^=org-edit-]').count()).toBe(0);
    await committee.locator('[data-testid^=org-add-below-]').click();
    await dialogOpened(page);
    await page.locator('#org_name').fill('新碶街道社区服务中心');
    await pickOption(page, 'org_kind', '其他');
    await page.getByTestId('org-submit').click();
    const body = orgRow(page, '新碶街道社区服务中心');
    await body.waitFor();
    await body.locator('[data-testid^=org-edit-]').click();
    await dialogOpened(page);
    await page.getByTestId('org-active').click();
    await page.getByTestId('org-submit').click();
    await expect.poll(() => body.count()).toBe(0);
    await page.getByText('显示已停用').click();
    await body.getByTestId('org-inactive').waitFor();
    await shot(page, 'orgs-tree-manage');
  });

  it('a street officer forms a deputy group, adds a member as leader; the profile shows it with photo and terms', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'xinqi.officer', DEMO_PASSWORD);
    await page.getByTestId('nav-groups').click();
    await page.locator('.ant-table-row', { hasText: '新碶街道第一代表小组' }).getByText('吴代表').waitFor();

    await page.getByTestId('create-group').click();
    await dialogOpened(page);
    await pickOrg(page, 'group_orgId', '新碶街道人大工委');
    await page.locator('#group_name').fill('新碶街道第二代表小组');
    await page.getByTestId('group-submit').click();
    // The new group opens in its drawer, which slides in.
    await drawerOpened(page);
    await page.getByTestId('add-group-member').click();
    await dialogOpened(page);
    await page.locator('#groupMember_deputyId').click();
    await page.locator('#groupMember_deputyId').fill('cxm');
    // The search runs once typing pauses: wait for its answer (only this deputy) before choosing.
    await expect.poll(() => page.locator('.ant-select-item-option').count()).toBe(1);
    await page.locator('.ant-select-item-option', { hasText: '陈晓梅' }).click();
    await expect
      .poll(() => page.locator('.ant-select', { has: page.locator('#groupMember_deputyId') }).innerText())
      .toContain('陈晓梅');
    await page.getByText('设为组长（替换现任组长）').click();
    await page.getByTestId('group-member-submit').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.locator('.ant-table-row', { hasText: '陈晓梅' }).getByTestId('leader-tag').waitFor();
    await shot(page, 'group-drawer');
    await drawer.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await page.locator('.ant-table-row', { hasText: '新碶街道第二代表小组' }).getByText('陈晓梅').waitFor();

    await page.getByTestId('nav-deputies').click();
    await page.getByTestId('create-deputy').waitFor();
    await page.locator('.ant-table-row').getByRole('button', { name: '陈晓梅' }).click();
    const profile = page.locator('.ant-drawer-open');
    await profile.getByText('新碶街道第二代表小组 · 组长').waitFor();
    await profile.getByText('第十七届、第十八届').waitFor();
    const photo = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#4a6fa5' } })
      .jpeg()
      .toBuffer();
    await profile
      .locator('input[type=file][accept*="image"]')
      .setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: photo });
    await profile.locator('img[alt="陈晓梅"]').waitFor();
    await shot(page, 'deputy-profile-photo-groups');
  });

  it('an administrator corrects a region name and adds a community', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.getByTestId('nav-regions').click();
    const tree = page.getByTestId('region-tree');
    for (const name of ['浙江省', '宁波市', '北仑区', '新碶街道']) {
      const node = tree.locator('.ant-tree-treenode', { has: page.getByText(name, { exact: true }) });
      await node.locator('.ant-tree-switcher').click();
    }
    await tree.getByText('杜鹃社区', { exact: true }).click();
    await page.locator('#regionName_name').fill('杜鹃社区居委会');
    await page.getByTestId('region-rename').click();
    await tree.getByText('杜鹃社区居委会', { exact: true }).waitFor();
    await tree.getByText('新碶街道', { exact: true }).click();
    await page.locator('#regionChild_code').fill('330206002099');
    await page.locator('#regionChild_name').fill('新建演示社区');
    await page.getByTestId('region-add').click();
    await tree.getByText('新建演示社区', { exact: true }).waitFor();
    await shot(page, 'regions-admin');
  });

  it('shows the handling units in English with large text', async () => {
    const page = s.page;
    await signIn(page, s.server.baseUrl, 'district', DEMO_PASSWORD);
    await page.getByTestId('nav-units').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('large-text').click();
    await page.getByTestId('nav-units').click();
    await expect.poll(() => page.getByTestId('create-unit').innerText()).toContain('New handling unit');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'units-en-large');
    await page.getByTestId('nav-groups').click();
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'groups-en-large');
  });
});
