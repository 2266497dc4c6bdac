import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { dropdownOpened } from './dialogs.js';

/**
 * Picks an organisation in the OrgTreeSelect whose input has `id`: type the name, wait for the
 * dropdown to settle, click the match, and see that it took. The dialog around it has finished
 * opening (see dialogOpened), and the tree keeps its nodes open whenever the organisations arrive.
 */
export async function pickOrg(page: Page, id: string, name: string) {
  const select = page.locator('.ant-select', { has: page.locator(`#${id}`) });
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(name);
  const match = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .first();
  await match.waitFor();
  await dropdownOpened(page);
  await match.click();
  await expect.poll(() => select.innerText()).toContain(name);
}

/**
 * Chooses the option `text` of the antd Select whose input has `id`: open it, wait for its dropdown
 * to settle (an option clicked while the dropdown slides in is missed), click the option of the
 * open dropdown whose text is exactly `text`, and see that it took.
 */
export async function pickOption(page: Page, id: string, text: string) {
  const select = page.locator('.ant-select', { has: page.locator(`#${id}`) });
  await page.locator(`#${id}`).click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first();
  await option.waitFor();
  await dropdownOpened(page);
  await option.click();
  await expect.poll(() => select.innerText()).toBe(text);
}
