'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { saveTargetAction } from '@/app/(portal)/admin/targets/actions';
import { FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { useUrlState } from '@/lib/client/use-url-state';
import type { listTargetsOp } from '@/lib/operations/population-targets';
import type { ResultOf } from '@/lib/server/operation';

type Row = ResultOf<typeof listTargetsOp>['towns'][number];
type Field = 'residentPopulation' | 'insuredTarget' | 'expansionTarget';
type Draft = Partial<Record<Field, number | null>>;

const THIS_YEAR = new Date().getFullYear();
const YEAR_OPTIONS = Array.from({ length: 6 }, (_, i) => THIS_YEAR + 1 - i).map((y) => ({ value: y, label: `${y}年` }));
const FIELDS: { key: Field; title: string }[] = [
  { key: 'residentPopulation', title: '常住人口' },
  { key: 'insuredTarget', title: '参保任务数' },
  { key: 'expansionTarget', title: '扩面任务数' },
];

/** 常住人口与参保任务: per town of the admin's scope, the year's figures — the denominators of the dashboard's coverage. */
export function TargetsTable() {
  const { params, update } = useUrlState();
  const year = Number(params.get('year')) || THIS_YEAR;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const key = ['targets', year];
  const { data, isFetching, error } = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<ResultOf<typeof listTargetsOp>>(`/api/targets?year=${year}`),
  });

  const valueOf = (r: Row, f: Field) => (f in (drafts[r.townCode] ?? {}) ? drafts[r.townCode][f] : r[f]) ?? null;
  const edit = (townCode: string, f: Field, v: number | null) =>
    setDrafts((d) => ({ ...d, [townCode]: { ...d[townCode], [f]: v } }));

  async function save(r: Row) {
    const values = Object.fromEntries(FIELDS.map(({ key: f }) => [f, valueOf(r, f)]));
    if (Object.values(values).some((v) => v === null)) {
      message.error('请填写常住人口、参保任务数和扩面任务数');
      return;
    }
    setSaving(r.townCode);
    const result = await settleAction(saveTargetAction({ year, townCode: r.townCode, ...values }));
    setSaving(null);
    if (!result.ok) {
      message.error(result.error);
      return;
    }
    setDrafts(({ [r.townCode]: _, ...rest }) => rest);
    await queryClient.invalidateQueries({ queryKey: key });
    message.success(`已保存${r.townName}${year}年的常住人口与任务数`);
  }

  const columns: TableProps<Row>['columns'] = [
    { title: '镇街', dataIndex: 'townName', width: 160 },
    ...FIELDS.map(({ key: f, title }) => ({
      title,
      key: f,
      render: (_: unknown, r: Row) => (
        <InputNumber<number>
          aria-label={`${r.townName}${title}`}
          min={0}
          precision={0}
          style={{ width: 140 }}
          value={valueOf(r, f)}
          onChange={(v) => edit(r.townCode, f, v)}
        />
      ),
    })),
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_, r) =>
        drafts[r.townCode] ? (
          <Tag color="orange">未保存</Tag>
        ) : r.residentPopulation === null ? (
          <Tag>未填写</Tag>
        ) : (
          <Tag color="green">已填写</Tag>
        ),
    },
    {
      title: '操作',
      key: 'save',
      width: 90,
      render: (_, r) => (
        <Button
          size="small"
          type="primary"
          disabled={!drafts[r.townCode]}
          loading={saving === r.townCode}
          onClick={() => save(r)}
        >
          保存
        </Button>
      ),
    },
  ];

  return (
    <Card title="常住人口与参保任务数">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="按年度、镇街填写常住人口、参保任务数和扩面任务数，作为统计分析中参保率、任务完成率和扩面完成率的分母。每次保存都记入审计日志。"
      />
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <FilterSelect label="年度" required value={year} options={YEAR_OPTIONS} onChange={(y) => update({ year: y })} />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="townCode"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.towns ?? []}
        pagination={false}
      />
    </Card>
  );
}
