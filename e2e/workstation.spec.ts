import { expect, test, type Page } from '@playwright/test';
import dayjs from 'dayjs';
import { and, eq, sql } from 'drizzle-orm';
import { createDb } from '../db';
import { certificationEvidence, certifications, enrollments, people } from '../db/schema';
import { certificationPeriod } from '../lib/domain/certification';
import { storageStateOf } from './roles';
import { shanghaiDate } from '../lib/domain/shanghai-day';

const YEAR = new Date().getFullYear();
const today = () => shanghaiDate();

interface Person {
  idNumber: string;
  name: string;
}
let forHospital: Person;
let forMental: Person;
let forPending: Person;
let hospitalEvidenceId: number | undefined; // uploaded by the first test

async function evidenceOf(certificateNo: string): Promise<number> {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [row] = await db
      .select({ id: certificationEvidence.id })
      .from(certificationEvidence)
      .innerJoin(certifications, eq(certifications.id, certificationEvidence.certificationId))
      .where(eq(certifications.certificateNo, certificateNo));
    return row.id;
  } finally {
    await close();
  }
}

/** Three people enrolled (active) this year with no application yet, from the demo data. */
test.beforeAll(async () => {
  const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const rows = await db
      .select({ idNumber: people.idNumber, name: people.name })
      .from(people)
      // exists, not a join: a person enrolled in both schemes would come back twice
      .where(
        and(
          sql`exists (select 1 from ${enrollments} e where e.person_id = ${people.id} and e.year = ${YEAR} and e.status = 'active')`,
          sql`not exists (select 1 from certifications c where c.person_id = ${people.id})`,
        ),
      )
      .orderBy(sql`random()`)
      .limit(3);
    expect(rows.length, 'demo seed has people enrolled this year').toBe(3);
    [forHospital, forMental, forPending] = rows;
  } finally {
    await close();
  }
});

async function lookUp(page: Page, person: Person) {
  await page.goto('/workstation');
  const idBox = page.getByLabel('身份证号');
  await expect(idBox).toBeFocused();
  await idBox.fill(person.idNumber);
  await idBox.press('Enter');
  const card = page.getByTestId('person-card');
  await expect(card).toContainText(person.name);
  await expect(card).toContainText(`${person.idNumber.slice(0, 6)}**********${person.idNumber.slice(-2)}`);
  await expect(card).not.toContainText(person.idNumber);
}

async function openDiseaseOptions(page: Page) {
  await page.getByLabel('病种', { exact: true }).click();
  return page.locator('.ant-select-dropdown:visible .ant-select-item-option');
}

