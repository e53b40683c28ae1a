'use client';

import { Card, Descriptions, Table, Tag } from 'antd';
import type { getWorkstationHome } from '@/db/queries/workstation';
import { DISEASE_KIND_LABELS, HOSPITAL_LEVEL_LABELS, labelOf } from '@/lib/labels';

type Home = NonNullable<Awaited<ReturnType<typeof getWorkstationHome>>>;

export function WorkstationHomeView({ home }: { home: Home }) {
  const { hospital, delegated } = home;
  return (
    <Card title={`医院工作站 · ${hospital.name}`}>
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="机构编码">{hospital.code}</Descriptions.Item>
        <Descriptions.Item label="医院等级">{labelOf(HOSPITAL_LEVEL_LABELS, hospital.level)}</Descriptions.Item>
        <Descriptions.Item label="可认定病种">{delegated.length} 种</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={delegated}
        locale={{ emptyText: '本院暂无受委托认定的病种' }}
        columns={[
          { title: '病种编码', dataIndex: 'code' },
          { title: '病种名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', render: (v) => labelOf(DISEASE_KIND_LABELS, v) },
          { title: '有效期', dataIndex: 'validityMonths', render: (v, r) => (r.reviewExempt ? <Tag color="green">免复审</Tag> : `${v} 个月`) },
          { title: '委托起始', dataIndex: 'validFrom' },
        ]}
      />
    </Card>
  );
}
