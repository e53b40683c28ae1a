import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createDb } from '../db';
import { writeMessyList } from '../tests/integration/list-fixtures';
import { confirmImport, openListUpload, uploadForPreview } from './list-upload';
import { storageStateOf, type DemoRole } from './roles';
import { confirmWith, openPopconfirm } from './popconfirm';

/**
 * 缴费资助: staff build a roster and a supervisor approves it; the preparer (here the admin, who may
 * do both) cannot approve their own batch; the roster's export. Each test imports its own 特困 list
 * (source 其他, dated today, so it is that source's latest version of the year) naming registry people
 * of 文登区 who have no subsidy line in the year yet, and works in its own year: the tests need no demo
 * lists and a rerun on the same database finds fresh people (the earlier run's are then 移出 / 停止资助).
 * This year's roster is the district's (the refund spec works in a town of last year); the four-eyes
 * test and the export work in the year before last, each from whatever state the batch is in.
 */

const YEAR = new Date().getFullYear();
const DISTRICT = '371003';
const shots = !!process.env.E2E_SCREENSHOTS;

type Person = {
  name: string;
  idNumber: string;
  townName: string;
};

async function withDb<T>(fn: (db: ReturnType<typeof createDb>['db']) => Promise<T>): Promise<T> {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    return await fn(db);
  } finally {
    await close();
  }
}

/**
 * Registry people of 文登区 with no subsidy line in `year`, enrolled as residents that year (so the
 * list opens no 销号 case for them) and not in the employee scheme, with distinct names.
 */
async function pickPeople(year: number, n: number): Promise<Person[]> {
  return withDb(async (db) => {
    const rows = await db.execute<Person>(sql`
      select p.name, p.id_number as "idNumber", t.name as "townName"
      from people p join towns t on t.code = p.town_code
      where t.district_code = ${DISTRICT}
        and not exists (select 1 from subsidy_lines l where l.person_id = p.id and l.year = ${year})
        and exists (select 1 from enrollments e where e.person_id = p.id and e.year = ${year}
          and e.scheme = 'resident' and e.status = 'active')
        and not exists (select 1 from enrollments e where e.person_id = p.id and e.year = ${year}
          and e.scheme = 'employee' and e.status = 'active')
        and char_length(p.name) between 2 and 4
      order by random() limit 60`);
    const picked: Person[] = [];
    for (const r of rows) {
      if (picked.length === n) break;
      if (picked.some((p) => p.name.startsWith(r.name) || r.name.startsWith(p.name))) continue;
      picked.push(r);
    }
    expect(picked).toHaveLength(n);
    return picked;
  });
}

