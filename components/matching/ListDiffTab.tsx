'use client';

import { Alert, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import type { ListDiffView } from './types';

const idCell = (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>;
const category = (v: string) => labelOf(PERSON_CATEGORIES, v);

function Section<R extends { maskedId: string }>({
  title,
  count,
  rows,
  columns,
}: {
  title: string;
  count: number;
  rows: R[];
  columns: { title: string; dataIndex: keyof R & string; render?: (v: string) => ReactNode }[];
}) {
  return (
    <Card size="small" title={`${title}（${count}）`} data-testid={`diff-${title}`}>
      <Table<R>
        rowKey={(r) => r.maskedId + (r as { name?: string }).name}
        size="small"
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={rows}
        columns={columns}
        locale={{ emptyText: '无' }}
      />
      {count > rows.length && <Typography.Text type="secondary">仅显示前 {rows.length} 条</Typography.Text>}
    </Card>
  );
}

/** Dynamic management: this list against the previous version of the same source. */
export function ListDiffTab({ diff }: { diff: ListDiffView | null }) {
  if (!diff)
    return (
      <Alert
        type="info"
        showIcon
        title="这是该来源的第一份名单"
        description="导入同一来源日期更晚的名单后，这里显示新增、移出和类别变更的人员。"
      />
    );
  const { counts } = diff;
  const person = [
    { title: '姓名', dataIndex: 'name' as const },
    { title: '身份证号', dataIndex: 'maskedId' as const, render: idCell },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        与<Link href={`/matching/lists/${diff.previousListId}`}>上一版本名单</Link>
        按身份证号对比（身份证号有误的行不参与对比）。新增人员生成资助和销号任务，移出人员停止以后的资助。
      </Typography.Text>
      <Row gutter={16}>
        {[
          ['新增', counts.added, '#1d5fb4'],
          ['移出', counts.removed, '#cf1322'],
          ['类别变更', counts.categoryChanged, '#d46b08'],
          ['未变化', counts.unchanged, undefined],
        ].map(([title, value, color]) => (
          <Col key={title} xs={12} md={6}>
            <Card size="small" data-testid={`diff-count-${title}`}>
              <Statistic
                title={title}
                value={value as number}
                styles={{ content: { color: color as string | undefined } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Section
        title="新增"
        count={counts.added}
        rows={diff.added}
        columns={[...person, { title: '类别', dataIndex: 'category', render: category }]}
      />
      <Section
        title="移出"
        count={counts.removed}
        rows={diff.removed}
        columns={[...person, { title: '类别', dataIndex: 'category', render: category }]}
      />
      <Section
        title="类别变更"
        count={counts.categoryChanged}
        rows={diff.categoryChanged}
        columns={[
          ...person,
          { title: '原类别', dataIndex: 'from', render: category },
          { title: '新类别', dataIndex: 'to', render: category },
        ]}
      />
    </Space>
  );
}
