import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { createDb } from '../db';
import { storageStateOf } from './roles';
import { confirmImport, openListUpload, uploadForPreview } from './list-upload';
import { confirmWith } from './popconfirm';

/**
 * Issue 10: a newer list adds a person who already paid → a refund record. Last year and the town of
 * the demo town_staff (龙山路街道), so no other spec's roster (this year's) is touched: the town's
 * roster is approved from a first 民政-特困 list, a newer version of that list adds a person who
 * paid their contribution, the regenerated batch pays them back (年中新增 · 返还本人), and once
 * approved the refund is on 退费记录 as 待退 and is recorded as 已退.
 */
const YEAR = new Date().getFullYear() - 1;
const LONGSHAN = '371003001';
const SOURCE = 'minzheng_tekun';

interface Person {
  id: number;
  name: string;
  idNumber: string;
}

async function withDb<T>(fn: (db: ReturnType<typeof createDb>['db']) => Promise<T>): Promise<T> {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    return await fn(db);
  } finally {
    await close();
  }
}

/**
 * Two people of the town enrolled last year as residents only (so no 销号 case), who paid their
 * contribution themselves and were never listed or subsidised that year; names that do not contain
 * each other. And the two list dates: after every earlier version of the source's list of the year.
 */
async function setUp(): Promise<{ first: Person; added: Person; dates: [string, string] }> {
  return withDb(async (db) => {
    const rows = await db.execute<{ id: number; name: string; id_number: string }>(sql`
      select p.id, p.name, p.id_number from people p
      where p.town_code = ${LONGSHAN}
        and (select count(*) from enrollments e where e.person_id = p.id and e.year = ${YEAR} and e.status = 'active') = 1
        and exists (select 1 from enrollments e where e.person_id = p.id and e.year = ${YEAR}
          and e.scheme = 'resident' and e.status = 'active' and e.paid_fen > 0)
        and not exists (select 1 from subsidy_lines l where l.person_id = p.id and l.year = ${YEAR})
        and not exists (select 1 from list_rows lr join poverty_lists pl on pl.id = lr.list_id
          where lr.person_id = p.id and pl.year = ${YEAR})
      order by random() limit 40`);
    const picked: Person[] = [];
    for (const r of rows) {
      if (picked.some((p) => p.name.includes(r.name) || r.name.includes(p.name))) continue;
      picked.push({ id: r.id, name: r.name, idNumber: r.id_number.trim() });
      if (picked.length === 2) break;
    }
    expect(picked, '演示数据中应有去年已自行缴费的龙山路街道居民').toHaveLength(2);
    const [last] = await db.execute<{ d: string | null }>(
      sql`select max(list_date)::text as d from poverty_lists where year = ${YEAR} and source = ${SOURCE}`,
    );
    const start = last?.d ? new Date(`${last.d}T00:00:00Z`) : new Date(Date.UTC(YEAR, 1, 1));
    const day = (n: number) => new Date(start.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const dates: [string, string] = last?.d ? [day(1), day(2)] : [day(0), day(1)];
    expect(dates[1] < `${YEAR}-12-31`, '该名单来源去年的版本日期已用完，请换一个新的数据库').toBe(true);
    return { first: picked[0], added: picked[1], dates };
  });
}

/** Uploads a 民政-特困 list of last year naming `people` (a stamp keeps every file new). */
async function uploadList(page: Page, people: Person[], listDate: string) {
  const file = path.join(os.tmpdir(), `subsidy-refund-${Date.now()}.csv`);
  const lines = people.map((p) => `${p.name},${p.idNumber},龙山路街道,${Date.now()}`);
  fs.writeFileSync(file, `姓名,身份证号,乡镇,备注\n${lines.join('\n')}\n`);
  const dialog = await openListUpload(page, '民政-特困');
  const date = dialog.getByLabel('名单日期');
  await date.click();
  await date.fill(listDate);
  await date.press('Enter');
  await expect(dialog.getByLabel('比对年度')).toHaveValue(String(YEAR));
  await uploadForPreview(dialog, file);
  await confirmImport(dialog);
  await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText(`共导入 ${people.length} 行人员`)).toBeVisible();
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  fs.rmSync(file, { force: true });
}

