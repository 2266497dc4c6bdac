import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { dropdownOpened } from './dialogs.js';

/** The dropdown that is open and not on its way out. */
const OPEN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Chooses in the antd select `select`: open it (typing `typed`, if given, into its search), wait for
 * the dropdown to settle (an option clicked while the dropdown slides in is missed), click the first
 * `item` of the open dropdown whose text matches `match`, and see that the select shows `shown`.
 */
export async function choose(
  page: Page,
  select: Locator,
  opts: { item?: string; match: RegExp; typed?: string; shown: string | RegExp },
) {
  const input = select.locator('input').first();
  await input.click();
  if (opts.typed !== undefined) await input.fill(opts.typed);
  const option = page
    .locator(`${OPEN} ${opts.item ?? '.ant-select-item-option'}`)
    .filter({ hasText: opts.match })
    .first();
  await option.waitFor();
  await dropdownOpened(page);
  await option.click();
  await expect.poll(() => select.innerText()).toMatch(opts.shown);
}

const selectOf = (page: Page, id: string) => page.locator('.ant-select', { has: page.locator(`#${id}`) });

/**
 * Picks an organisation in the OrgTreeSelect whose input has `id`: types the name and clicks the
 * match (the dialog around it has finished opening, see dialogOpened; the tree keeps its nodes open
 * whenever the organisations arrive).
 */
export async function pickOrg(page: Page, id: string, name: string) {
  await choose(page, selectOf(page, id), {
    item: '.ant-select-tree-title',
    match: exactly(name),
    typed: name,
    shown: name,
  });
}

/** Chooses the option whose text is exactly `text` of the antd Select whose input has `id`. */
export async function pickOption(page: Page, id: string, text: string) {
  await choose(page, selectOf(page, id), { match: exactly(text), shown: exactly(text) });
}
