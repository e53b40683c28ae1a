import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from './select';

/** Opens 导入名单 on the lists page and picks the list's source; returns the dialog. */
export async function openListUpload(page: Page, source: string) {
  await page.goto('/matching/lists');
  await page.getByRole('button', { name: '导入名单' }).click();
  const dialog = page.getByRole('dialog', { name: '导入名单' });
  await chooseOption(page, dialog.getByRole('combobox', { name: '名单来源' }), source);
  return dialog;
}

/** Chooses the file and uploads it: the dialog shows the preview (nothing imported yet). */
export async function uploadForPreview(dialog: Locator, file: string) {
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: '上传并预览' }).click();
  await expect(dialog.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
}

/** Confirms the preview (which must have nothing left to decide) and waits for the import's progress. */
export async function confirmImport(dialog: Locator) {
  await expect(dialog.getByTestId('import-ready')).toBeVisible();
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog.getByTestId('import-progress')).toBeVisible();
}
