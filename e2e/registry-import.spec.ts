import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createDb } from '../db';
import { enrollments, people } from '../db/schema';
import { makeIdNumber, maskIdNumber } from '../lib/domain/id-number';
import { storageStateOf } from './roles';
import { chooseOption } from './select';

const YEAR = new Date().getFullYear();
const shots = !!process.env.E2E_SCREENSHOTS;
/** Different per run, so a re-run on the same database imports new people (and a file not seen before). */
const RUN = Math.floor(Date.now() / 1000);

interface Person {
  name: string;
  idNumber: string;
}

const LONG_MONTHS = ['01', '03', '05', '07', '08', '10', '12'];

/** Valid ID numbers born on the 29th–31st (the demo seed only uses days 1–28), so they are new to the registry. */
function newPeople(names: string[], genders: ('M' | 'F')[], day: 29 | 30 | 31 = 29): Person[] {
  return names.map((name, i) => ({
    name,
    idNumber: makeIdNumber(
      '371003',
      `${1955 + ((RUN + i * 7) % 40)}-${LONG_MONTHS[i % LONG_MONTHS.length]}-${day}`,
      (RUN + i * 37) % 1000,
      genders[i],
    ),
  }));
}

/** The same ID with its 15th digit changed: the check character no longer fits. */
const typo = (id: string) => `${id.slice(0, 14)}${(Number(id[14]) + 1) % 10}${id.slice(15)}`;