/** As the town staff: 生成花名册 for last year, then 提交审批; returns the batch id. */
async function generateAndSubmit(page: Page): Promise<number> {
  await page.goto(`/subsidies?year=${YEAR}`);
  await confirmWith(page, page.getByRole('button', { name: '生成花名册' }), '生成');
  await expect(page).toHaveURL(/\/subsidies\/batches\/\d+$/, { timeout: 30_000 });
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByText(`资助批次 #${id} · ${YEAR} 年度`)).toBeVisible();
  return id;
}

async function submit(page: Page) {
  await confirmWith(page, page.getByRole('button', { name: '提交审批' }), '提交');
  await expect(page.getByText('已提交审批，等待负责人审批')).toBeVisible();
}

/** A second pair of eyes: the supervisor approves the batch in their own session. */
async function approveAsSupervisor(browser: Browser, batchId: number) {
  const context = await browser.newContext({ storageState: storageStateOf('supervisor') });
  const page = await context.newPage();
  try {
    await page.goto(`/subsidies/batches/${batchId}`);
    await confirmWith(page, page.getByRole('button', { name: '审批通过' }), '审批通过');
    await expect(page.getByText('已审批通过，批次已冻结')).toBeVisible();
    await expect(page.getByText(/已由 .+ 审批通过/)).toBeVisible();
  } finally {
    await context.close();
  }
}

const lineOf = (page: Page, name: string) =>
  page
    .getByTestId('batch-lines')
    .locator('tbody tr.ant-table-row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

test.describe('mid-year addition who already paid (town staff, supervisor)', () => {
  test.use({ storageState: storageStateOf('town_staff') });
  test.setTimeout(300_000); // two imports, two generations and approvals: ~2.5 min on a loaded machine

  test('a newer list adds a person who already paid → a refund record, then 已退', async ({ page, browser }) => {
    const { first, added, dates } = await setUp();

    // 1. The town's roster of last year, from a first list: generated and submitted by staff, approved by the supervisor.
    await uploadList(page, [first], dates[0]);
    const rosterId = await generateAndSubmit(page);
    await expect(lineOf(page, first.name)).toBeVisible();
    await submit(page);
    await approveAsSupervisor(browser, rosterId);

    // 2. A newer version of the same source's list also names a person who paid their contribution.
    await uploadList(page, [first, added], dates[1]);
    const batchId = await generateAndSubmit(page);
    expect(batchId).not.toBe(rosterId);
    const line = lineOf(page, added.name);
    await expect(line).toContainText('年中新增');
    await expect(line).toContainText('返还本人');
    await expect(line).toContainText('特困人员');
    // Already approved at the same amount: the first person is not paid again.
    await expect(lineOf(page, first.name)).toHaveCount(0);
    await submit(page);
    await approveAsSupervisor(browser, batchId);

    // 3. 退费记录: the refund is 待退; the staff record it as 已退 with a masked account.
    await page.goto(`/subsidies/refunds?year=${YEAR}`);
    const refund = page
      .locator('tbody tr.ant-table-row')
      .filter({ has: page.getByRole('link', { name: added.name, exact: true }) })
      .filter({ has: page.getByRole('link', { name: `#${batchId}`, exact: true }) });
    await expect(refund).toHaveCount(1, { timeout: 30_000 });
    await expect(refund).toContainText('待退');
    await expect(refund).toContainText('龙山路街道');
    await refund.getByRole('button', { name: '登记已退' }).click();
    const dialog = page.getByRole('dialog', { name: `登记已退：${added.name}` });
    await expect(dialog.getByText('本系统只保存脱敏后的卡号')).toBeVisible();
    await dialog.getByLabel('退费账户').fill('农业银行文登支行 6228 4800 1234 5678');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(`${added.name}：已登记为已退`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(refund).toContainText('已退');
    await expect(refund).toContainText('6228********5678');
    await expect(refund).not.toContainText('6228 4800 1234 5678');
    await expect(refund.getByRole('button', { name: '登记已退' })).toHaveCount(0);

    // The person page lists the line with its refund.
    await page.goto(`/persons/${added.id}`);
    const card = page.locator('.ant-card').filter({ hasText: '缴费资助（' });
    const personLine = card.locator('tbody tr.ant-table-row').filter({ hasText: `#${batchId}` });
    await expect(personLine).toContainText('年中新增', { timeout: 30_000 });
    await expect(personLine).toContainText('已退');
  });
});
