'use client';

import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';
import { rateText } from './CertStatusTag';
import { SpotCheckDrawModal } from './SpotCheckDrawModal';
import type { SpotCheckListJson } from './types';

type Row = SpotCheckListJson['data'][number];
type HospitalRow = SpotCheckListJson['hospitals'][number];

/** 认定抽查: every draw with its compliance and its hospital's overall compliance; 新建抽查. */
export function SpotCheckList({ hospitals }: { hospitals: { id: number; name: string }[] }) {
  const [drawing, setDrawing] = useState(false);
  const { data, isFetching, error } = useQuery({
    queryKey: ['spot-checks'],
    queryFn: () => fetchJson<SpotCheckListJson>('/api/certifications/spot-checks'),
  });

  const columns: TableProps<Row>['columns'] = [
    {
      title: '编号',
      dataIndex: 'id',
      width: 70,
      render: (v) => <Link href={`/certifications/spot-checks/${v}`}>#{v}</Link>,
    },
    { title: '医院', dataIndex: 'hospitalName' },
    { title: '抽查期间', key: 'period', render: (_, r) => `${r.periodFrom} 至 ${r.periodTo}` },
    {
      title: '抽查方式',
      key: 'spec',
      render: (_, r) => (r.percent !== null ? `按比例 ${r.percent}%` : `按数量 ${r.count} 条`),
    },
    { title: '样本/总体', key: 'size', render: (_, r) => `${r.sampleSize} / ${r.populationSize}` },
    { title: '已判定', key: 'checked', render: (_, r) => `${r.compliance.checked} / ${r.sampleSize}` },
    { title: '本次合规率', key: 'rate', render: (_, r) => rateText(r.compliance) },
    { title: '医院总体合规率', key: 'hospitalRate', render: (_, r) => rateText(r.hospitalCompliance) },
    { title: '抽查人', dataIndex: 'createdByName' },
    { title: '抽取时间', dataIndex: 'createdAt', render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_, r) => <Link href={`/certifications/spot-checks/${r.id}`}>录入结论</Link>,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="各医院认定合规率（全部抽查结论）">
        <Table<HospitalRow>
          rowKey="hospitalId"
          size="small"
          pagination={false}
          dataSource={data?.hospitals ?? []}
          locale={{ emptyText: '尚无抽查结论' }}
          columns={[
            { title: '医院', dataIndex: 'hospitalName' },
            { title: '已判定', dataIndex: 'checked' },
            { title: '合规', dataIndex: 'compliant' },
            { title: '不合规', dataIndex: 'nonCompliant' },
            { title: '待判定', dataIndex: 'unchecked' },
            { title: '合规率', key: 'rate', render: (_, h) => <Typography.Text strong>{rateText(h)}</Typography.Text> },
          ]}
        />
      </Card>
      <Card
        title="认定抽查"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawing(true)}>
            新建抽查
          </Button>
        }
      >
        {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={data?.data ?? []}
          locale={{ emptyText: '还没有抽查记录，点击“新建抽查”抽取样本' }}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 次抽查` }}
        />
      </Card>
      {drawing && <SpotCheckDrawModal hospitals={hospitals} onClose={() => setDrawing(false)} />}
    </Space>
  );
}
