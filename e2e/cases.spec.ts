import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { and, count, eq, sql } from 'drizzle-orm';
import { createDb } from '../db';
import { cases, people } from '../db/schema';
import { storageStateOf } from './roles';
import { waitForRows } from './table';
import { shanghaiDate } from '../lib/domain/shanghai-day';
import { chooseOption } from './select';

const YEAR = new Date().getFullYear();
const LONGSHAN = '371003001';
const TIANFU = '371003002';
const dayFromToday = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

interface Seeded {
  caseId: number;
  personId: number;
}
let overdue: Seeded; // 龙山路街道, due 10 days ago
let later: Seeded; // 龙山路街道, due in 30 days
let other: Seeded; // 天福路街道
let longshanOpen: number; // open cases of 龙山路街道 after seeding (the demo seed has none)

/** The demo seed has no cases: open three directly in the e2e database. */
test.beforeAll(async () => {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const notEnrolled = (townCode: string, n: number) =>
      db
        .select({ id: people.id })
        .from(people)
        .where(
          and(
            eq(people.townCode, townCode),
            sql`not exists (select 1 from enrollments e where e.person_id = ${people.id} and e.year = ${YEAR} and e.status = 'active')`,
            sql`not exists (select 1 from cases c where c.person_id = ${people.id})`,
          ),
        )
        .orderBy(people.id)
        .limit(n);
    const [a, b] = await notEnrolled(LONGSHAN, 2);
    const [c] = await notEnrolled(TIANFU, 1);
    expect(a && b && c, 'demo seed has not-enrolled people in both towns').toBeTruthy();
    const open = async (personId: number, townCode: string, dueDate: string): Promise<Seeded> => {
      const [row] = await db
        .insert(cases)
        .values({ personId, townCode, year: YEAR, kind: 'not_enrolled', dueDate })
        .returning({ id: cases.id });
      return { caseId: row.id, personId };
    };
    later = await open(a.id, LONGSHAN, dayFromToday(30));
    overdue = await open(b.id, LONGSHAN, dayFromToday(-10));
    other = await open(c.id, TIANFU, dayFromToday(-5));
    [{ n: longshanOpen }] = await db
      .select({ n: count() })
      .from(cases)
      .where(and(eq(cases.townCode, LONGSHAN), eq(cases.status, 'open')));
  } finally {
    await close();
  }
});

