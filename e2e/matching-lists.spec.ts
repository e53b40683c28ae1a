import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { createDb } from '../db';
import { people, towns } from '../db/schema';
import { writeMessyList } from '../tests/integration/list-fixtures';
import { storageStateOf } from './roles';
import { confirmImport, openListUpload, uploadForPreview } from './list-upload';

const YEAR = new Date().getFullYear();
const DISTRICT = '371003';
/** Two consecutive list dates in this year, different per run so a re-run on the same database keeps its own versions. */
const day = 10 + (Math.floor(Date.now() / 60_000) % 300);
const dateOf = (d: number) => new Date(Date.UTC(YEAR, 0, d)).toISOString().slice(0, 10);
const [DATE_V1, DATE_V2] = [dateOf(day), dateOf(day + 1)];
const EXCEL_NUMBER_ID = 371003198506120400;
const shots = !!process.env.E2E_SCREENSHOTS;

interface Person {
  name: string;
  idNumber: string;
  townName: string;
}

/** Registry people of the staff's district with (or without) an active enrollment this year, distinct names. */
async function pickPeople(enrolled: boolean, n: number, taken: Set<string>): Promise<Person[]> {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const active = sql`exists (select 1 from enrollments e where e.person_id = ${people.id} and e.year = ${YEAR} and e.status = 'active')`;
    const rows = await db
      .select({ name: people.name, idNumber: people.idNumber, townName: towns.name })
      .from(people)
      .innerJoin(towns, eq(towns.code, people.townCode))
      .where(and(eq(towns.districtCode, DISTRICT), enrolled ? active : sql`not ${active}`))
      .orderBy(sql`random()`)
      .limit(50);
    const picked: Person[] = [];
    for (const r of rows) {
      if (picked.length === n) break;
      if ([...taken].some((t) => t.includes(r.name) || r.name.includes(t))) continue;
      taken.add(r.name);
      picked.push(r);
    }
    expect(picked).toHaveLength(n);
    return picked;
  } finally {
    await close();
  }
}

/** The same ID with its 15th digit changed: the check character no longer fits. */
const typo = (id: string) => `${id.slice(0, 14)}${(Number(id[14]) + 1) % 10}${id.slice(15)}`;

async function openUpload(page: Page, file: string, listDate: string) {
  const dialog = await openListUpload(page, '残联');
  const date = dialog.getByLabel('名单日期');
  await date.click();
  await date.fill(listDate);
  await date.press('Enter');
  await expect(dialog.getByLabel('比对年度')).toHaveValue(String(YEAR));
  await uploadForPreview(dialog, file);
  // The title rows above the header are named, and the file's columns are recognized without a question.
  await expect(dialog.getByText('识别到表头：第 3 行')).toBeVisible();
  await expect(dialog.getByText(/第 1 行：\d{4}年文登区/)).toBeVisible();
  await expect(dialog.getByTestId('import-questions')).toHaveCount(0);
  await confirmImport(dialog);
  return dialog;
}

