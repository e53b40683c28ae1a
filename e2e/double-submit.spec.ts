import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { createDb } from '../db';
import { storageStateOf } from './roles';

/**
 * Double submits and retries (issue 13 §5): a write whose answer is lost on the way back (here a
 * proxy answering 502 after the portal has written), sent again with the same input after a reload
 * of the page, carries the same request key (lib/client/request-keys.ts), so the server writes it once.
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
    if (lost++ > 0) return route.fulfill({ response: answer });
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
  await expect(dialog.getByRole('button', { name: /登\s*记$/ })).toHaveClass(/ant-btn-loading/); // left waiting

  await page.reload(); // the user gives up waiting, reloads the page and tries again
  await allocate();
  await expect(page.locator('.ant-message')).toContainText('已登记预拨资金', { timeout: 30_000 });
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(await fundEntriesNoted(note)).toBe(1);
});
