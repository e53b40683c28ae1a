'use client';

import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import { POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import { fetchLists, matchingKeys } from './api';
import { ListUploadModal } from './ListUploadModal';
import type { ListSummary } from './types';

function count(color?: string) {
  return function renderCount(v: number) {
    return v > 0 && color ? <span style={{ color, fontWeight: 600 }}>{v.toLocaleString()}</span> : v.toLocaleString();
  };
}

const columns: TableProps<ListSummary>['columns'] = [
  {
    title: '名单来源 / 文件',
    dataIndex: 'source',
    ellipsis: true,
    render: (v, r) => (
      <>
        <Link href={`/matching/lists/${r.id}`}>{labelOf(POVERTY_SOURCE_LABELS, v)}</Link>
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} title={r.fileName}>
          {r.fileName}
        </Typography.Text>
      </>
    ),
  },
  { title: '名单日期', dataIndex: 'listDate', width: 105 },
  { title: '年度', dataIndex: 'year', width: 60 },
  { title: '导入时间', dataIndex: 'importedAt', width: 140, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
  { title: '总人数', dataIndex: 'total', width: 72, align: 'right', render: count() },
  {
    title: '已参保',
    key: 'enrolled',
    width: 72,
    align: 'right',
    render: (_, r) => (r.enrolledResident + r.enrolledEmployee).toLocaleString(),
  },
  { title: '未参保', dataIndex: 'notEnrolled', width: 72, align: 'right', render: count('#cf1322') },
  { title: '重复参保', dataIndex: 'duplicate', width: 84, align: 'right', render: count('#d46b08') },
  { title: '身份证号有误', dataIndex: 'invalidId', width: 110, align: 'right', render: count('#c41d7f') },
  { title: '查无此人', dataIndex: 'notFound', width: 84, align: 'right', render: count('#531dab') },
];

/** Every imported list version with its counts per class; staff who may import get the upload dialog. */
export function ListsOverview({ canImport }: { canImport: boolean }) {
  const [uploading, setUploading] = useState(false);
  const { data, isFetching, error } = useQuery({ queryKey: matchingKeys.lists, queryFn: fetchLists });

  return (
    <Card
      title="名单比对"
      extra={
        canImport && (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            导入名单
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        扶贫、民政、退役军人、残联等部门的名单逐人与参保登记库比对：已参保、重复参保、未参保、身份证号有误、查无此人。同一来源的新名单会与上一版本对比（新增、移出、类别变更）。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<ListSummary>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data ?? []}
        locale={{ emptyText: canImport ? '暂无名单，请点击右上角“导入名单”上传名单文件' : '暂无名单' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份名单` }}
        scroll={{ x: 900 }}
      />
      {uploading && <ListUploadModal onClose={() => setUploading(false)} />}
    </Card>
  );
}
