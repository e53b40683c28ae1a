'use client';

import { Alert, Form, Select, Space, Table, Typography } from 'antd';
import { FIELD_LABELS, type Field } from '@/lib/domain/import-headers';

export interface PreviewRows {
  rows: { rowNo: number; cells: string[] }[];
}

export interface ManualHeader {
  headerRowNo: number;
  mapping: Partial<Record<Field, number>>;
}

const FIELDS: { field: Field; required: boolean }[] = [
  { field: 'name', required: true },
  { field: 'idNumber', required: true },
  { field: 'town', required: false },
  { field: 'village', required: false },
  { field: 'category', required: false },
];

/** When the header row was not recognized: the user picks the header row and the column of each field. */
export function HeaderMappingStep({ preview, value, onChange }: { preview: PreviewRows; value: ManualHeader | null; onChange: (v: ManualHeader) => void }) {
  const width = Math.max(0, ...preview.rows.map((r) => r.cells.length));
  const headerRow = preview.rows.find((r) => r.rowNo === value?.headerRowNo);
  const columnOptions = Array.from({ length: width }, (_, i) => ({ value: i, label: `第 ${i + 1} 列${headerRow?.cells[i] ? `：${headerRow.cells[i]}` : ''}` }));
  const current = value ?? { headerRowNo: preview.rows[0]?.rowNo ?? 1, mapping: {} };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title="未能自动识别表头" description="请指定表头所在的行，以及姓名、身份证号等对应的列。" />
      <Table
        size="small"
        rowKey="rowNo"
        pagination={false}
        scroll={{ x: true }}
        dataSource={preview.rows}
        rowClassName={(r) => (r.rowNo === current.headerRowNo ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '行号', dataIndex: 'rowNo', width: 60 },
          ...Array.from({ length: width }, (_, i) => ({ title: `第 ${i + 1} 列`, key: i, render: (_: unknown, r: { cells: string[] }) => r.cells[i] ?? '' })),
        ]}
      />
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label="表头所在行">
          <Select
            aria-label="表头所在行"
            style={{ width: 120 }}
            value={current.headerRowNo}
            options={preview.rows.map((r) => ({ value: r.rowNo, label: `第 ${r.rowNo} 行` }))}
            onChange={(headerRowNo) => onChange({ ...current, headerRowNo })}
          />
        </Form.Item>
        {FIELDS.map(({ field, required }) => (
          <Form.Item key={field} label={FIELD_LABELS[field]} required={required}>
            <Select
              aria-label={FIELD_LABELS[field]}
              allowClear={!required}
              placeholder={required ? '必选' : '无此列'}
              style={{ width: 180 }}
              value={current.mapping[field]}
              options={columnOptions}
              onChange={(col?: number) => onChange({ ...current, mapping: { ...current.mapping, [field]: col } })}
            />
          </Form.Item>
        ))}
      </Form>
      <Typography.Text type="secondary">表头行及其上方的行不导入；身份证号已打码显示。</Typography.Text>
    </Space>
  );
}
