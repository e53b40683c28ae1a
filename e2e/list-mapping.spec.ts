import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDb } from '../db';
import { people } from '../db/schema';
import { storageStateOf } from './roles';
import { openListUpload } from './list-upload';
import { chooseOption } from './select';

test.describe('a list whose header is not recognized is mapped by hand', () => {
  test.use({ storageState: storageStateOf('staff') });

  test('preview, pick header row and columns, import', async ({ page }) => {
    const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
    const [p] = await db.select().from(people).where(eq(people.townCode, '371003002')).limit(1);
    await close();
    const file = path.join(os.tmpdir(), `odd-header-${Date.now()}.csv`);
    fs.writeFileSync(file, `退役军人事务局报送\n名字,证号,备注\n${p.name},${p.idNumber},无\n`);

    const dialog = await openListUpload(page, '退役军人事务局');
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始导入' }).click();

    await expect(dialog.getByText('未能自动识别表头')).toBeVisible();
    // The ID number is masked in the preview.
    await expect(dialog.getByRole('cell', { name: `${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}` })).toBeVisible();
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect(dialog.getByText('请指定姓名列和身份证号列')).toBeVisible();

    await chooseOption(page, dialog.getByRole('combobox', { name: '表头所在行' }), '第 2 行');
    await chooseOption(page, dialog.getByRole('combobox', { name: '姓名', exact: true }), '第 1 列：名字');
    await chooseOption(page, dialog.getByRole('combobox', { name: '身份证号码', exact: true }), '第 2 列：证号');
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: test.info().outputPath('mapping.png') });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText(/共导入 1 行人员/)).toBeVisible();
  });
});
