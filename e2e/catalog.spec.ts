import { expect, test, type Locator } from '@playwright/test';
import { storageStateOf } from './roles';
import { chooseOption } from './select';
import { waitForRows } from './table';
import { shanghaiDate } from '../lib/domain/shanghai-day';
import { addDays } from '../lib/domain/calendar';

const SAVE = /保\s*存/;
const inDays = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000));

async function pickDate(input: Locator, date: string) {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

test.describe('admin manages the catalog and the delegations', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('schedules a new version of a disease for a future date', async ({ page }) => {
    const future = inDays(30);
    await page.goto('/admin/catalog');
    await waitForRows(page);
    const row = page.getByRole('row', { name: /M03900/ });
    await expect(row).toContainText('高血压病');
    await row.getByRole('button', { name: '变更' }).click();
    const dialog = page.getByRole('dialog', { name: /变更病种/ });
    await dialog.getByLabel('病种名称').fill('高血压病（修订）');
    await dialog.getByLabel('认定有效期（月）').fill('36');
    await pickDate(dialog.getByLabel('生效日期'), future);
    await dialog.getByRole('button', { name: SAVE }).click();
    await expect(dialog).toBeHidden();

    // Today's catalog is unchanged; the new version is shown as scheduled.
    await expect(row).toContainText('高血压病');
    await expect(row).not.toContainText('修订');
    await expect(row.getByTestId('scheduled')).toHaveText(`${future} 起新版本`);

    await row.getByRole('button', { name: '版本历史' }).click();
    const drawer = page.getByRole('dialog', { name: /版本历史/ });
    await expect(drawer.getByRole('row', { name: new RegExp(future) })).toContainText('待生效');
    await expect(drawer.getByRole('row', { name: /2020-01-01/ })).toContainText('现行');
  });

  test('creates a hospital (bad code refused), grants it a disease and ends the grant', async ({ page }) => {
    await page.goto('/admin/hospitals');
    await waitForRows(page);
    await page.getByRole('button', { name: '新增医院' }).click();
    const dialog = page.getByRole('dialog', { name: '新增医院' });
    await dialog.getByLabel('医疗机构编码').fill('H3710030009');
    await dialog.getByLabel('医院名称').fill('E2E测试卫生院');
    await dialog.getByRole('button', { name: SAVE }).click();
    await expect(dialog.getByText('医疗机构编码应为 H + 6 位地区代码 + 5 位流水号')).toBeVisible();

    await dialog.getByLabel('医疗机构编码').fill('H37109900009');
    await dialog.getByRole('button', { name: SAVE }).click();
    await expect(dialog.getByText(/371099 不是本统筹区的区县/)).toBeVisible();

    await dialog.getByLabel('医疗机构编码').fill('H37100300009');
    await dialog.getByRole('button', { name: SAVE }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row', { name: /H37100300009/ });
    await expect(row).toContainText('E2E测试卫生院');
    await expect(row).toContainText('0 种');

    await row.getByRole('link', { name: 'E2E测试卫生院' }).click();
    await expect(page.getByText('该医院暂无授权认定的病种')).toBeVisible();
    await page.getByRole('button', { name: '授权病种' }).click();
    const grant = page.getByRole('dialog', { name: /授权病种/ });
    await grant.getByRole('combobox', { name: '病种' }).click();
    await grant.getByRole('combobox', { name: '病种' }).fill('糖尿病');
    await chooseOption(page, grant.getByRole('combobox', { name: '病种' }), /M01600 糖尿病/);
    await grant.getByRole('button', { name: /授\s*权/ }).click();
    await expect(grant).toBeHidden();
    const delegation = page.getByRole('row', { name: /M01600/ });
    await expect(delegation).toContainText('生效中');
    await expect(delegation).toContainText('长期');

    await delegation.getByRole('button', { name: '终止授权' }).click();
    const end = page.getByRole('dialog', { name: /终止授权/ });
    const lastDay = await end.getByLabel('终止日期').inputValue();
    await end.getByRole('button', { name: /终止授权/ }).click();
    await expect(end).toBeHidden();
    await expect(delegation).not.toContainText('长期');
    await expect(delegation).toContainText(lastDay);

    // A delegation that has not started yet can be cancelled outright.
    await page.getByRole('button', { name: '授权病种' }).click();
    await grant.getByRole('combobox', { name: '病种' }).click();
    await grant.getByRole('combobox', { name: '病种' }).fill('冠心病');
    await chooseOption(page, grant.getByRole('combobox', { name: '病种' }), /M04600 冠心病/);
    const from = grant.getByLabel('授权开始日期');
    await from.click();
    await from.fill(addDays(shanghaiDate(), 7));
    await from.press('Enter');
    await grant.getByRole('button', { name: /授\s*权/ }).click();
    await expect(grant).toBeHidden();
    const scheduled = page.getByRole('row', { name: /M04600/ });
    await expect(scheduled).toContainText('待生效');
    await scheduled.getByRole('button', { name: '取消授权' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '取消授权' }).click();
    await expect(page.getByText(`已取消 M04600 自 ${addDays(shanghaiDate(), 7)} 起的授权`)).toBeVisible();
    await expect(scheduled).toHaveCount(0);
  });
});