const rowOf = (page: Page, personId: number) =>
  page.locator('tbody tr.ant-table-row').filter({ has: page.locator(`a[href="/persons/${personId}"]`) });

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cases-e2e-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test.describe.serial('town staff works the 销号 worklist', () => {
  test.use({ storageState: storageStateOf('town_staff') });

  test('sees only the cases of 龙山路街道, overdue first', async ({ page }, info) => {
    await page.goto('/matching/cases');
    await waitForRows(page);
    const rows = page.locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(longshanOpen);
    expect(longshanOpen).toBe(2);
    expect(new Set(await page.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts())).toEqual(
      new Set(['龙山路街道']),
    );
    await expect(rows.first().locator(`a[href="/persons/${overdue.personId}"]`)).toBeVisible();
    await expect(rows.first()).toContainText('逾期');
    await expect(rows.first()).toHaveClass(/case-row-overdue/);
    await expect(rowOf(page, later.personId)).not.toContainText('逾期');
    await expect(rowOf(page, other.personId)).toHaveCount(0);
    await expect(page.getByText(`共 ${longshanOpen} 条`)).toBeVisible();
    await page.screenshot({ path: info.outputPath('worklist.png'), fullPage: true });
  });

  test('closing needs evidence checked by content; closes as 死亡, then reopens', async ({ page }, info) => {
    await page.goto('/matching/cases');
    await waitForRows(page);
    await rowOf(page, overdue.personId).getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(new RegExp(`case=${overdue.caseId}`));
    const drawer = page.getByRole('dialog', { name: /销号任务 #/ });
    await expect(drawer.getByTestId('case-status')).toHaveText('待销号');

    // No evidence yet: closing is refused with the reason.
    await expect(drawer.getByText('请先上传至少一份证明材料')).toBeVisible();
    await expect(drawer.getByRole('button', { name: '确认销号' })).toBeDisabled();

    // A text file named .pdf is refused by content.
    await drawer.locator('input[type=file]').setInputFiles(tempFile('假证明.pdf', '这不是 PDF 文件'));
    await expect(page.locator('.ant-message')).toContainText('证明材料只能是 PDF、JPG 或 PNG 文件');
    await expect(drawer.getByText('尚未上传证明材料')).toBeVisible();

    // A real (small) PDF is accepted and listed, opening in a new tab.
    await drawer
      .locator('input[type=file]')
      .setInputFiles(
        tempFile(
          '死亡证明.pdf',
          '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
        ),
      );
    const link = drawer.getByRole('link', { name: /死亡证明\.pdf/ });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('target', '_blank');
    const file = await page.request.get((await link.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');

    await chooseOption(page, drawer.getByRole('combobox', { name: '无需参保的原因' }), '死亡');
    await drawer.getByLabel('说明').fill('死亡证明编号 E2E-001');
    await drawer.getByRole('button', { name: '确认销号' }).click();
    await expect(page.locator('.ant-message')).toContainText('已销号');
    await expect(drawer.getByTestId('case-status')).toHaveText('已销号');
    await expect(drawer).toContainText('死亡');
    await page.screenshot({ path: info.outputPath('drawer-closed.png'), fullPage: true });

    // The closed case leaves the default (待销号) worklist and shows under 已销号.
    await page.goto('/matching/cases');
    await waitForRows(page);
    await expect(rowOf(page, overdue.personId)).toHaveCount(0);
    await page.goto(`/matching/cases?status=closed&case=${overdue.caseId}`);
    await waitForRows(page);
    await expect(rowOf(page, overdue.personId)).toContainText('已销号');
    await expect(rowOf(page, overdue.personId)).toContainText('死亡');

    // Reopen needs a reason.
    const reopened = page.getByRole('dialog', { name: /销号任务 #/ });
    await reopened.getByRole('button', { name: '重新打开' }).click();
    await expect(reopened.getByText('请填写重新打开的原因')).toBeVisible();
    await reopened.getByLabel('重新打开的原因').fill('死亡证明待核实');
    await reopened.getByRole('button', { name: '重新打开' }).click();
    await expect(page.locator('.ant-message')).toContainText('任务已重新打开');
    await expect(reopened.getByTestId('case-status')).toHaveText('待销号');
    await expect(reopened).toContainText('重新打开：死亡证明待核实');
    await expect(rowOf(page, overdue.personId)).toHaveCount(0); // the 已销号 list no longer has it
  });

  test('registering the enrollment on the person page closes the case as 已参保', async ({ page }, info) => {
    await page.goto(`/persons/${later.personId}`);
    const casesCard = page.locator('.ant-card').filter({ has: page.getByText('销号任务', { exact: true }) });
    await expect(casesCard).toContainText('待销号');
    await expect(page.locator('.ant-card').filter({ has: page.getByText('名单记录', { exact: true }) })).toBeVisible();
    await page.getByRole('button', { name: '登记参保' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('城乡居民');
    await expect(dialog).toContainText('一档');
    await dialog.getByLabel('缴费金额（元）').fill('450');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.ant-message')).toContainText('参保已登记');
    await expect(casesCard).toContainText('已销号');
    await expect(casesCard).toContainText('已参保');
    await page.screenshot({ path: info.outputPath('person.png'), fullPage: true });

    await page.goto('/matching/cases?status=all');
    await waitForRows(page);
    await expect(rowOf(page, later.personId)).toContainText('已销号');
    await expect(rowOf(page, later.personId)).toContainText('已参保');
  });

  test('a case of another town is 404 for the town staff, readable for district staff', async ({
    request,
    browser,
  }) => {
    expect((await request.get(`/api/cases/${other.caseId}`)).status()).toBe(404);
    expect((await request.get(`/api/cases/staff?townCode=${TIANFU}`)).status()).toBe(404);
    const staff = await browser.newContext({ storageState: storageStateOf('staff') });
    const res = await staff.request.get(`/api/cases/${other.caseId}`);
    expect(res.status()).toBe(200);
    expect((await res.json()).case.townCode).toBe(TIANFU);
    await staff.close();
  });
});

test.describe('district staff', () => {
  test.use({ storageState: storageStateOf('staff') });

  test('bulk assignment needs one town; export is an .xlsx named 销号任务', async ({ page, request }, info) => {
    await page.goto('/matching/cases');
    await waitForRows(page);
    await rowOf(page, other.personId).locator('input[type=checkbox]').check();
    await rowOf(page, overdue.personId).locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: /批量分派/ }).click();
    await expect(page.locator('.ant-message')).toContainText('所选任务属于不同镇街');

    await rowOf(page, overdue.personId).locator('input[type=checkbox]').uncheck();
    await page.getByRole('button', { name: /批量分派/ }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByRole('combobox', { name: '经办人' }), '区医保局经办员（全区）');
    await page.screenshot({ path: info.outputPath('assign.png') });
    await dialog.getByRole('button', { name: '分派' }).click();
    await expect(page.locator('.ant-message')).toContainText('已分派 1 条任务');
    await expect(rowOf(page, other.personId)).toContainText('区医保局经办员');

    const xlsx = await request.get('/api/cases/export?status=open');
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('销号任务.xlsx')}`);
    const body = await xlsx.body();
    expect(body.subarray(0, 2).toString()).toBe('PK');
  });
});
