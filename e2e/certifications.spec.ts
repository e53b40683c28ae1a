import { expect, test } from '@playwright/test';
import { storageStateOf } from './roles';
import { waitForRows } from './table';
import { shanghaiDate } from '../lib/domain/shanghai-day';
import { chooseOption } from './select';

test.use({ storageState: storageStateOf('staff') });

test('staff filter the certifications, open one, and revoke it with a reason', async ({ page }, info) => {
  await page.goto('/certifications');
  await waitForRows(page);
  await chooseOption(page, page.getByRole('combobox', { name: '认定医院' }), '威海市中心医院');
  await expect(page).toHaveURL(/hospitalId=\d+/);
  await chooseOption(page, page.getByRole('combobox', { name: '状态' }), '已认定');
  await expect(page).toHaveURL(/status=approved/);
  await waitForRows(page);
  const rows = page.locator('tbody tr.ant-table-row');
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain('威海市中心医院');
    expect(text).toContain('已认定');
  }
  await page.screenshot({ path: info.outputPath('list.png'), fullPage: true });

  const first = rows.first();
  const certificateNo = (await first.locator('td').first().innerText()).trim();
  expect(certificateNo).toMatch(/^MT-H37100300001-\d{4}-\d{6}$/);
  await first.getByRole('button', { name: '查看' }).click();
  await expect(page).toHaveURL(/cert=\d+/);
  const drawer = page.getByRole('dialog', { name: /认定记录 #/ });
  await expect(drawer).toContainText(certificateNo);
  await expect(drawer.getByTestId('decision-time')).toHaveText(/即时办理|小时|天/);
  await expect(drawer).toContainText('依据 2020-01-01 起施行的目录版本');
  await expect(drawer.getByTestId('cert-status')).toHaveText('已认定');

  await drawer.getByRole('button', { name: '撤销认定' }).click();
  await expect(drawer.getByText('请填写撤销原因')).toBeVisible();
  await drawer.getByLabel('撤销原因').fill('复核发现诊断证明材料不实');
  await drawer.getByRole('button', { name: '撤销认定' }).click();
  await page.getByRole('dialog', { name: '确认撤销该认定？' }).getByRole('button', { name: '确认撤销' }).click();
  await expect(page.locator('.ant-message')).toContainText('认定已撤销');
  await expect(drawer.getByTestId('cert-status')).toHaveText('已撤销');
  await expect(drawer).toContainText('复核发现诊断证明材料不实');
  await expect(drawer.getByRole('button', { name: '撤销认定' })).toHaveCount(0);
  await page.screenshot({ path: info.outputPath('revoked.png'), fullPage: true });

  // It has left the 已认定 list.
  await page.keyboard.press('Escape');
  await waitForRows(page);
  await expect(page.locator('tbody tr.ant-table-row').filter({ hasText: certificateNo })).toHaveCount(0);
});

test('the 待复审 tab lists approved certifications ending within 60 days, soonest first', async ({ page }, info) => {
  await page.goto('/certifications');
  await page.getByRole('tab', { name: /待复审/ }).click();
  await expect(page).toHaveURL(/tab=review/);
  await waitForRows(page);
  const rows = page.locator('tbody tr.ant-table-row');
  expect(await rows.count()).toBeGreaterThan(0);
  const today = shanghaiDate();
  const last = shanghaiDate(new Date(Date.now() + 60 * 86_400_000));
  const ends: string[] = [];
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain('已认定');
    const end = /至\s+(\d{4}-\d{2}-\d{2})/.exec(text)![1];
    expect(end >= today && end <= last).toBe(true);
    ends.push(end);
  }
  expect(ends).toEqual([...ends].sort());
  await page.screenshot({ path: info.outputPath('review.png'), fullPage: true });
});
