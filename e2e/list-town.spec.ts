import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDb } from '../db';
import { people } from '../db/schema';
import { storageStateOf } from './roles';
import { confirmImport, openListUpload, uploadForPreview } from './list-upload';

test.describe('town staff import a list that also names a person of another town', () => {
  test.use({ storageState: storageStateOf('town_staff') });

  test('the summary says that row went to its own town and is not shown here', async ({ page }) => {
    const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
    const [mine] = await db.select().from(people).where(eq(people.townCode, '371003001')).limit(1); // 龙山路街道, the user's town
    const [other] = await db.select().from(people).where(eq(people.townCode, '371003002')).limit(1);
    await close();
    const file = path.join(os.tmpdir(), `town-list-${Date.now()}.csv`);
    fs.writeFileSync(
      file,
      `姓名,身份证号,乡镇,备注\n${mine.name},${mine.idNumber},龙山路街道,${Date.now()}\n${other.name},${other.idNumber},天福路街道,\n`,
    );

    const dialog = await openListUpload(page, '民政-低保');
    await uploadForPreview(dialog, file);
    await confirmImport(dialog);
    await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText(/共导入 2 行人员/)).toBeVisible();
    await expect(dialog.getByTestId('rows-outside-scope')).toHaveText(/其中 1 行人员不属于您负责的镇街/);
    fs.rmSync(file, { force: true });
  });
});
