import { assistancePanel } from './dashboard-assistance';
import { casesPanel } from './dashboard-cases';
import { certificationsPanel } from './dashboard-certifications';
import { coveragePanel } from './dashboard-coverage';
import { listCoveragePanel } from './dashboard-lists';
import { subsidiesPanel } from './dashboard-subsidies';
import { cachedExport } from './dashboard-cache';
import { dashboardExportSchema, type DashboardFilter, type DashboardPanel } from '@/lib/schemas/dashboard';
import { defineOperation, type OperationContext } from '@/lib/server/operation';
import { sheet, type SheetColumn } from '@/lib/server/xlsx';
import { writeXlsx, type Sheet } from '@/lib/server/xlsx-write';

type Cell = string | number | null;
/** Columns from [header, value] pairs. */
const cols = <R>(spec: [string, (r: R) => Cell][]): SheetColumn<R>[] =>
  spec.map(([header, value]) => ({ header, value, width: Math.max(10, header.length * 2 + 2) }));
const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

export const PANEL_TITLES: Record<DashboardPanel, string> = {
  coverage: '参保覆盖',
  listCoverage: '名单人员参保',
  cases: '销号进度',
  subsidies: '缴费资助',
  assistance: '医疗救助',
  certifications: '慢特病认定',
};

type Ctx = Pick<OperationContext, 'user' | 'readDb'>;

async function coverageSheets(ctx: Ctx, f: DashboardFilter): Promise<Sheet[]> {
  const d = await coveragePanel(ctx, f);
  type R = (typeof d.towns)[number] | (typeof d.totals & { townName: string });
  const c = cols<R>([
    ['镇街', (r) => r.townName],
    ['参保人数', (r) => r.insured],
    ['城乡居民', (r) => r.resident],
    ['职工', (r) => r.employee],
    ['重复参保', (r) => r.both],
    ['常住人口', (r) => r.residentPopulation],
    ['参保率(%)', (r) => pct(r.coverageRate)],
    ['参保任务数', (r) => r.insuredTarget],
    ['任务完成率(%)', (r) => pct(r.targetRate)],
    ['扩面人数', (r) => r.expansion],
    ['扩面任务数', (r) => r.expansionTarget],
    ['扩面完成率(%)', (r) => pct(r.expansionRate)],
  ]);
  return [sheet('按镇街', c, [...d.towns, { ...d.totals, townName: '合计' }])];
}

async function listCoverageSheets(ctx: Ctx, f: DashboardFilter): Promise<Sheet[]> {
  const d = await listCoveragePanel(ctx, f);
  type S = Omit<(typeof d.sources)[number], 'towns'> & { townName?: string };
  const classes = cols<S>([
    ['名单来源', (r) => r.sourceLabel],
    ['名单日期', (r) => r.listDate],
    ['镇街', (r) => r.townName ?? '全部'],
    ['名单人数(行)', (r) => r.rows],
    ['已参保(居民)', (r) => r.enrolledResident],
    ['已参保(职工)', (r) => r.enrolledEmployee],
    ['重复参保', (r) => r.duplicate],
    ['未参保', (r) => r.notEnrolled],
    ['身份证号有误', (r) => r.invalidId],
    ['查无此人', (r) => r.notFound],
    ['参保率(%)', (r) => pct(r.enrolledRate)],
  ]);
  const bySourceTown = d.sources.flatMap((s) => s.towns.map((t) => ({ ...s, ...t })));
  return [
    sheet('按来源', classes, d.sources),
    sheet('按来源和镇街', classes, bySourceTown),
    sheet(
      '按镇街(人数)',
      cols<(typeof d.towns)[number]>([
        ['镇街', (r) => r.townName],
        ['名单人数', (r) => r.people],
        ['已参保', (r) => r.enrolled],
        ['未参保', (r) => r.notEnrolled],
        ['参保率(%)', (r) => pct(r.enrolledRate)],
      ]),
      [
        ...d.towns,
        {
          ...d.totals,
          townCode: '',
          townName: '合计',
          people: d.totals.listedPeople,
          enrolled: d.totals.enrolledPeople,
          notEnrolled: d.totals.notEnrolledPeople,
        },
      ],
    ),
  ];
}

async function casesSheets(ctx: Ctx, f: DashboardFilter): Promise<Sheet[]> {
  const d = await casesPanel(ctx, f);
  return [
    sheet(
      '按月',
      cols<(typeof d.months)[number]>([
        ['月份', (r) => `${f.year}年${r.label}`],
        ['新增', (r) => r.opened],
        ['销号', (r) => r.closed],
        ['月末未销号', (r) => r.openAtEnd],
      ]),
      d.months,
    ),
    sheet(
      '按镇街(当前)',
      cols<{ townName: string; open: number; closed: number; overdue: number }>([
        ['镇街', (r) => r.townName],
        ['待销号', (r) => r.open],
        ['已销号', (r) => r.closed],
        ['已逾期', (r) => r.overdue],
      ]),
      [...d.towns, { townName: '合计', ...d.totals }],
    ),
  ];
}

