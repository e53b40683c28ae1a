'use client';

import { Select, Table, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { IMPORT_FIELDS, type ColumnRecognition, type ImportKind } from '@/lib/domain/header-recognition';
import { FIELD_LABELS, type Field } from '@/lib/domain/import-headers';
import type { Decision, Decisions } from './useImportPreview';

const CONFIDENCE: Record<'high' | 'low', { color: string; label: string }> = {
  high: { color: 'success', label: '高' },
  low: { color: 'warning', label: '低' },
};

const UNDECIDED: CSSProperties = { background: '#fffbe6' };
const STOPPED: CSSProperties = { background: '#fff1f0' };

interface Props {
  kind: ImportKind;
  columns: ColumnRecognition[];
  decisions: Decisions;
  /** The field an import stopped on: the column mapped to it is marked. */
  stopField?: Field | null;
  disabled?: boolean;
  onChoose: (index: number, value: Decision) => void;
}

/** Every column of the header: what it was recognized as, how sure, why, and the user's choice. */
export function ImportColumnsTable({ kind, columns, decisions, stopField, disabled, onChoose }: Props) {
  const fields = IMPORT_FIELDS[kind];
  const asOption = (f: Field) => ({ value: f, label: FIELD_LABELS[f], title: FIELD_LABELS[f] });
  const options = [
    { label: '必需字段', title: '必需字段', options: fields.required.map(asOption) },
    { label: '可选字段', title: '可选字段', options: fields.optional.map(asOption) },
    { label: '其他', title: '其他', options: [{ value: 'ignore', label: '不导入', title: '不导入' }] },
  ];
  const cellStyle = (c: ColumnRecognition): { style?: CSSProperties } => {
    const d = decisions[c.index];
    if (d === undefined) return { style: UNDECIDED };
    if (stopField && d === stopField) return { style: STOPPED };
    return {};
  };

  return (
    <Table<ColumnRecognition>
      data-testid="import-columns"
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={columns}
      scroll={{ x: 760 }}
      columns={[
        { title: '列', key: 'col', width: 72, onCell: cellStyle, render: (_, c) => `第 ${c.index + 1} 列` },
        {
          title: '表头',
          dataIndex: 'header',
          width: 200,
          onCell: cellStyle,
          render: (h: string) => <Typography.Text strong>{h}</Typography.Text>,
        },
        {
          title: '识别为',
          key: 'field',
          width: 190,
          onCell: cellStyle,
          render: (_, c) => {
            const d = decisions[c.index];
            return (
              <Select<Decision>
                aria-label={`第 ${c.index + 1} 列对应字段`}
                style={{ width: 170 }}
                placeholder="请选择"
                status={d === undefined ? 'warning' : undefined}
                value={d}
                options={options}
                disabled={disabled}
                onChange={(v) => onChoose(c.index, v)}
              />
            );
          },
        },
        {
          title: '把握',
          key: 'confidence',
          width: 64,
          onCell: cellStyle,
          render: (_, c) =>
            c.confidence ? (
              <Tag color={CONFIDENCE[c.confidence].color}>{CONFIDENCE[c.confidence].label}</Tag>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        {
          title: '说明',
          key: 'reason',
          onCell: cellStyle,
          render: (_, c) => {
            const d = decisions[c.index];
            const recognized = c.field ?? (c.candidate ? undefined : 'ignore');
            const changed = d !== undefined && d !== recognized;
            return (
              <>
                {d === undefined && <Tag color="warning">待选择</Tag>}
                <Typography.Text type={c.candidate ? undefined : 'secondary'}>{c.reason}</Typography.Text>
                {changed && (
                  <Typography.Text type="secondary">
                    ；{recognized ? '已改为' : '已选为'}“{d === 'ignore' ? '不导入' : FIELD_LABELS[d]}”
                  </Typography.Text>
                )}
              </>
            );
          },
        },
      ]}
    />
  );
}
