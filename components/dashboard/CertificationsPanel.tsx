'use client';

import type { TableProps } from 'antd';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  YAxis,
} from 'recharts';
import { ChartCard } from './ChartCard';
import { CHART_MARGIN, CLICKABLE, COLORS, fullLine, nameAxis } from './chart-parts';
import { fmtCount, fmtDays, fmtRate, tickCount, tickRate } from './format';
import type { CertificationsJson, Drill } from './types';
import type { PanelProps } from './use-panel';

type HospitalRow = CertificationsJson['hospitals'][number];
type DiseaseRow = CertificationsJson['diseases'][number];
type SpotRow = CertificationsJson['spotChecks'][number] & { name: string };
type FilingRow = HospitalRow | DiseaseRow;

/** Tooltip values: rates by their name (…率), days (…天数), the rest counts. */
const tooltip = (v: unknown, name: unknown) => {
  if (typeof v !== 'number') return '—';
  const n = String(name);
  return n.endsWith('率') ? fmtRate(v) : n.includes('天数') ? fmtDays(v) : fmtCount(v);
};

function filingColumns<R extends FilingRow>(first: TableProps<R>['columns']): TableProps<R>['columns'] {
  return [
    ...(first ?? []),
    { title: '申请', dataIndex: 'filed', align: 'right', render: fmtCount },
    { title: '已认定', dataIndex: 'approved', align: 'right', render: fmtCount },
    { title: '未通过', dataIndex: 'rejected', align: 'right', render: fmtCount },
    { title: '已撤销', dataIndex: 'revoked', align: 'right', render: fmtCount },
    { title: '待认定', dataIndex: 'pending', align: 'right', render: fmtCount },
    { title: '认定通过率', dataIndex: 'approvalRate', align: 'right', render: fmtRate },
    { title: '平均办理天数', dataIndex: 'avgDays', align: 'right', render: fmtDays },
    { title: '办理天数中位数', dataIndex: 'medianDays', align: 'right', render: fmtDays },
  ];
}
const hospitalColumns = filingColumns<HospitalRow>([{ title: '认定医院', dataIndex: 'hospitalName', fixed: 'left' }]);
const diseaseColumns = filingColumns<DiseaseRow>([{ title: '病种', dataIndex: 'diseaseName', fixed: 'left' }]);
const timeColumns: TableProps<HospitalRow>['columns'] = [
  { title: '认定医院', dataIndex: 'hospitalName', fixed: 'left' },
  { title: '已决定', dataIndex: 'decided', align: 'right', render: fmtCount },
  { title: '平均办理天数', dataIndex: 'avgDays', align: 'right', render: fmtDays },
  { title: '办理天数中位数', dataIndex: 'medianDays', align: 'right', render: fmtDays },
];
const spotColumns: TableProps<SpotRow>['columns'] = [
  { title: '医院', dataIndex: 'name', fixed: 'left' },
  { title: '已抽查', dataIndex: 'checked', align: 'right', render: fmtCount },
  { title: '合规', dataIndex: 'compliant', align: 'right', render: fmtCount },
  { title: '不合规', dataIndex: 'nonCompliant', align: 'right', render: fmtCount },
  { title: '待核查', dataIndex: 'unchecked', align: 'right', render: fmtCount },
  { title: '合规率', dataIndex: 'complianceRate', align: 'right', render: fmtRate },
];

const CHART_ROWS = 15;

