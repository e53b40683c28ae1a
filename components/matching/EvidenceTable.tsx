'use client';

import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Table } from 'antd';
import type { SuggestionEvidence } from './types';

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  birthDate: '出生日期',
  townCode: '镇街',
};

type Field = SuggestionEvidence['fields'][number];

/** Field-by-field comparison of a list row with a registry candidate: ✓ agrees, ✗ differs. */
export function EvidenceTable({ fields, townNames }: { fields: Field[]; townNames: Record<string, string> }) {
  const show = (f: Field, v: string | null) =>
    v == null || v === '' ? '—' : f.field === 'townCode' ? (townNames[v] ?? v) : v;
  const mono = (f: Field, v: string | null) => (
    <span style={f.field === 'idNumber' ? { fontFamily: 'monospace' } : undefined}>{show(f, v)}</span>
  );
  return (
    <Table<Field>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={fields}
      columns={[
        { title: '项目', dataIndex: 'field', width: 80, render: (v) => FIELD_LABELS[v] ?? v },
        { title: '名单中', key: 'row', render: (_, f) => mono(f, f.row) },
        { title: '登记库中', key: 'candidate', render: (_, f) => mono(f, f.candidate) },
        {
          title: '一致',
          dataIndex: 'agrees',
          width: 56,
          align: 'center',
          render: (v: boolean) =>
            v ? (
              <CheckCircleFilled style={{ color: '#389e0d' }} aria-label="一致" title="一致" />
            ) : (
              <CloseCircleFilled style={{ color: '#cf1322' }} aria-label="不一致" title="不一致" />
            ),
        },
        { title: '说明', dataIndex: 'note', render: (v) => v ?? '' },
      ]}
    />
  );
}
