import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { createDb } from '../db';
import { ACTION_UNANSWERED } from '../lib/client/settle-action';
import { storageStateOf } from './roles';

/**
 * Double submits and retries (issue 13 §5): a write whose answer is lost on the way back (here a
 * proxy answering 502 after the portal has written) leaves the form saying so, not waiting; sent again
 * with the same input — from the same dialog, or after a reload of the page — it carries the same request
 * key (lib/client/request-keys.ts), so the server writes it once.
 */
test.use({ storageState: storageStateOf('staff') });

async function fundEntriesNoted(note: string): Promise<number> {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from subsidy_fund_entries where note = ${note}`,
    );
    return row.n;
  } finally {
    await close();
  }
}

test('an allocation retried after its answer was lost is recorded once', async ({ page }) => {
  test.setTimeout(120_000);
  const note = `重试测试 ${Date.now()}`;
  const keys: string[] = [];
  let lost = 0;
  await page.route('**/subsidies', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
    keys.push(request.headers()['x-request-key'] ?? 'none');
    const answer = await route.fetch(); // the portal writes and answers …
    if (lost++ > 1) return route.fulfill({ response: answer });
    return route.fulfill({ status: 502, body: 'Bad Gateway' }); // … and the first answer is lost on the way
  });

  await page.goto('/subsidies');
  const allocate = async () => {
    await page.getByRole('button', { name: '登记预拨资金' }).click();
    const dialog = page.getByRole('dialog', { name: '登记预拨资金' });
    await dialog.getByLabel('拨付金额（元）').fill('1.23');
    await dialog.getByLabel('拨付文号或说明').fill(note);
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    return dialog;
  };
  const dialog = await allocate();
  await expect.poll(() => lost, { timeout: 30_000 }).toBe(1);
  expect(await fundEntriesNoted(note)).toBe(1); // written, though the browser got no answer
  // The dialog does not wait forever: it says the outcome is unknown and may be sent again (lib/client/settle-action.ts).
  await expect(page.locator('.ant-message')).toContainText(ACTION_UNANSWERED);
  const submit = dialog.getByRole('button', { name: /登\s*记$/ });
  await expect(submit).not.toHaveClass(/ant-btn-loading/);

  await submit.click(); // sent again from the same dialog: its answer is lost too
  await expect.poll(() => lost, { timeout: 30_000 }).toBe(2);
  await expect(submit).not.toHaveClass(/ant-btn-loading/);

  await page.reload(); // the user reloads the page and tries once more
  await allocate();
  await expect(page.locator('.ant-message')).toContainText('已登记预拨资金', { timeout: 30_000 });
  expect(keys).toHaveLength(3);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(new Set(keys).size).toBe(1);
  expect(await fundEntriesNoted(note)).toBe(1);
});
