import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDb } from '../db';
import { users } from '../db/schema';
import { hashPassword } from '../lib/auth/password';
import { login } from './login';
import { storageStateOf } from './roles';

const SELF = { username: 'e2e_pw_self', password: 'Self#2026a' };
const RESET = { username: 'e2e_pw_reset', password: 'Before#2026a' };

/** Fresh supervisors for these tests (reset to their first password, so the spec can run again). */
test.beforeAll(async () => {
  const { db, close } = createDb(process.env.DATABASE_URL ?? '', { max: 1 });
  try {
    for (const u of [SELF, RESET]) {
      const values = { passwordHash: await hashPassword(u.password), mustChangePassword: false, failedAttempts: 0 };
      await db
        .insert(users)
        .values({ username: u.username, displayName: `改密测试 ${u.username}`, role: 'supervisor', ...values })
        .onConflictDoUpdate({ target: users.username, set: values });
      await db.update(users).set({ lockedUntil: null }).where(eq(users.username, u.username));
    }
  } finally {
    await close();
  }
});

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

async function changePassword(page: Page, oldPassword: string, newPassword: string) {
  await page.getByLabel('原密码').fill(oldPassword);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '确认修改' }).click();
}

test('a user changes their own password: the old one no longer logs in, the new one does', async ({ browser }) => {
  const page = await freshPage(browser);
  await login(page, SELF.username, SELF.password);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL(/\/account\/password$/);

  await changePassword(page, 'Wrong#2026a', 'Mine#2026ab');
  await expect(page.getByText('原密码不正确').first()).toBeVisible();
  await changePassword(page, SELF.password, 'short');
  await expect(page.getByText('密码至少 8 位').first()).toBeVisible();
  await changePassword(page, SELF.password, 'Mine#2026ab');
  await expect(page).toHaveURL(/\/dashboard/); // a supervisor lands on 统计分析
  await expect(page.getByTestId('current-user')).toBeVisible(); // signed in again with the new password

  const other = await freshPage(browser);
  await login(other, SELF.username, SELF.password);
  await expect(other.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible(); // the login form's error
  await expect(other).toHaveURL(/\/login/);
  await login(other, SELF.username, 'Mine#2026ab');
  await expect(other.getByTestId('current-user')).toBeVisible();
  await page.context().close();
  await other.context().close();
});

test.describe('after an admin reset', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('the user’s session ends and the next login leads to 修改密码 first', async ({ page, browser }) => {
    test.setTimeout(150_000); // two users, a reset, two logins, a password change and the landing dashboard
    const user = await freshPage(browser);
    await login(user, RESET.username, RESET.password);
    await expect(user.getByTestId('current-user')).toBeVisible();

    await page.goto('/admin/users');
    const row = page.getByRole('row', { name: new RegExp(RESET.username) });
    await row.getByRole('button', { name: '重置密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新密码', { exact: true }).fill('Reset#2026a');
    await dialog.getByLabel('确认新密码').fill('Reset#2026a');
    await dialog.getByRole('button', { name: '重置' }).click();
    await expect(row).toContainText('待本人改密');

    await user.goto('/persons');
    await expect(user).toHaveURL(/\/login/); // the session from before the reset is refused

    await login(user, RESET.username, 'Reset#2026a');
    await expect(user).toHaveURL(/\/account\/password$/);
    await expect(user.getByText('请先设置新密码')).toBeVisible();
    await user.goto('/persons');
    await expect(user).toHaveURL(/\/account\/password$/); // every portal page leads here until changed

    await changePassword(user, 'Reset#2026a', 'Own#2026abc');
    await expect(user).toHaveURL(/\/dashboard/);
    await expect(user.getByTestId('current-user')).toBeVisible();
    await user.context().close();
  });
});
