import { expect, test } from '@playwright/test';
import { login } from './login';
import { storageStateOf } from './roles';
import { waitForRows } from './table';
import { chooseOption } from './select';

test.describe('admin manages users', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('creates a town staff account that can log in, then disables it', async ({ page, browser }) => {
    await page.goto('/admin/users');
    await waitForRows(page);
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('e2e_town');
    await dialog.getByLabel('姓名').fill('测试经办员');
    await dialog.getByLabel('初始密码').fill('weak');
    await dialog.getByLabel('确认密码').fill('weak');
    await chooseOption(page, dialog.getByRole('combobox', { name: '所属区县' }), '文登区');
    await chooseOption(page, dialog.getByRole('combobox', { name: '所属镇街' }), '天福路街道');
    await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
    await expect(dialog.getByText('密码至少 8 位')).toBeVisible();
    await dialog.getByLabel('初始密码').fill('Town#2026x');
    await dialog.getByLabel('确认密码').fill('Town#2026x');
    await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
    await expect(page.getByRole('row', { name: /e2e_town/ })).toBeVisible();

    const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await fresh.newPage();
    await login(other, 'e2e_town', 'Town#2026x');
    await expect(other.getByTestId('current-user')).toHaveText('测试经办员');
    await other.goto('/persons');
    await waitForRows(other);
    expect(new Set(await other.locator('tbody tr.ant-table-row td:nth-child(5)').allInnerTexts())).toEqual(
      new Set(['天福路街道']),
    );
    await fresh.close();

    const row = page.getByRole('row', { name: /e2e_town/ });
    await row.getByRole('button', { name: '停用' }).click();
    await page
      .getByRole('button', { name: /确\s*定|停\s*用/ })
      .last()
      .click();
    await expect(row).toContainText('已停用');
  });
});

test.describe('supervisor reads the audit log', () => {
  test.use({ storageState: storageStateOf('supervisor') });
  test('sees login rows and filters by action', async ({ page }) => {
    await page.goto('/audit');
    await waitForRows(page);
    await expect(page.locator('tbody')).toContainText('登录成功');
  });
});