test.describe('医院工作站（威海市中心医院）', () => {
  test.use({ storageState: storageStateOf('hospital') });

  test('查询人员 → 申请并当场认定 → 打印告知单，一分钟内办结', async ({ page }) => {
    const started = Date.now();
    await lookUp(page, forHospital);

    const options = await openDiseaseOptions(page);
    await expect(options.filter({ hasText: '糖尿病' })).toHaveCount(1);
    await page.getByLabel('病种', { exact: true }).fill('糖尿病');
    await page.keyboard.press('Enter');
    await page.getByLabel('ICD-10 编码').fill('e11.9');
    await page.getByLabel('诊断', { exact: true }).fill('2型糖尿病');
    await page.getByLabel('诊断医师').fill('王医生');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '诊断证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n诊断证明') });
    await expect(page.getByText('诊断证明.pdf')).toBeVisible();
    const { endDate } = certificationPeriod(today(), { reviewExempt: false, validityMonths: 24 });
    await expect(page.getByTestId('end-date')).toHaveText(`有效期至 ${endDate}`);
    await page.getByLabel('诊断医师').press('Enter');

    await expect(page.getByText('认定通过')).toBeVisible();
    await expect(page.getByText(new RegExp(`告知单编号 MT-H37100300001-${YEAR}-\\d{6}`))).toBeVisible();
    expect(Date.now() - started).toBeLessThan(60_000);

    await page.getByRole('link', { name: /打印认定结果告知单/ }).click();
    await expect(page).toHaveURL(/\/workstation\/certificates\/\d+$/);
    await expect(page.getByRole('heading', { name: '门诊慢特病认定结果告知单' })).toBeVisible();
    const number = (await page.getByTestId('certificate-no').innerText()).replace('编号：', '').trim();
    expect(number).toMatch(new RegExp(`^MT-H37100300001-${YEAR}-\\d{6}$`));
    for (const text of [
      forHospital.name,
      `${forHospital.idNumber.slice(0, 6)}**********${forHospital.idNumber.slice(-2)}`,
      '糖尿病',
      'E11.9 2型糖尿病',
      '威海市中心医院',
      `${today()} 至 ${endDate}`,
    ]) {
      await expect(page.locator('table')).toContainText(text);
    }
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: /打\s*印/ }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: '主菜单' }).or(page.locator('.ant-layout-sider'))).toBeHidden();
    await expect(page.getByRole('button', { name: /打\s*印/ })).toBeHidden();
    await expect(page.getByRole('heading', { name: '门诊慢特病认定结果告知单' })).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`/workstation/filings?q=${number}`);
    const row = page.locator('.ant-table-row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('已认定');
    await expect(row).toContainText('即时办理');

    hospitalEvidenceId = await evidenceOf(number);
    const file = await page.request.get(`/api/workstation/evidence/${hospitalEvidenceId}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
  });

  test('认定未完成的申请留在“待决定”：不能重复申请，在本院认定记录中作出决定', async ({ page }) => {
    await lookUp(page, forPending);
    const fill = async () => {
      await page.getByLabel('病种', { exact: true }).fill('糖尿病');
      await page.keyboard.press('Enter');
      await page.getByLabel('ICD-10 编码').fill('E11.9');
      await page.getByLabel('诊断', { exact: true }).fill('2型糖尿病');
      await page.getByLabel('诊断医师').fill('王医生');
    };
    await fill();
    // A start date before the diagnosis date: the application is filed, the decision refused.
    const start = page.getByLabel('认定开始日期');
    await start.click();
    await start.fill(dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
    await start.press('Enter');
    await page.getByLabel('诊断医师').press('Enter');
    await expect(page.getByText(/申请已登记（待决定），认定未完成：/)).toBeVisible();

    // The clerk starts over: the same application again is refused, with where to decide the first.
    await lookUp(page, forPending);
    await fill();
    await page.getByLabel('诊断医师').press('Enter');
    await expect(page.getByText(/本院已于 \d{4}-\d{2}-\d{2} 受理该人员“糖尿病”的认定申请，尚未作出决定/)).toBeVisible();

    await page.goto('/workstation/filings?status=pending');
    const row = page.locator('.ant-table-row').filter({ hasText: forPending.name }).filter({ hasText: '糖尿病' });
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: '作出决定' }).click();
    const dialog = page.getByRole('dialog', { name: /作出决定/ });
    await expect(dialog.getByLabel('认定开始日期')).toHaveValue(today());
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.getByText(new RegExp(`已认定，告知单 MT-H37100300001-${YEAR}-\\d{6}`))).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0); // no longer pending
    await page.goto('/workstation/filings');
    await expect(page.locator('.ant-table-row').filter({ hasText: forPending.name }).first()).toContainText('已认定');
  });

  test('身份证号有误时说明原因', async ({ page }) => {
    await page.goto('/workstation');
    const wrong = forHospital.idNumber.slice(0, 17) + (forHospital.idNumber[17] === '0' ? '1' : '0');
    await page.getByLabel('身份证号').fill(wrong);
    await page.getByLabel('身份证号').press('Enter');
    await expect(page.getByText(/校验位错误/)).toBeVisible();
  });
});

test.describe('医院工作站（精神卫生中心）', () => {
  test.use({ storageState: storageStateOf('hospital_mental') });

  test('只提供本院受委托的病种：不出现糖尿病', async ({ page }) => {
    await lookUp(page, forMental);
    const options = await openDiseaseOptions(page);
    await expect(options.filter({ hasText: '精神分裂症' })).toHaveCount(1);
    await expect(options.filter({ hasText: '糖尿病' })).toHaveCount(0);
    await page.getByLabel('病种', { exact: true }).fill('糖尿病');
    await expect(page.locator('.ant-select-dropdown:visible')).toContainText('暂无数据');
  });

  test('强行提交未受委托的病种（改写发往服务器的申请）：被拒绝，不写入任何数据', async ({ page }) => {
    await lookUp(page, forMental);
    await page.getByLabel('病种', { exact: true }).fill('精神分裂症');
    await page.keyboard.press('Enter');
    await page.getByLabel('ICD-10 编码').fill('F20.0');
    await page.getByLabel('诊断', { exact: true }).fill('精神分裂症');
    await page.getByLabel('诊断医师').fill('赵医生');
    // The page's own server-action call goes out with the disease swapped for 糖尿病 (M01600), which
    // this hospital is not delegated: what a hand-crafted request would send.
    let forged = false;
    await page.route('**/workstation', async (route) => {
      const request = route.request();
      const body = request.postData();
      if (request.method() === 'POST' && request.headers()['next-action'] && body?.includes('"diseaseCode":"M02101"')) {
        forged = true;
        return route.continue({ postData: body.replace('"diseaseCode":"M02101"', '"diseaseCode":"M01600"') });
      }
      return route.continue();
    });
    await page.getByLabel('诊断医师').press('Enter');
    await expect(page.getByText(/本院未获授权认定该病种（M01600）/)).toBeVisible();
    expect(forged, 'the filing request was intercepted').toBe(true);
    const { db, close } = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      const rows = await db
        .select({ id: certifications.id })
        .from(certifications)
        .innerJoin(people, eq(people.id, certifications.personId))
        .where(eq(people.idNumber, forMental.idNumber));
      expect(rows).toHaveLength(0);
    } finally {
      await close();
    }
  });

  test('另一家医院的证明材料取不到', async ({ page }) => {
    test.skip(hospitalEvidenceId === undefined, 'needs the evidence uploaded by the first test');
    const res = await page.request.get(`/api/workstation/evidence/${hospitalEvidenceId}`);
    expect(res.status()).toBe(404);
    expect((await res.json()).error).toContain('不存在或不在您的权限范围内');
  });
});
