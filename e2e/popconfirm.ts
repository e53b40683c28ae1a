import { expect, type Locator, type Page } from '@playwright/test';

/** The antd Popconfirm that is open (closed ones stay in the DOM, hidden). */
export const openPopconfirm = (page: Page) => page.locator('.ant-popconfirm:not(.ant-popover-hidden)');

/**
 * Opens an antd Popconfirm with `trigger`, clicks its `button` and waits until it has closed. A
 * click that lands while the popconfirm is still animating open can be lost (seen in CI: the
 * confirmation stayed open and nothing was sent); the click is then retried. A loading button (the
 * action under way) ignores the repeat.
 */
export async function confirmWith(page: Page, trigger: Locator, button: string | RegExp) {
  const open = openPopconfirm(page);
  await expect(async () => {
    if ((await open.count()) === 0) await trigger.click();
    await open.getByRole('button', { name: button, exact: typeof button === 'string' }).click({ timeout: 2_000 });
    await expect(open).toHaveCount(0, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
}
