'use client';

import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { CERT_STATUS_LABELS, ENROLLMENT_STATUS_LABELS, GENDER_LABELS, SCHEME_LABELS, labelOf } from '@/lib/labels';
import type { PersonCardJson } from './types';

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'default',
  revoked: 'red',
};

/**
 * The person found at the counter: masked ID, this year's enrollment, the certifications held (at
 * any hospital) and this hospital's own applications — not other hospitals' pending or refused ones.
 */
export function PersonCardView({ person }: { person: PersonCardJson }) {
  const e = person.enrollment;
  return (
    <Card size="small" title={`${person.name}（${person.maskedId}）`} data-testid="person-card">
      <Descriptions size="small" column={4}>
        <Descriptions.Item label="性别">{labelOf(GENDER_LABELS, person.gender)}</Descriptions.Item>
        <Descriptions.Item label="年龄">{person.age} 岁</Descriptions.Item>
        <Descriptions.Item label="本年参保">
          {e === null ? (
            <Tag color="red">未参保</Tag>
          ) : (
            <Tag color={e.status === 'active' ? 'green' : 'orange'}>
              {labelOf(SCHEME_LABELS, e.scheme)} · {labelOf(ENROLLMENT_STATUS_LABELS, e.status)}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>已有认定</Typography.Text>
      <Typography.Text type="secondary">（持有的有效认定及本院的申请）</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        style={{ marginTop: 8 }}
        dataSource={person.certifications}
        locale={{ emptyText: '暂无慢特病认定记录' }}
        columns={[
          { title: '病种', dataIndex: 'diseaseName' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v) => <Tag color={STATUS_COLORS[v]}>{labelOf(CERT_STATUS_LABELS, v)}</Tag>,
          },
          {
            title: '认定期限',
            key: 'period',
            render: (_, c) => (c.startDate ? `${c.startDate} 至 ${c.endDate ?? '长期有效（免复审）'}` : '—'),
          },
          { title: '认定医院', dataIndex: 'hospitalName' },
          { title: '告知单编号', dataIndex: 'certificateNo', render: (v) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
