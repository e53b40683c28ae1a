'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography, type TableProps } from 'antd';
import { fetchJson } from '@/lib/client/fetch-json';
import { maskIdLikeText } from '@/lib/domain/id-masking';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import { subsidyKeys, type ExcludedJson } from './BatchTypes';

type Row = ExcludedJson['data'][number];

const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

/** 未纳入资助: rows of the year's latest lists whose ID is 待核实 or who are not in the registry — listed apart, never paid. */
export function RosterExcluded({
  year,
  districtCode,
  towns,
}: {
  year: number;
  /** For users of the whole area: the district shown; others see their own. */
  districtCode: string | undefined;
  towns: { code: string; name: string }[];
}) {
  const params = new URLSearchParams({ year: String(year) });
  if (districtCode) params.set('districtCode', districtCode);
  const { data, error, isFetching } = useQuery({
    queryKey: subsidyKeys.excluded(year, districtCode),
    queryFn: () => fetchJson<ExcludedJson>(`/api/subsidies/excluded?${params}`),
  });
  const townName = new Map(towns.map((t) => [t.code, t.name]));

  const columns: TableProps<Row>['columns'] = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    {
      title: '身份证号',
      dataIndex: 'maskedId',
      width: 200,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v || '（未填写）'}</span>,
    },
    {
      title: '镇街',
      dataIndex: 'town_code',
      render: (v: string | null) => nowrap(v ? (townName.get(v) ?? v) : '—'),
    },
    { title: '人员类别', dataIndex: 'category', render: (v) => nowrap(labelOf(PERSON_CATEGORIES, v)) },
    { title: '名单来源', dataIndex: 'source', render: (v) => nowrap(labelOf(POVERTY_SOURCE_LABELS, v)) },
    // The reason may quote what a cell held (an Excel-number ID): shown with the ID-like digits masked.
    { title: '未纳入原因', dataIndex: 'reason', render: (v: string) => maskIdLikeText(v) },
  ];

  return (
    <Card title={`未纳入资助（待核实/查无此人）${data ? `：${data.total} 人` : ''}`} data-testid="roster-excluded">
      <Typography.Paragraph type="secondary">
        {`${year} 年度最新名单中身份证号有误（待核实）或在参保登记中查无此人的人员不列入花名册，也不发放资助；`}
        {'请在“名单比对”中核实更正后重新生成花名册。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        locale={{ emptyText: '没有待核实或查无此人的名单人员' }}
        pagination={(data?.data.length ?? 0) > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      />
      {data && data.total > data.data.length && (
        <Typography.Text type="secondary">仅显示前 {data.data.length} 人</Typography.Text>
      )}
    </Card>
  );
}
