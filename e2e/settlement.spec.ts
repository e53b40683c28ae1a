/**
 * 一站式结算 in the browser: staff enter two stays of one person; the second settles after the
 * first's year to date (the 200 元 hospital waiver is used up, the cumulative P1/P2/P5 carry over);
 * the 一单式结算单 shows every layer and the year to date, and prints.
 *
 * Worked by hand (一档, 三级医院, deductible 1,000 元, policy = the 2019 文登 values):
 * Stay 1, T 50,000 C 40,000: 基本医保 (40,000 − 1,000) × 50% = 19,500; P1 20,500;
 *   大病 (20,500 − 5,000) × 65% = 10,075; P2 10,425; 减免 10% × 10,000 → 200 (cap);
 *   救助 0 (< 2万); 商保 10,425 − 9.8% × 40,000 = 6,505; 再救助 0; person 3,920 + 9,800 = 13,720.
 * Stay 2, T 210,000 C 200,000: 基本医保 (200,000 − 1,000) × 50% = 99,500; P1 100,500;
 *   大病 cumulative 20,500 → 121,000: 79,500 × 65% + 21,000 × 75% = 51,675 + 15,750 = 67,425; P2 33,075;
 *   减免 0 (200 元 used by stay 1); 救助 cumulative P2 10,425 → 43,500: 70% × 23,500 = 16,450; P4 16,625;
 *   商保 burden 10,425 − 6,505 + 16,625 = 20,545 < 9.8% × 240,000 = 23,520 → 0;
 *   再救助 cumulative P5 3,920 → 20,545: 70% × 15,545 = 10,881.50; person 5,743.50 + 10,000 = 15,743.50.
 */
import { expect, test, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { createDb } from '../db';
import { storageStateOf } from './roles';
import { chooseOption } from './select';

const YEAR = new Date().getFullYear();
let person: { idNumber: string; name: string };

test.beforeAll(async () => {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const rows = await db.execute<{ id_number: string; name: string }>(sql`
      select p.id_number, p.name from people p join towns t on t.code = p.town_code
      where t.district_code = '371003'
        and not exists (select 1 from settlement_stays s where s.person_id = p.id)
      order by random() limit 1`);
    person = { idNumber: rows[0].id_number, name: rows[0].name };
  } finally {
    await close();
  }
});

async function enterStay(page: Page, date: string, total: string, policyRange: string) {
  await chooseOption(page, page.getByLabel('医疗机构'), /^威海市中心医院/);
  const day = page.getByLabel('结算日期', { exact: true });
  await day.click();
  await day.fill(date);
  await day.press('Enter');
  await page.getByLabel('医疗费总额').fill(total);
  await page.getByLabel('合规费用').fill(policyRange);
  await page.getByRole('radio', { name: '三级' }).check();
  await page.getByRole('radio', { name: '一档' }).check();
  await page.getByRole('button', { name: /试\s*算/ }).click();
}

test.describe('一站式结算（经办人员）', () => {
  test.use({ storageState: storageStateOf('staff') });

  test('two stays of one person: the second uses the first’s year to date; print the 结算单', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/settlement');
    await page.getByLabel('身份证号').fill(person.idNumber);
    await page.getByLabel('身份证号').press('Enter');
    await expect(page.getByText(person.name).first()).toBeVisible();
    // .first(): the person's stays list, once loaded, shows the same masked number in its rows.
    await expect(
      page.getByText(`${person.idNumber.slice(0, 6)}**********${person.idNumber.slice(-2)}`).first(),
    ).toBeVisible();

    await enterStay(page, `${YEAR}-03-01`, '50000', '40000');
    await expect(page.getByTestId('layer-basic')).toHaveText('19,500.00 元');
    await expect(page.getByTestId('layer-critical')).toHaveText('10,075.00 元');
    await expect(page.getByTestId('layer-hospitalWaiver')).toHaveText('200.00 元');
    await expect(page.getByTestId('layer-commercial')).toHaveText('6,505.00 元');
    await expect(page.getByTestId('person-share')).toHaveText('13,720.00 元');
    await page.getByRole('button', { name: /保存结算/ }).click();
    await expect(page.getByText('已保存结算').first()).toBeVisible();
    await expect(page.getByText(/已结算住院（1 次）/)).toBeVisible();

    await enterStay(page, `${YEAR}-06-01`, '210000', '200000');
    const ytd = page.getByTestId('ytd-table');
    await expect(ytd.getByRole('row', { name: /住院次数/ })).toContainText('1');
    await expect(ytd.getByRole('row', { name: /累计合规费用/ })).toContainText('40,000.00 元');
    await expect(ytd.getByRole('row', { name: /累计医疗机构减免/ })).toContainText('200.00 元');
    await expect(page.getByTestId('layer-hospitalWaiver')).toHaveText('0.00 元');
    await expect(page.getByTestId('layer-critical')).toHaveText('67,425.00 元');
    await expect(page.getByTestId('layer-assistance')).toHaveText('16,450.00 元');
    await expect(page.getByTestId('layer-reAssistance')).toHaveText('10,881.50 元');
    await expect(page.getByTestId('person-share')).toHaveText('15,743.50 元');
    await page.getByRole('button', { name: /保存结算/ }).click();
    await expect(page.getByText(/已结算住院（2 次）/)).toBeVisible();

    await page.getByRole('link', { name: '打印一单式结算单' }).click();
    await expect(page).toHaveURL(/\/settlement\/\d+$/);
    await expect(page.getByRole('heading', { name: '贫困人口住院医疗费用一单式结算单' })).toBeVisible();
    await expect(page.locator('.statement')).toContainText(person.name);
    await expect(page.locator('.statement')).not.toContainText(person.idNumber);
    const layers = page.getByTestId('statement-layers');
    await expect(layers.getByRole('row', { name: /大病保险/ })).toContainText('67,425.00 元');
    await expect(layers.getByRole('row', { name: /再救助/ })).toContainText('10,881.50 元');
    await expect(page.getByTestId('statement-person')).toHaveText('15,743.50 元');
    const ytdRows = page.getByTestId('statement-ytd');
    await expect(ytdRows.getByRole('row', { name: /住院次数/ })).toContainText(/1\s*2/);
    await expect(ytdRows.getByRole('row', { name: /医疗机构减免/ })).toContainText('200.00 元');

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: /打印/ }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: /打印/ })).toBeHidden();
    await expect(page.getByRole('heading', { name: '贫困人口住院医疗费用一单式结算单' })).toBeVisible();
  });
});