const rowsTable = (page: Page) => page.getByTestId('list-rows');
const rowOf = (page: Page, name: string) =>
  rowsTable(page)
    .locator('tbody tr.ant-table-row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });

async function waitForListRows(page: Page) {
  await expect(rowsTable(page).locator('.ant-spin-spinning')).toHaveCount(0);
  await expect(rowsTable(page).locator('tbody tr.ant-table-row').first()).toBeVisible();
}

test.describe('poverty list import and matching (district staff)', () => {
  test.use({ storageState: storageStateOf('staff') });
  test.setTimeout(120_000);

  test('upload a messy list, fix an ID typo by a suggestion, then diff a newer version', async ({ page }) => {
    const names = new Set<string>(['数字格式']);
    const [a, b, f] = await pickPeople(false, 3, names);
    const [e, g] = await pickPeople(true, 2, names);
    const row = (p: Person, category: string, id: string | number = p.idNumber) => [p.name, id, p.townName, category];
    const v1 = await writeMessyList(
      [
        row(a, '一级残疾'),
        row(b, '二级残疾', typo(b.idNumber)),
        row(e, '二级残疾'),
        row(g, '一级残疾'),
        ['数字格式', EXCEL_NUMBER_ID, a.townName, '一级残疾'],
      ],
      { title: `${YEAR}年文登区重度残疾人名单` },
    );

    // 1. Upload: progress, summary, error report.
    let dialog = await openUpload(page, v1.filePath, DATE_V1);
    await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText(/共导入 5 行人员，其中身份证号有误待核实 2 行/)).toBeVisible();
    if (shots) await page.screenshot({ path: test.info().outputPath('upload-summary.png') });
    const [report] = await Promise.all([page.waitForEvent('download'), dialog.getByText('下载错误报告').click()]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.statSync(await report.path()).size).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: '查看名单' }).click();
    await expect(page).toHaveURL(/\/matching\/lists\/\d+$/);
    const listV1 = page.url();

    // 2. The list: classes, the typo row with a suggestion, the Excel-number row.
    await waitForListRows(page);
    await expect(rowOf(page, a.name)).toContainText('未参保');
    await expect(rowOf(page, '数字格式')).toContainText('Excel 数字格式');
    const typoRow = rowOf(page, b.name);
    await expect(typoRow).toContainText('身份证号有误');
    await typoRow.getByRole('button', { name: /查看建议/ }).click();
    const drawer = page.getByRole('dialog', { name: '匹配建议' });
    const best = drawer.locator('.ant-card').filter({ hasText: '第 15 位不同' }).first();
    await expect(best).toBeVisible();
    await expect(best.getByLabel('一致', { exact: true }).first()).toBeVisible();
    await expect(best.getByLabel('不一致')).toHaveCount(1);
    if (shots) await page.screenshot({ path: test.info().outputPath('suggestion-drawer.png') });
    await best.getByRole('button', { name: '确认匹配' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect(page.getByText(/已确认为.*比对结果：未参保/)).toBeVisible();
    await expect(drawer).toBeHidden();
    await expect(typoRow).toContainText('未参保');
    await expect(typoRow).not.toContainText('身份证号有误');
    await expect(typoRow.getByRole('button', { name: /查看建议/ })).toHaveCount(0);

    // Class cards filter the table through the URL.
    await page.getByTestId('class-card-not_enrolled').click();
    await expect(page).toHaveURL(/matchClass=not_enrolled/);
    await waitForListRows(page);
    expect(new Set(await rowsTable(page).locator('tbody tr.ant-table-row td:nth-child(6)').allInnerTexts())).toEqual(
      new Set(['未参保']),
    );
    if (shots) await page.screenshot({ path: test.info().outputPath('list-detail.png'), fullPage: true });
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /导出 Excel/ }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.statSync(await exported.path()).size).toBeGreaterThan(0);

    // 3. The same file again changes nothing.
    dialog = await openUpload(page, v1.filePath, DATE_V1);
    await expect(dialog.getByText('该文件已导入过，未做任何更改')).toBeVisible({ timeout: 30_000 });
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
    if (shots) await page.screenshot({ path: test.info().outputPath('lists.png'), fullPage: true });

    // 4. A newer version: f added, g removed, e's category changed.
    const v2 = await writeMessyList([
      row(a, '一级残疾'),
      row(b, '二级残疾'),
      row(e, '三级残疾'),
      row(f, '一级残疾'),
      ['数字格式', EXCEL_NUMBER_ID, a.townName, '一级残疾'],
    ]);
    dialog = await openUpload(page, v2.filePath, DATE_V2);
    await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
    await dialog.getByRole('button', { name: '查看名单' }).click();
    await expect(page).toHaveURL(/\/matching\/lists\/\d+$/);
    expect(page.url()).not.toBe(listV1);
    await page.getByRole('tab', { name: '版本对比' }).click();
    await expect(page).toHaveURL(/tab=diff/);
    for (const [title, value] of [
      ['新增', '1'],
      ['移出', '1'],
      ['类别变更', '1'],
      ['未变化', '2'],
    ]) {
      await expect(page.getByTestId(`diff-count-${title}`).locator('.ant-statistic-content-value')).toHaveText(value);
    }
    await expect(page.getByTestId('diff-新增')).toContainText(f.name);
    await expect(page.getByTestId('diff-移出')).toContainText(g.name);
    await expect(page.getByTestId('diff-类别变更')).toContainText(e.name);
    await expect(page.getByTestId('diff-类别变更')).toContainText('重度残疾人');
    if (shots) await page.screenshot({ path: test.info().outputPath('diff.png'), fullPage: true });
  });
});
