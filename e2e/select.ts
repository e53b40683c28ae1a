import { expect, type Locator, type Page } from '@playwright/test';

/** The antd select dropdown that is currently open (closed ones stay in the DOM, hidden). */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/**
 * Picks one option of an antd Select and waits until its dropdown has closed.
 * A click that lands while the dropdown is still animating open can leave it
 * open over the next field (seen in CI); the pick is then retried.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp) {
  const dropdown = openDropdown(page);
  await expect(async () => {
    if ((await dropdown.count()) === 0) await combobox.click();
    await dropdown.getByTitle(option, { exact: typeof option === 'string' }).click({ timeout: 2_000 });
    await expect(dropdown).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
