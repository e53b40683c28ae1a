import { expect, test } from '@playwright/test';
import { LOGIN_FAILED } from '../lib/auth/login-messages';
import { LOCKOUT_USER } from './global-setup';
import { login } from './login';
import { EXPECTED_MENUS, ROLES, storageStateOf } from './roles';

for (const role of ROLES) {
  test.describe(`${role}`, () => {
    test.use({ storageState: storageStateOf(role) });
    test(`${role} 只看到本角色的菜单`, async ({ page }) => {
      await page.goto('/');
      const menu = page.getByRole('menu', { name: '主菜单' });
      await expect(menu).toBeVisible();
      await expect(menu.getByRole('menuitem')).toHaveText(EXPECTED_MENUS[role]);
    });
  });
}

test.describe('direct requests outside the role get 403', () => {
  test.use({ storageState: storageStateOf('hospital') });
  test('hospital staff: registry page and API are refused', async ({ page, request }) => {
    const res = await page.goto('/persons');
    expect(res?.status()).toBe(403);
    await expect(page.getByText('403 · 无权访问')).toBeVisible();
    const api = await request.get('/api/persons');
    expect(api.status()).toBe(403);
    expect((await api.json()).error).toContain('无权访问');
  });
});

test.describe('agency staff cannot reach admin pages', () => {
  test.use({ storageState: storageStateOf('staff') });
  test('staff: /admin/users and /audit are 403', async ({ page }) => {
    for (const path of ['/admin/users', '/audit', '/workstation']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
    }
  });
});

test('五次输错密码锁定账户（提示不透露账户是否存在或已锁定）', async ({ page }) => {
  for (let i = 1; i <= 5; i++) {
    await login(page, LOCKOUT_USER, 'wrong-password');
    await expect(page.locator('.ant-alert-error')).toContainText(LOGIN_FAILED);
  }
  // Even the right password is refused while locked — with the same message as an unknown user.
  await login(page, LOCKOUT_USER, 'Lockout#2026');
  await expect(page.locator('.ant-alert-error')).toContainText(LOGIN_FAILED);
  await expect(page).toHaveURL(/\/login/);
  await login(page, 'e2e_nobody', 'wrong-password');
  await expect(page.locator('.ant-alert-error')).toContainText(LOGIN_FAILED);
});