function writeCsv(name: string, lines: string[][]): string {
  const file = path.join(os.tmpdir(), `${name}-${RUN}.csv`);
  fs.writeFileSync(file, '\ufeff' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n');
  return file;
}

async function openAndPreview(page: Page, file: string, defaultYear?: number) {
  await page.goto('/matching/registry');
  await page.locator('input[type=file]').setInputFiles(file);
  if (defaultYear) await page.getByLabel('默认年度').fill(String(defaultYear));
  await page.getByRole('button', { name: '上传并预览' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  return preview;
}

const sampleRow = (preview: Locator, rowNo: number) =>
  preview
    .getByTestId('import-sample')
    .locator('tbody tr.ant-table-row')
    .filter({ has: preview.page().getByRole('cell', { name: String(rowNo), exact: true }) })
    .first();
const progressCard = (page: Page) => page.locator('.ant-card').filter({ hasText: '导入进度' });

test.describe('registry import goes through a preview the user confirms (district staff)', () => {
  test.use({ storageState: storageStateOf('staff') });
  test.setTimeout(120_000);

  test('a low-confidence year and town column are asked, mapped, previewed, imported; the error report holds the bad row', async ({
    page,
  }) => {
    const [a, b, c, d] = newPeople(['于秀梅', '丛建国', '毕志强', '林晓燕'], ['F', 'M', 'M', 'F']);
    const bad = { name: '鞠文华', idNumber: typo(newPeople(['鞠文华'], ['M'], 31)[0].idNumber) };
    const header = [
      '序号',
      '姓名',
      '公民身份号码',
      '险种类型',
      '缴费所属年度（镇街填报）',
      '居住地所在镇街名称',
      '村（居）',
      '缴费档次',
      '缴费金额（元）',
      '缴费日期',
      '参保状态',
    ];
    const file = writeCsv('registry', [
      [`${YEAR}年度文登区城乡居民基本医疗保险参保缴费明细`],
      header,
      ['1', a.name, a.idNumber, '390', String(YEAR), '文登区大水泊', '西庄村', '一档', '380', `${YEAR}-01-15`, '正常'],
      ['2', b.name, b.idNumber, '城乡居民', String(YEAR), '米山', '东河村', '二档', '680', `${YEAR}-01-16`, '正常'],
      ['3', c.name, c.idNumber, '390', '', '天福路街道', '', '一档', '380', '', '正常'], // blank year: 默认年度 fills it
      ['4', bad.name, bad.idNumber, '390', String(YEAR), '高村', '', '一档', '380', '', '正常'],
      ['5', d.name, d.idNumber, '390', String(YEAR), '文登营镇', '南山村', '一档', '380', `${YEAR}-02-01`, '正常'],
      ['合计', '5人'],
    ]);

    // 默认年度 is explained next to the field: it fills blank cells and never replaces the file's year column.
    await page.goto('/matching/registry');
    await expect(page.getByText('默认年度不会代替文件中的年度列')).toBeVisible();
    const preview = await openAndPreview(page, file, YEAR - 1);

    await expect(preview.getByText('识别到表头：第 2 行')).toBeVisible();
    await expect(preview.getByText(`第 1 行：${YEAR}年度文登区城乡居民基本医疗保险参保缴费明细`)).toBeVisible();
    const questions = preview.getByTestId('import-questions');
    await expect(questions).toContainText('第 5 列“缴费所属年度（镇街填报）”可能是“参保年度”列');
    await expect(questions).toContainText('第 6 列“居住地所在镇街名称”可能是“乡镇(街道)”列');
    const columns = preview.getByTestId('import-columns');
    const yearRow = columns.getByRole('row', { name: /缴费所属年度（镇街填报）/ });
    await expect(yearRow.getByText('低', { exact: true })).toBeVisible();
    await expect(yearRow).toContainText('待选择');
    await expect(columns.getByRole('row', { name: /公民身份号码/ }).getByText('高', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
    if (shots) await page.screenshot({ path: test.info().outputPath('registry-asked.png'), fullPage: true });

    await chooseOption(page, preview.getByRole('combobox', { name: '第 5 列对应字段' }), '参保年度');
    await chooseOption(page, preview.getByRole('combobox', { name: '第 6 列对应字段' }), '乡镇(街道)');
    await expect(questions).toContainText('需要确认的列都已选择');
    await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
    await preview.getByRole('button', { name: '刷新预览' }).click();
    await expect(preview.getByTestId('import-ready')).toBeVisible();

    // The first rows as they will be stored: the year as in the file, 默认年度 only in the blank cell, towns resolved, IDs masked.
    await expect(sampleRow(preview, 3)).toContainText(`${YEAR}`);
    await expect(sampleRow(preview, 3)).not.toContainText(`${YEAR - 1}`);
    await expect(sampleRow(preview, 3)).toContainText('大水泊镇（371003101）');
    await expect(sampleRow(preview, 3)).toContainText(maskIdNumber(a.idNumber));
    await expect(sampleRow(preview, 3)).toContainText('可导入');
    await expect(sampleRow(preview, 4)).toContainText('米山镇（371003110）');
    await expect(sampleRow(preview, 5)).toContainText(`${YEAR - 1}`);
    await expect(sampleRow(preview, 6)).toContainText('拒收');
    await expect(sampleRow(preview, 6)).toContainText('身份证号码有误');
    await expect(sampleRow(preview, 8)).toContainText('跳过');
    if (shots) await page.screenshot({ path: test.info().outputPath('registry-preview.png'), fullPage: true });

    await page.getByRole('button', { name: '确认导入' }).click();
    const progress = progressCard(page);
    await expect(progress.getByText('已完成', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(preview).toBeHidden();
    await expect(progress.locator('.ant-statistic').filter({ hasText: '拒收行数' })).toContainText('1');
    await expect(progress.locator('.ant-statistic').filter({ hasText: '已处理行数' })).toContainText('5');
    if (shots) await page.screenshot({ path: test.info().outputPath('registry-done.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      progress.getByRole('link', { name: /下载错误报告/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^导入错误报告-\d+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.getWorksheet('错误报告')!;
    const rows = (sheet.getSheetValues() as unknown[][])
      .filter(Boolean)
      .map((r) => r.slice(1).map((v) => String(v ?? '')));
    expect(rows[0]).toEqual(['原始行号', '原始内容', '原因', '类型']);
    const badRow = rows.find((r) => r[0] === '6');
    expect(badRow?.[1]).toContain(bad.name);
    expect(badRow?.[2]).toContain('身份证号码有误');
    expect(badRow?.[3]).toBe('拒收');

    // Stored as previewed.
    const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      const [stored] = await db.select().from(people).where(eq(people.idNumber, a.idNumber));
      expect(stored.townCode).toBe('371003101');
      const [byDefault] = await db
        .select({ year: enrollments.year })
        .from(enrollments)
        .innerJoin(people, eq(people.id, enrollments.personId))
        .where(eq(people.idNumber, c.idNumber));
      expect(byDefault.year).toBe(YEAR - 1);
      expect(
        await db
          .select()
          .from(people)
          .where(and(eq(people.name, bad.name), eq(people.idNumber, bad.idNumber))),
      ).toHaveLength(0);
    } finally {
      await close();
    }
    fs.rmSync(file, { force: true });
  });

  test('rows failing alike stop the import: the preview names the field, the mapping is corrected, the same upload is imported', async ({
    page,
  }) => {
    const ps = newPeople(['孙丽娟', '宋德胜', '汤晓梅'], ['F', 'M', 'F'], 30);
    const file = writeCsv('registry-swapped', [
      ['姓名', '身份证号码', '险种类型', '年度', '乡镇'],
      ...ps.map((p) => [p.name, p.idNumber, '390', String(YEAR), '泽头镇']),
    ]);
    const preview = await openAndPreview(page, file);
    await expect(preview.getByTestId('import-questions')).toHaveCount(0);

    // The user swaps the year and town columns by mistake: nothing is undecided, but every row fails.
    await chooseOption(page, preview.getByRole('combobox', { name: '第 5 列对应字段' }), '参保年度');
    await expect(preview.getByTestId('import-blocker')).toContainText('还有 1 列没有选择对应字段');
    await chooseOption(page, preview.getByRole('combobox', { name: '第 4 列对应字段' }), '乡镇(街道)');
    await preview.getByRole('button', { name: '刷新预览' }).click();
    await expect(preview.getByTestId('import-ready')).toBeVisible();
    await expect(sampleRow(preview, 2)).toContainText('年度有误');
    await page.getByRole('button', { name: '确认导入' }).click();

    // The import stops with nothing written and the preview of the same upload comes back, naming the field.
    const stop = preview.getByTestId('import-stop');
    await expect(stop).toBeVisible({ timeout: 60_000 });
    await expect(stop).toContainText('“参保年度”');
    await expect(stop).toContainText('第 5 列“乡镇”');
    await expect(stop).toContainText('未写入任何数据');
    if (shots) await page.screenshot({ path: test.info().outputPath('registry-stopped.png'), fullPage: true });

    await chooseOption(page, preview.getByRole('combobox', { name: '第 4 列对应字段' }), '参保年度');
    await chooseOption(page, preview.getByRole('combobox', { name: '第 5 列对应字段' }), '乡镇(街道)');
    await preview.getByRole('button', { name: '刷新预览' }).click();
    await expect(preview.getByTestId('import-ready')).toBeVisible();
    await expect(sampleRow(preview, 2)).toContainText('泽头镇（371003107）');
    await page.getByRole('button', { name: '确认导入' }).click();
    const progress = progressCard(page);
    await expect(progress.getByText('已完成', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(progress.locator('.ant-statistic').filter({ hasText: '已处理行数' })).toContainText('3');
    await expect(progress.getByRole('link', { name: /下载错误报告/ })).toHaveCount(0);
    fs.rmSync(file, { force: true });
  });
});
