import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDb } from '../db';
import { people } from '../db/schema';
import { storageStateOf } from './roles';
import { confirmImport, openListUpload, uploadForPreview } from './list-upload';
import { chooseOption } from './select';

const shots = !!process.env.E2E_SCREENSHOTS;
const masked = (id: string) => `${id.slice(0, 6)}**********${id.slice(-2)}`;

async function personOf(townCode: string) {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [p] = await db.select().from(people).where(eq(people.townCode, townCode)).limit(1);
    return p;
  } finally {
    await close();
  }
}

function csv(name: string, text: string): string {
  const file = path.join(os.tmpdir(), `${name}-${Date.now()}.csv`);
  fs.writeFileSync(file, text);
  return file;
}

test.describe('list columns are confirmed in the preview before anything is imported', () => {
  test.use({ storageState: storageStateOf('staff') });

  test('a header that is not recognized: pick the header row, map the ID column, refresh, import', async ({ page }) => {
    const p = await personOf('371003002');
    const file = csv('odd-header', `退役军人事务局报送\n名字,证号,备注\n${p.name},${p.idNumber},${Date.now()}\n`);

    const dialog = await openListUpload(page, '退役军人事务局');
    await uploadForPreview(dialog, file);
    await expect(dialog.getByText('未能自动识别表头')).toBeVisible();
    // The file's first rows, ID numbers masked; nothing can be imported before a header is chosen.
    await expect(dialog.getByTestId('import-raw-rows').getByRole('cell', { name: masked(p.idNumber) })).toBeVisible();
    await expect(dialog.getByTestId('import-blocker')).toHaveText('请先指定表头所在的行');
    await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();

    await chooseOption(page, dialog.getByRole('combobox', { name: '表头所在行' }), '第 2 行');
    await expect(dialog.getByText('表头：第 2 行（由您指定）')).toBeVisible();
    await expect(dialog.getByText('第 1 行：退役军人事务局报送')).toBeVisible();
    const columns = dialog.getByTestId('import-columns');
    await expect(columns.getByRole('row', { name: /名字/ })).toContainText('姓名');
    // 证号 is no known name of the ID column: the preview says the ID column is still missing.
    await expect(dialog.getByTestId('import-problems')).toContainText('请指定“身份证号码”列');
    await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();

    await chooseOption(page, dialog.getByRole('combobox', { name: '第 2 列对应字段' }), '身份证号码');
    await expect(dialog.getByTestId('import-blocker')).toContainText('请点击“刷新预览”');
    await dialog.getByRole('button', { name: '刷新预览' }).click();
    await expect(dialog.getByTestId('import-problems')).toHaveCount(0);
    const sample = dialog.getByTestId('import-sample');
    await expect(sample.getByRole('row', { name: new RegExp(p.name) })).toContainText(masked(p.idNumber));
    await expect(sample.getByRole('row', { name: new RegExp(p.name) })).toContainText('可导入');
    if (shots) await page.screenshot({ path: test.info().outputPath('mapping.png'), fullPage: true });

    await confirmImport(dialog);
    await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText(/共导入 1 行人员/)).toBeVisible();
    fs.rmSync(file, { force: true });
  });

  test('two ID columns: the user is asked, picks one and marks the other 不导入', async ({ page }) => {
    const p = await personOf('371003003');
    const file = csv(
      'two-ids',
      `姓名,身份证号码,证件号码,乡镇,备注\n${p.name},${p.idNumber},${p.idNumber},环山路街道,${Date.now()}\n`,
    );

    const dialog = await openListUpload(page, '民政-特困');
    await uploadForPreview(dialog, file);
    await expect(dialog.getByText('识别到表头：第 1 行')).toBeVisible();
    const questions = dialog.getByTestId('import-questions');
    await expect(questions).toContainText('第 2 列“身份证号码”、第 3 列“证件号码”都像“身份证号码”列');
    await expect(questions).toContainText('待确认');
    // Both columns start undecided: the user must choose, the import cannot start.
    await expect(dialog.getByTestId('import-blocker')).toContainText('还有 2 列没有选择对应字段');
    await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();
    if (shots) await page.screenshot({ path: test.info().outputPath('two-ids-asked.png'), fullPage: true });

    await chooseOption(page, dialog.getByRole('combobox', { name: '第 2 列对应字段' }), '身份证号码');
    await expect(dialog.getByTestId('import-blocker')).toContainText('还有 1 列没有选择对应字段');
    await chooseOption(page, dialog.getByRole('combobox', { name: '第 3 列对应字段' }), '不导入');
    await expect(questions).toContainText('需要确认的列都已选择');
    await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled(); // the preview still shows the old choice
    await dialog.getByRole('button', { name: '刷新预览' }).click();
    await expect(dialog.getByTestId('import-ready')).toBeVisible();
    await expect(dialog.getByTestId('import-sample').getByRole('row', { name: new RegExp(p.name) })).toContainText(
      '环山路街道',
    );
    if (shots) await page.screenshot({ path: test.info().outputPath('two-ids-answered.png'), fullPage: true });

    await confirmImport(dialog);
    await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText(/共导入 1 行人员/)).toBeVisible();
    fs.rmSync(file, { force: true });
  });
});
