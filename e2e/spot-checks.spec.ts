import { expect, test } from '@playwright/test';
import { storageStateOf } from './roles';
import { waitForRows } from './table';
import { chooseOption } from './select';

test.use({ storageState: storageStateOf('supervisor') });

test('a supervisor draws 10% of 威海市中心医院 decisions over the last year, records verdicts and sees the compliance rate', async ({
  page,
}, info) => {
  test.setTimeout(150_000); // a verdict saved per sampled decision, then the same draw again
  await page.goto('/certifications/spot-checks');
  await page.getByRole('button', { name: '新建抽查' }).click();
  const dialog = page.getByRole('dialog', { name: '新建抽查' });
  await chooseOption(page, dialog.getByRole('combobox', { name: '医院' }), '威海市中心医院');
  await dialog.getByLabel('抽查比例或数量').fill('10');
  await page.screenshot({ path: info.outputPath('draw-form.png') });
  await dialog.getByRole('button', { name: '抽取样本' }).click();
  await expect(page.locator('.ant-message')).toContainText(/已从 \d+ 条决定中抽取 \d+ 条/);
  await expect(page).toHaveURL(/\/certifications\/spot-checks\/\d+$/);
  const firstUrl = page.url();
  await waitForRows(page);

  const seed = (await page.getByTestId('spot-check-seed').innerText()).trim();
  expect(seed).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByText('cyrb128-sfc32-fisher-yates-v1')).toBeVisible();
  const rows = page.locator('tbody tr.ant-table-row');
  const n = await rows.count();
  expect(n).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('compliance-rate')).toContainText('—');

  // 不合规 needs a note.
  const first = rows.first();
  await first.getByText('不合规', { exact: true }).click();
  await first.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.ant-message')).toContainText('判定为不合规时须填写说明');
  await first.getByLabel('说明').fill('缺少近 6 个月的检查报告，诊断依据不足');
  await first.getByRole('button', { name: '保存' }).click();
  await expect(first.getByRole('button', { name: '保存' })).toBeDisabled();
  for (let i = 1; i < n; i++) {
    const row = rows.nth(i);
    await row.getByText('合规', { exact: true }).click();
    await row.getByRole('button', { name: '保存' }).click();
    await expect(row.getByRole('button', { name: '保存' })).toBeDisabled();
  }
  const rate = `${(((n - 1) / n) * 100).toFixed(1)}%`;
  await expect(page.getByTestId('compliance-rate')).toContainText(rate);
  await expect(page.getByTestId('hospital-compliance-rate')).toContainText(rate);
  await page.screenshot({ path: info.outputPath('verdicts.png'), fullPage: true });
  const sampled = await rows.locator('td:first-child a').allInnerTexts();

  // The list shows this draw's and the hospital's compliance.
  await page.goto('/certifications/spot-checks');
  await waitForRows(page);
  const listRow = page
    .locator('tbody tr.ant-table-row')
    .filter({ has: page.locator(`a[href="${new URL(firstUrl).pathname}"]`) });
  await expect(listRow).toContainText('威海市中心医院');
  await expect(listRow).toContainText('按比例 10%');
  await expect(listRow).toContainText(rate);
  await expect(page.locator('.ant-card').filter({ hasText: '各医院认定合规率' })).toContainText(rate);

  // The same hospital, period and seed reproduce the same sample.
  await page.getByRole('button', { name: '新建抽查' }).click();
  await chooseOption(page, dialog.getByRole('combobox', { name: '医院' }), '威海市中心医院');
  await dialog.getByLabel('抽查比例或数量').fill('10');
  await dialog.getByLabel('种子').fill(seed);
  await dialog.getByRole('button', { name: '抽取样本' }).click();
  await expect(page).toHaveURL(/\/certifications\/spot-checks\/\d+$/);
  expect(page.url()).not.toBe(firstUrl);
  await waitForRows(page);
  await expect(page.getByTestId('spot-check-seed')).toHaveText(seed);
  expect(await page.locator('tbody tr.ant-table-row td:first-child a').allInnerTexts()).toEqual(sampled);
});