/** Imports a 特困供养 list of `people` for `year` (source 其他, dated today) through 导入名单. */
async function importList(page: Page, year: number, people: Person[]) {
  const list = await writeMessyList(
    people.map((p) => [p.name, p.idNumber, p.townName, '特困供养人员']),
    { title: `${year}年文登区特困供养人员名单` },
  );
  const dialog = await openListUpload(page, '其他');
  await dialog.getByLabel('比对年度').fill(String(year));
  await uploadForPreview(dialog, list.filePath);
  await confirmImport(dialog);
  await expect(dialog.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
}

const popconfirm = openPopconfirm;
const message = (page: Page) => page.locator('.ant-message');
const status = (page: Page) => page.getByTestId('batch-status').first();

/** On /subsidies?year=: 生成花名册, confirmed; lands on the new (or regenerated) batch. Returns its URL. */
async function generateRoster(page: Page, year: number): Promise<string> {
  await page.goto(`/subsidies?year=${year}`);
  await confirmWith(page, page.getByRole('button', { name: '生成花名册' }), /^生\s*成$/);
  await expect(page).toHaveURL(/\/subsidies\/batches\/\d+$/, { timeout: 30_000 });
  await expect(status(page)).toHaveText('待提交');
  return page.url();
}

async function submitBatch(page: Page) {
  await confirmWith(page, page.getByRole('button', { name: '提交审批' }), /^提\s*交$/);
  // 30 s: in CI the submit once took longer than 10 s on the loaded machine (the answer came late).
  await expect(message(page)).toContainText('已提交审批', { timeout: 30_000 });
  await expect(status(page)).toHaveText('待审批');
}

/** The batch's line of one person (the lines table filtered by name). */
async function lineOf(page: Page, person: Person) {
  await page.getByRole('searchbox', { name: '姓名' }).fill(person.name);
  await page.getByRole('searchbox', { name: '姓名' }).press('Enter');
  const row = page
    .getByTestId('batch-lines')
    .locator('tbody tr.ant-table-row')
    .filter({ has: page.getByRole('link', { name: person.name, exact: true }) });
  await expect(row).toHaveCount(1);
  return row;
}

async function asRole(browser: Browser, role: DemoRole) {
  const context = await browser.newContext({ storageState: storageStateOf(role) });
  return { page: await context.newPage(), close: () => context.close() };
}

/** On a submitted batch's page: 退回 (the note is required), then the batch is 已退回. */
async function returnBatch(page: Page, note: string) {
  await page.getByRole('button', { name: /退\s*回$/ }).click(); // "rollback 退回": the icon is named too
  const dialog = page.getByRole('dialog', { name: '退回批次' });
  await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
  await expect(dialog.getByText('请填写退回意见')).toBeVisible();
  await dialog.getByLabel('退回意见').fill(note);
  await dialog.getByRole('button', { name: /^退\s*回$/ }).click();
  await expect(status(page)).toHaveText('已退回');
}

/**
 * A district batch of the year already submitted (the demo data has one waiting for approval; an
 * interrupted run leaves one) would refuse 生成花名册: a supervisor returns it first, so staff can
 * regenerate it. Returns whether there was one.
 */
async function returnSubmittedBatch(browser: Browser, year: number): Promise<boolean> {
  const [open] = await withDb((db) =>
    db.execute<{ id: number }>(sql`select id from subsidy_batches where year = ${year}
      and district_code = ${DISTRICT} and town_code is null and status = 'submitted'`),
  );
  if (!open) return false;
  const supervisor = await asRole(browser, 'supervisor');
  await supervisor.page.goto(`/subsidies/batches/${open.id}`);
  await returnBatch(supervisor.page, '名单已更新，请按最新名单重新生成后再提交');
  await supervisor.close();
  return true;
}

test.describe('缴费资助花名册', () => {
  test.setTimeout(300_000); // a list import, a generation and two sessions each: minutes on a loaded machine

  test('staff generate this year’s roster and submit it; a supervisor approves it', async ({ browser }) => {
    const staff = await asRole(browser, 'staff');
    const page = staff.page;
    const people = await pickPeople(YEAR, 3);

    // The fund pays people a newer list adds after approval who have not paid: record an allocation first.
    await page.goto('/subsidies');
    await expect(page.getByText(`财政预拨资金（${YEAR} 年度）`)).toBeVisible();
    await page.getByRole('button', { name: '登记预拨资金' }).click();
    const fund = page.getByRole('dialog', { name: '登记预拨资金' });
    await fund.getByLabel('拨付金额（元）').fill('200000');
    await fund.getByLabel('拨付文号或说明').fill(`文财社指〔${YEAR}〕e2e 号`);
    await fund.getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(message(page)).toContainText('已登记预拨资金');
    await expect(page.getByTestId('fund-ledger')).toContainText(`文财社指〔${YEAR}〕e2e 号`);

    await importList(page, YEAR, people);
    const regenerated = await returnSubmittedBatch(browser, YEAR);
    const batchUrl = await generateRoster(page, YEAR);
    if (regenerated) {
      await expect(page.getByTestId('batch-diff-headline')).toContainText('与上次生成相比');
      await expect(page.getByTestId('diff-added')).toContainText(people[0].name);
    }
    const row = await lineOf(page, people[0]);
    await expect(row).toContainText('特困人员');
    await expect(row).toContainText(people[0].townName);
    await expect(row).not.toContainText(people[0].idNumber); // masked
    if (shots) await page.screenshot({ path: test.info().outputPath('batch-draft.png'), fullPage: true });
    await submitBatch(page);

    const supervisor = await asRole(browser, 'supervisor');
    const sp = supervisor.page;
    await sp.goto(batchUrl);
    await expect(status(sp)).toHaveText('待审批');
    await expect(sp.getByRole('button', { name: '提交审批' })).toHaveCount(0);
    await confirmWith(sp, sp.getByRole('button', { name: '审批通过' }), '审批通过');
    await expect(message(sp)).toContainText('已审批通过');
    await expect(status(sp)).toHaveText('已审批（冻结）');
    await expect(sp.getByText('待遇保障科科长 审批通过', { exact: false })).toBeVisible();
    if (shots) await sp.screenshot({ path: test.info().outputPath('batch-approved.png'), fullPage: true });

    // The year's overview lists the batch with its preparer and approver.
    await sp.goto(`/subsidies?year=${YEAR}`);
    const id = batchUrl.split('/').pop();
    const listed = sp
      .getByTestId('batches')
      .locator('tbody tr.ant-table-row')
      .filter({ has: sp.getByRole('link', { name: `#${id}`, exact: true }) });
    await expect(listed).toContainText('已审批（冻结）');
    await expect(listed).toContainText('区医保局经办员');
    await expect(listed).toContainText('待遇保障科科长');
    await supervisor.close();
    await staff.close();
  });

  test('the preparer cannot approve their own batch (admin holds both rights); a supervisor returns it', async ({
    browser,
  }) => {
    const year = YEAR - 2;
    const admin = await asRole(browser, 'admin');
    const page = admin.page;
    const people = await pickPeople(year, 2);
    await importList(page, year, people);
    await returnSubmittedBatch(browser, year);
    const batchUrl = await generateRoster(page, year);
    await lineOf(page, people[1]);
    await submitBatch(page);

    await confirmWith(page, page.getByRole('button', { name: '审批通过' }), '审批通过');
    await expect(message(page)).toContainText('审批人不能是该批次的经办（编制）人');
    await page.reload();
    await expect(status(page)).toHaveText('待审批');

    // Another user returns it with a note (which also lets a rerun regenerate this year's batch).
    const supervisor = await asRole(browser, 'supervisor');
    const sp = supervisor.page;
    await sp.goto(batchUrl);
    await returnBatch(sp, '请核对新增人员的身份证号后重新提交');
    await supervisor.close();

    await page.reload();
    await expect(status(page)).toHaveText('已退回');
    await expect(page.getByTestId('return-note')).toContainText('请核对新增人员的身份证号后重新提交');
    await expect(page.getByRole('button', { name: '提交审批' })).toBeVisible();
    await admin.close();
  });

  test('export the roster (masked IDs, national field names) and the tax list (whole IDs)', async ({ browser }) => {
    const year = YEAR - 2; // the four-eyes test's year: whatever state it left, staff can regenerate
    const staff = await asRole(browser, 'staff');
    const page = staff.page;
    const people = await pickPeople(year, 2);
    await importList(page, year, people);
    await returnSubmittedBatch(browser, year);
    const batchUrl = await generateRoster(page, year);
    const id = batchUrl.split('/').pop();

    const sheetOf = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`-${year}-批次${id}\\.xlsx$`));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const ws = wb.worksheets[0];
      const rows: string[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };

    const roster = await sheetOf(() => page.getByRole('link', { name: /导出花名册/ }).click());
    const [header, ...lines] = roster;
    for (const name of [
      '财政补助金额（FINSUBS_AMT）',
      '个人缴费金额（PSN_CLCT_AMT）',
      '人员类别（PSN_TYPE）',
      '姓名',
      '证件号码',
    ])
      expect(header).toContain(name);
    const nameCol = header.indexOf('姓名');
    const idCol = header.indexOf('证件号码');
    const mine = lines.find((r) => r[nameCol] === people[0].name);
    expect(mine).toBeDefined();
    expect(mine![idCol]).toContain(people[0].idNumber.slice(0, 6));
    expect(mine![idCol]).not.toContain(people[0].idNumber);
    expect(mine![header.indexOf('人员类别（PSN_TYPE）')]).toBe('特困人员');
    expect(Number(mine![header.indexOf('财政补助金额（FINSUBS_AMT）')])).toBeGreaterThan(0);

    const tax = await sheetOf(async () => {
      await page.getByRole('button', { name: /导出税务缴费明细/ }).click();
      await expect(popconfirm(page)).toContainText('完整身份证号');
      await popconfirm(page)
        .getByRole('button', { name: /^导\s*出$/ })
        .click();
    });
    expect(tax.find((r) => r[nameCol] === people[0].name)?.[idCol]).toBe(people[0].idNumber);
    await staff.close();
  });
});