async function subsidiesSheets(ctx: Ctx, f: DashboardFilter): Promise<Sheet[]> {
  const d = await subsidiesPanel(ctx, f);
  type G = { name: string; people: number; amountFen: number; refundFen: number; fundFen: number };
  const g = cols<G>([
    ['名称', (r) => r.name],
    ['资助人数', (r) => r.people],
    ['资助金额(元)', (r) => yuan(r.amountFen)],
    ['其中退费(元)', (r) => yuan(r.refundFen)],
    ['其中预拨资金(元)', (r) => yuan(r.fundFen)],
  ]);
  return [
    sheet(
      '按类别',
      g,
      d.categories.map((c) => ({ ...c, name: c.categoryLabel })),
    ),
    sheet(
      '按镇街',
      g,
      d.towns.map((t) => ({ ...t, name: t.townName })),
    ),
    sheet(
      '退费',
      cols<(typeof d.refunds)[number]>([
        ['状态', (r) => r.statusLabel],
        ['笔数', (r) => r.count],
        ['金额(元)', (r) => yuan(r.amountFen)],
      ]),
      d.refunds,
    ),
    sheet(
      '财政预拨资金',
      cols<(typeof d.funds)[number]>([
        ['区县', (r) => r.districtName],
        ['拨付(元)', (r) => yuan(r.allocatedFen)],
        ['动用(元)', (r) => yuan(r.usedFen)],
        ['余额(元)', (r) => yuan(r.balanceFen)],
      ]),
      d.funds,
    ),
    sheet(
      '合计',
      cols<typeof d.totals>([
        ['资助人数', (r) => r.people],
        ['资助金额(元)', (r) => yuan(r.amountFen)],
        ['退费笔数', (r) => r.refundCount],
        ['退费金额(元)', (r) => yuan(r.refundFen)],
        ['预拨资金余额(元)', (r) => yuan(r.balanceFen)],
      ]),
      [d.totals],
    ),
  ];
}

async function assistanceSheets(ctx: Ctx, f: DashboardFilter): Promise<Sheet[]> {
  const d = await assistancePanel(ctx, f);
  type A = { name: string } & Omit<(typeof d.towns)[number], 'drill' | 'townCode' | 'townName'>;
  const a = cols<A>([
    ['名称', (r) => r.name],
    ['人次', (r) => r.personTimes],
    ['人数', (r) => r.people],
    ['救助金额(元)', (r) => yuan(r.assistanceFen)],
    ['住院(元)', (r) => yuan(r.inpatientFen)],
    ['住院人次', (r) => r.inpatientTimes],
    ['门诊(元)', (r) => yuan(r.outpatientFen)],
    ['门诊人次', (r) => r.outpatientTimes],
    ['超年度限额人数', (r) => r.peopleOverCap],
  ]);
  return [
    sheet(
      '按月',
      a,
      d.months.map((m) => ({ ...m, name: `${f.year}年${m.label}` })),
    ),
    sheet(
      '按人员类别',
      a,
      d.categories.map((c) => ({ ...c, name: c.categoryLabel })),
    ),
    sheet('按镇街', a, [...d.towns.map((t) => ({ ...t, name: t.townName })), { ...d.totals, name: '合计' }]),
  ];
}

async function certificationsSheets(ctx: Ctx, f: DashboardFilter): Promise<Sheet[]> {
  const d = await certificationsPanel(ctx, f);
  type C = { name: string } & Omit<(typeof d.diseases)[number], 'drill' | 'drills' | 'diseaseCode' | 'diseaseName'>;
  const c = cols<C>([
    ['名称', (r) => r.name],
    ['申请', (r) => r.filed],
    ['待认定', (r) => r.pending],
    ['认定通过', (r) => r.approved],
    ['不予认定', (r) => r.rejected],
    ['已撤销', (r) => r.revoked],
    ['通过率(%)', (r) => pct(r.approvalRate)],
    ['平均办理天数', (r) => r.avgDays],
    ['办理天数中位数', (r) => r.medianDays],
  ]);
  return [
    sheet('按医院', c, [...d.hospitals.map((h) => ({ ...h, name: h.hospitalName })), { ...d.totals, name: '合计' }]),
    sheet(
      '按病种',
      c,
      d.diseases.map((x) => ({ ...x, name: `${x.diseaseCode} ${x.diseaseName}` })),
    ),
    sheet(
      '抽查合规率',
      cols<(typeof d.spotChecks)[number]>([
        ['医院', (r) => r.hospitalName],
        ['已抽查', (r) => r.checked],
        ['合规', (r) => r.compliant],
        ['不合规', (r) => r.nonCompliant],
        ['待核查', (r) => r.unchecked],
        ['合规率(%)', (r) => pct(r.complianceRate)],
      ]),
      d.spotChecks,
    ),
  ];
}

/** Every table of a panel as sheets: what the charts show and the numbers beside them, all of it. */
export const PANEL_SHEETS: Record<DashboardPanel, (ctx: Ctx, f: DashboardFilter) => Promise<Sheet[]>> = {
  coverage: coverageSheets,
  listCoverage: listCoverageSheets,
  cases: casesSheets,
  subsidies: subsidiesSheets,
  assistance: assistanceSheets,
  certifications: certificationsSheets,
};

/** One panel's data, every table of it, as an .xlsx workbook; audited (export.dashboard). */
export const dashboardExportOp = defineOperation({
  name: 'dashboard.export',
  permission: 'dashboard.read',
  kind: 'read', // its only write is the audit row, on the primary
  input: dashboardExportSchema,
  async handler(ctx, { panel, ...f }) {
    // The audit row is committed while the workbook is built (the answer waits for both).
    const audited = ctx.audit({ action: 'export.dashboard', entityType: 'dashboard', after: { panel, filters: f } });
    const [content] = await Promise.all([
      cachedExport(ctx, panel, f, async () => writeXlsx(await PANEL_SHEETS[panel](ctx, f))),
      audited,
    ]);
    const fileName = `${PANEL_TITLES[panel]}-${f.year}${f.townCode ? `-${f.townCode}` : ''}.xlsx`;
    return { content, fileName, asciiFileName: `dashboard-${panel}-${f.year}.xlsx` };
  },
});
