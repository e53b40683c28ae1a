import { expect, type Page } from '@playwright/test';

/** Waits until the antd table has finished loading and shows rows. */
export async function waitForRows(page: Page) {
  await expect(page.locator('.ant-table .ant-spin-spinning')).toHaveCount(0);
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
}