/** Filings by status (stacked; each segment opens the list of that status) with the approval rate as a line. */
function filingsChart<R extends FilingRow>(rows: R[], nameKey: string, go: (d: Drill | null | undefined) => void) {
  const shown = rows.slice(0, CHART_ROWS);
  const bar = (status: 'approved' | 'rejected' | 'revoked' | 'pending', name: string, fill: string) => (
    <Bar
      yAxisId="n"
      dataKey={status}
      name={name}
      stackId="n"
      fill={fill}
      isAnimationActive={false}
      style={CLICKABLE}
      onClick={(b) => go((b.payload as R).drills[status])}
    />
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={shown} margin={CHART_MARGIN} maxBarSize={56}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {nameAxis(
          nameKey,
          shown.map((r) => String(r[nameKey as keyof R])),
        )}
        <YAxis yAxisId="n" tickFormatter={tickCount} allowDecimals={false} />
        <YAxis yAxisId="rate" orientation="right" tickFormatter={tickRate} domain={[0, 1]} />
        <Tooltip formatter={tooltip} />
        <Legend />
        {bar('approved', '已认定', COLORS.green)}
        {bar('rejected', '未通过', COLORS.red)}
        {bar('revoked', '已撤销', COLORS.grey)}
        {bar('pending', '待认定', COLORS.orange)}
        <Line
          yAxisId="rate"
          dataKey="approvalRate"
          name="认定通过率"
          stroke={COLORS.blue}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** 门诊慢特病认定: filings by hospital and disease, approval rate, time to decision, spot-check compliance. */
export function CertificationsPanel({ data, loading, error, filterQuery }: PanelProps<'certifications'>) {
  const hospitals = data?.hospitals ?? [];
  const diseases = data?.diseases ?? [];
  const names = new Map(hospitals.map((h) => [h.hospitalId, h.hospitalName]));
  const spots: SpotRow[] = (data?.spotChecks ?? []).map((s) => ({
    ...s,
    name: s.hospitalName || names.get(s.hospitalId) || `医院 ${s.hospitalId}`,
  }));
  const t = data?.totals;
  const common = { panel: 'certifications' as const, filterQuery, loading, error };
  return (
    <>
      <ChartCard<HospitalRow>
        {...common}
        title="慢特病申请（按认定医院）"
        fileName="慢特病申请-按医院"
        rows={hospitals}
        rowKey={(r) => String(r.hospitalId)}
        columns={hospitalColumns}
        summary={
          t &&
          `申请 ${fmtCount(t.filed)} 件，已决定 ${fmtCount(t.decided)} 件，认定通过率 ${fmtRate(t.approvalRate)}；办理时长平均 ${fmtDays(t.avgDays)}，中位数 ${fmtDays(t.medianDays)}`
        }
        chart={(_pick, go) => filingsChart(hospitals, 'hospitalName', go)}
      />
      <ChartCard<DiseaseRow>
        {...common}
        title="慢特病申请（按病种）"
        fileName="慢特病申请-按病种"
        rows={diseases}
        rowKey={(r) => r.diseaseCode}
        columns={diseaseColumns}
        summary={diseases.length > CHART_ROWS ? `图中为申请最多的 ${CHART_ROWS} 个病种，表中为全部` : undefined}
        chart={(_pick, go) => filingsChart(diseases, 'diseaseName', go)}
      />
      <ChartCard<HospitalRow>
        {...common}
        title="认定办理时长（申请至决定，按医院）"
        fileName="认定办理时长"
        rows={hospitals}
        rowKey={(r) => String(r.hospitalId)}
        columns={timeColumns}
        chart={(pick) => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={hospitals} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {nameAxis(
                'hospitalName',
                hospitals.map((h) => h.hospitalName),
              )}
              <YAxis label={{ value: '天', position: 'insideTopLeft', dy: -16 }} />
              <Tooltip formatter={tooltip} />
              <Legend />
              <Bar
                dataKey="avgDays"
                name="平均办理天数"
                fill={COLORS.blue}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(b) => pick(b.payload as HospitalRow)}
              />
              <Bar
                dataKey="medianDays"
                name="办理天数中位数"
                fill={COLORS.cyan}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(b) => pick(b.payload as HospitalRow)}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      />
      <ChartCard<SpotRow>
        {...common}
        title="抽查合规率（按医院）"
        fileName="抽查合规率"
        rows={spots}
        rowKey={(r) => String(r.hospitalId)}
        columns={spotColumns}
        summary={
          t &&
          `已抽查 ${fmtCount(t.spotChecked)} 件，合规 ${fmtCount(t.spotCompliant)} 件，合规率 ${fmtRate(t.spotComplianceRate)}`
        }
        chart={(pick) => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={spots} margin={CHART_MARGIN} maxBarSize={56}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {nameAxis(
                'name',
                spots.map((h) => h.name),
              )}
              <YAxis tickFormatter={tickRate} domain={[0, 1.1]} />
              <Tooltip formatter={tooltip} />
              {fullLine()}
              <Bar
                dataKey="complianceRate"
                name="合规率"
                fill={COLORS.green}
                isAnimationActive={false}
                style={CLICKABLE}
                onClick={(b) => pick(b.payload as SpotRow)}
              />
            </BarChart>
          </ResponsiveContainer>
        )}
      />
    </>
  );
}
