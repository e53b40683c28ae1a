import { expect, test } from '@playwright/test';
import { storageStateOf } from './roles';
import { waitForRows } from './table';
import { chooseOption } from './select';

test.describe('person list (district staff)', () => {
  test.use({ storageState: storageStateOf('staff') });

  test('filter, sort and page round-trip through the URL', async ({ page }) => {
    await page.goto('/persons');
    await chooseOption(page, page.getByRole('combobox', { name: '镇街' }), '天福路街道');
    await expect(page).toHaveURL(/townCode=371003002/);
    await chooseOption(page, page.getByRole('combobox', { name: '参保状态' }), '已参保');
    await expect(page).toHaveURL(/status=enrolled/);
    await page.getByRole('columnheader', { name: '出生年份' }).click();
    await expect(page).toHaveURL(/sort=birthDate&order=asc|order=asc.*sort=birthDate/);
    await page.getByRole('listitem', { name: '2' }).click();
    await expect(page).toHaveURL(/page=2/);
    await waitForRows(page);
    const firstRow = (await page.locator('tbody tr.ant-table-row').first().textContent()) ?? '';

    // Reloading the URL restores the same page: filters, sort and page.
    await page.reload();
    await waitForRows(page);
    await expect(page.locator('tbody tr.ant-table-row').first()).toHaveText(firstRow);
    await expect(page.getByRole('listitem', { name: '2' })).toHaveClass(/ant-pagination-item-active/);
    const towns = await page.locator('tbody tr.ant-table-row td:nth-child(5)').allInnerTexts();
    expect(towns.length).toBeGreaterThan(0);
    expect(new Set(towns)).toEqual(new Set(['天福路街道']));
    const births = await page.locator('tbody tr.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(births.every((b) => /^\d{4}$/.test(b))).toBe(true); // the year only, beside the masked ID
    expect([...births].sort()).toEqual(births);

    // A new search resets to page 1 and keeps the other filters.
    await page.getByRole('searchbox', { name: '姓名' }).fill('王');
    await page.getByRole('searchbox', { name: '姓名' }).press('Enter');
    await expect(page).toHaveURL(/name=%E7%8E%8B/);
    await expect(page).not.toHaveURL(/page=2/);
    await expect(page).toHaveURL(/townCode=371003002/);
  });

  test('ID numbers are masked in the list; showing one whole (and the birth date) is a logged action', async ({
    page,
  }) => {
    await page.goto('/persons');
    await waitForRows(page);
    const id = page.locator('tbody tr.ant-table-row').first().locator('td').nth(1);
    // The area code and the last 2 stay: birth date and sequence digits hidden; the year beside it.
    await expect(id).toHaveText(/^\d{6}\*{10}\d[\dX]$/);
    await expect(page.locator('tbody tr.ant-table-row').first().locator('td').nth(3)).toHaveText(/^\d{4}$/);
    await page.locator('tbody tr.ant-table-row').first().getByRole('link').click();
    await expect(page.getByTestId('person-id-number')).toHaveText(/^\d{6}\*{10}\d[\dX]$/);
    await expect(page.getByTestId('person-birth')).toHaveText(/^\d{4}年$/);
    await page.getByRole('button', { name: '显示完整号码' }).click();
    await expect(page.getByTestId('person-id-number')).toHaveText(/^\d{17}[\dX]$/);
    const full = await page.getByTestId('person-id-number').innerText();
    const birth = `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
    await expect(page.getByTestId('person-birth')).toHaveText(birth);
  });
});

test.describe('town-scoped staff', () => {
  test.use({ storageState: storageStateOf('town_staff') });

  test('sees only their town and cannot open a person of another town (page and API)', async ({
    page,
    request,
    browser,
  }) => {
    await page.goto('/persons');
    await waitForRows(page);
    const towns = await page.locator('tbody tr.ant-table-row td:nth-child(5)').allInnerTexts();
    expect(towns.length).toBeGreaterThan(0);
    expect(new Set(towns)).toEqual(new Set(['龙山路街道']));

    // Find a person of another town as district staff.
    const staff = await browser.newContext({ storageState: storageStateOf('staff') });
    const other = await (await staff.request.get('/api/persons?townCode=371003002&pageSize=1')).json();
    await staff.close();
    const otherId = other.data[0].id as number;

    const res = await page.goto(`/persons/${otherId}`);
    expect(res?.status()).toBe(404);
    const api = await request.get(`/api/persons/${otherId}`);
    expect(api.status()).toBe(404);
    const list = await (await request.get('/api/persons?townCode=371003002')).json();
    expect(list.total).toBe(0);
  });
});
