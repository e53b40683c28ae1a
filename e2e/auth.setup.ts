import { expect, test as setup } from '@playwright/test';
import { DEMO_PASSWORD, ROLES, storageStateOf } from './roles';
import { login } from './login';

for (const role of ROLES) {
  setup(`${role} 登录并保存会话`, async ({ page }) => {
    await login(page, role, DEMO_PASSWORD);
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
