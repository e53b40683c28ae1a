import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { storageStateOf } from './roles';
import { chooseOption } from './select';

/**
 * 统计分析: a supervisor lands on the dashboard, filters a town and a year (kept in the URL and over a
 * reload), drills from a bar into its list with the same filters, exports one chart as .xlsx (its
 * numbers in the file) and as .png; town staff see their own town only.
 */

const YEAR = new Date().getFullYear();
const TOWN = { code: '371003002', name: '天福路街道' };
const OWN_TOWN = '龙山路街道'; // town_staff's town
const OTHER_TOWNS = ['天福路街道', '环山路街道', '文登营镇', '大水泊镇', '张家产镇', '开发区办事处'];
const COVERAGE = '参保覆盖率（参保人数 ÷ 常住人口）';
const EXPANSION = '扩面完成率（扩面人数 ÷ 扩面任务数）';
const BURN_DOWN = '销号任务燃尽图（按月）';
const count = async (cell: Locator) => Number((await cell.innerText()).replace(/,/g, ''));

const chartCard = (page: Page, title: string) =>
  page.locator('.ant-card').filter({ has: page.getByText(title, { exact: true }) });
const tableOf = (card: Locator) => card.locator('.ant-table');

async function waitForCoverage(page: Page) {
  const card = chartCard(page, COVERAGE);
  // Every panel loads at once: 30 s on a loaded machine.
  await expect(card.locator('.ant-table .ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
  await expect(card.locator('tbody tr.ant-table-row').first()).toBeVisible({ timeout: 30_000 });
  return card;
}

test.describe('supervisor', () => {
  test.use({ storageState: storageStateOf('supervisor') });

  test('lands on the dashboard; town and year in the URL survive a reload; a bar opens its list', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole('menu', { name: '主菜单' }).getByRole('menuitem').first()).toHaveText('统计分析');
    await waitForCoverage(page);

    await chooseOption(page, page.getByRole('combobox', { name: '镇街' }), TOWN.name);
    await expect(page).toHaveURL(new RegExp(`townCode=${TOWN.code}`));
    await chooseOption(page, page.getByRole('combobox', { name: '年度' }), `${YEAR - 1}年`);
    await expect(page).toHaveURL(new RegExp(`year=${YEAR - 1}`));
    await chooseOption(page, page.getByRole('combobox', { name: '年度' }), `${YEAR}年`);
    await expect(page).toHaveURL(new RegExp(`year=${YEAR}`));

    await page.reload();
    await expect(page).toHaveURL(new RegExp(`townCode=${TOWN.code}`));
    await expect(page).toHaveURL(new RegExp(`year=${YEAR}`));
    await expect(page.getByRole('combobox', { name: '镇街' }).locator('..')).toContainText(TOWN.name);
    await expect(page.locator('.ant-form-item').filter({ hasText: '年度' })).toContainText(`${YEAR}年`);
    const card = await waitForCoverage(page);
    const rows = tableOf(card).locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(TOWN.name);

    // The town's bar → the person list of the same year and town, 参保 only.
    await card.locator('.recharts-bar-rectangle').first().click();
    await expect(page).toHaveURL(/\/persons\?/);
    await expect(page).toHaveURL(new RegExp(`townCode=${TOWN.code}`));
    await expect(page).toHaveURL(new RegExp(`year=${YEAR}`));
  });

  test('the 扩面 of a town and the new cases of a month open lists with as many rows as the chart counts', async ({
    page,
  }) => {
    test.setTimeout(120_000); // two dashboards and two lists; every panel loads at once (slow on a loaded machine)
    await page.goto(`/dashboard?year=${YEAR}&townCode=${TOWN.code}`);
    await waitForCoverage(page);
    const expansion = tableOf(chartCard(page, EXPANSION)).locator('tbody tr.ant-table-row').first();
    await expect(expansion).toContainText(TOWN.name);
    const people = await count(expansion.locator('td').nth(1));
    await expansion.click();
    await expect(page).toHaveURL(/\/persons\?.*expansion=1/);
    await expect(page).toHaveURL(new RegExp(`townCode=${TOWN.code}`));
    await expect(page.getByRole('checkbox', { name: /仅看扩面人员/ })).toBeChecked();
    await expect(page.locator('.ant-pagination-total-text')).toHaveText(`共 ${people.toLocaleString('zh-CN')} 人`, {
      timeout: 30_000,
    });

    await page.goto(`/dashboard?year=${YEAR}&tab=cases`);
    const months = tableOf(chartCard(page, BURN_DOWN)).locator('tbody tr.ant-table-row');
    await expect(months.first()).toBeVisible({ timeout: 30_000 });
    let month: Locator | null = null;
    for (let i = 0; i < (await months.count()) && !month; i++)
      if ((await count(months.nth(i).locator('td').nth(1))) > 0) month = months.nth(i);
    expect(month, 'a month with new cases').toBeTruthy();
    const opened = await count(month!.locator('td').nth(1));
    await month!.click();
    await expect(page).toHaveURL(/\/matching\/cases\?.*openedFrom=\d{4}-\d{2}-01.*openedTo=/);
    await expect(page.locator('.ant-pagination-total-text')).toHaveText(`共 ${opened.toLocaleString('zh-CN')} 条`, {
      timeout: 30_000,
    });
  });

  test('one chart exported as .xlsx (its numbers) and as .png', async ({ page }) => {
    await page.goto(`/dashboard?year=${YEAR}`);
    const card = await waitForCoverage(page);
    const first = tableOf(card).locator('tbody tr.ant-table-row').first();
    const town = (await first.locator('td').nth(0).innerText()).trim();
    const insured = Number((await first.locator('td').nth(2).innerText()).replace(/,/g, ''));
    expect(insured).toBeGreaterThan(0);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: /导出 Excel/ }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await xlsx.path());
    const cells: string[][] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '').replace(/,/g, ''))));
    const townRow = cells.find((r) => r.includes(town));
    expect(townRow, `a row of ${town} in the export`).toBeTruthy();
    expect(townRow).toContain(String(insured));

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: /导出图片/ }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await readFile(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(10_000);
    if (process.env.E2E_SCREENSHOTS) {
      await page.screenshot({ path: '/tmp/dashboard-supervisor.png', fullPage: true });
      await import('node:fs/promises').then((fs) => fs.writeFile('/tmp/dashboard-chart.png', bytes));
    }
  });
});

test.describe('town staff', () => {
  test.use({ storageState: storageStateOf('town_staff') });

  test('see only their own town, with no town filter', async ({ page }) => {
    await page.goto('/dashboard');
    const card = await waitForCoverage(page);
    await expect(page.getByRole('combobox', { name: '镇街' })).toHaveCount(0);
    const table = tableOf(card);
    await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(1);
    await expect(table).toContainText(OWN_TOWN);
    for (const other of OTHER_TOWNS) await expect(table).not.toContainText(other);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: '/tmp/dashboard-town.png', fullPage: true });
  });
});
