import type { Page } from '@playwright/test';
import { chooseOption } from './select';

/** Opens 导入名单 on the lists page and picks the list's source; returns the dialog. */
export async function openListUpload(page: Page, source: string) {
  await page.goto('/matching/lists');
  await page.getByRole('button', { name: '导入名单' }).click();
  const dialog = page.getByRole('dialog', { name: '导入名单' });
  await chooseOption(page, dialog.getByRole('combobox', { name: '名单来源' }), source);
  return dialog;
}
