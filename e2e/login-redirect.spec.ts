import { expect, test } from '@playwright/test';

/** Finding 5 of the security review: the login's callbackUrl cannot send the user to another site. */
for (const target of ['//evil.example/x', '/\\evil.example/x', 'https://evil.example/x']) {
  test(`after login, callbackUrl ${target} stays on the portal`, async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel('用户名').fill('supervisor');
    await page.getByLabel('密码').fill('Demo#2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

test('a path of the portal is kept', async ({ page }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent('/audit?page=1')}`);
  await page.getByLabel('用户名').fill('supervisor');
  await page.getByLabel('密码').fill('Demo#2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/audit\?page=1/, { timeout: 30_000 });
});
