'use client';

import { Table, Tag, Typography } from 'antd';
import type { ImportKind } from '@/lib/domain/header-recognition';
import type { SampleRow } from '@/lib/import/preview';

const STATUS: Record<ImportKind, Record<SampleRow['status'], { color: string; label: string }>> = {
  registry: {
    ok: { color: 'success', label: '可导入' },
    rejected: { color: 'error', label: '拒收' },
    skipped: { color: 'default', label: '跳过' },
  },
  list: {
    ok: { color: 'success', label: '可导入' },
    rejected: { color: 'warning', label: '待核实' },
    skipped: { color: 'default', label: '跳过' },
  },
  assistance: {
    ok: { color: 'success', label: '可导入' },
    rejected: { color: 'error', label: '拒收' },
    skipped: { color: 'default', label: '跳过' },
  },
};

/** The first data rows as they will be stored (ID numbers masked), with the reason a row is not. */
export function ImportSampleTable({ kind, sample, stale }: { kind: ImportKind; sample: SampleRow[]; stale: boolean }) {
  const labels: string[] = [];
  for (const r of sample) for (const k of Object.keys(r.values)) if (!labels.includes(k)) labels.push(k);
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        按导入后的样子显示前 20 行
        {stale && (
          <Typography.Text type="warning" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
            （尚未按当前的选择刷新：请点击“刷新预览”）
          </Typography.Text>
        )}
      </Typography.Title>
      <Table<SampleRow>
        data-testid="import-sample"
        size="small"
        rowKey="rowNo"
        pagination={false}
        dataSource={sample}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '表头以下没有数据行' }}
        columns={[
          { title: '行号', dataIndex: 'rowNo', width: 60, fixed: 'left' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: SampleRow['status']) => <Tag color={STATUS[kind][s].color}>{STATUS[kind][s].label}</Tag>,
          },
          ...labels.map((label) => ({
            title: label,
            key: label,
            render: (_: unknown, r: SampleRow) => r.values[label] ?? '',
          })),
          {
            title: '问题',
            key: 'problems',
            width: 300,
            fixed: 'right' as const,
            render: (_: unknown, r: SampleRow) =>
              r.problems.length ? (
                <Typography.Text type={r.status === 'ok' ? 'warning' : 'danger'}>
                  {r.problems.join('；')}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
