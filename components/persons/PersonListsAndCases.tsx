'use client';

import { Card, Table, Tag } from 'antd';
import Link from 'next/link';
import { CASE_CLOSE_REASON_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/case-labels';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { labelOf } from '@/lib/labels';
import type { getPerson } from '@/lib/operations/persons';
import type { ResultOf } from '@/lib/server/operation';

type ListEntry = ResultOf<typeof getPerson>['lists'][number];
type PersonCaseRow = ResultOf<typeof getPerson>['cases'][number];

interface Props {
  lists: ListEntry[];
  cases: PersonCaseRow[];
  /** Whether to link cases to the worklist (users who may read it). */
  linkCases: boolean;
}

/** The person page's 名单记录 (every list that named the person) and 销号任务 (their cases). */
export function PersonListsAndCases({ lists, cases, linkCases }: Props) {
  const today = shanghaiDate();
  return (
    <>
      <Card title="名单记录">
        <Table<ListEntry>
          rowKey={(r) => `${r.listId}-${r.rowNo}`}
          size="small"
          pagination={false}
          dataSource={lists}
          locale={{ emptyText: '未被任何名单列入' }}
          columns={[
            { title: '名单来源', dataIndex: 'source', render: (v) => labelOf(POVERTY_SOURCE_LABELS, v) },
            { title: '名单日期', dataIndex: 'listDate' },
            { title: '年度', dataIndex: 'year' },
            { title: '人员类别', dataIndex: 'category', render: (v) => labelOf(PERSON_CATEGORIES, v) || '—' },
            { title: '行号', dataIndex: 'rowNo' },
          ]}
        />
      </Card>
      <Card title="销号任务">
        <Table<PersonCaseRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={cases}
          locale={{ emptyText: '暂无销号任务' }}
          columns={[
            { title: '年度', dataIndex: 'year' },
            { title: '类型', dataIndex: 'kind', render: (v) => labelOf(CASE_KIND_LABELS, v) },
            { title: '经办人', dataIndex: 'assigneeName', render: (v) => v ?? '未分派' },
            {
              title: '到期日',
              dataIndex: 'dueDate',
              render: (v: string, r) => (
                <>
                  {v} {r.status === 'open' && v < today && <Tag color="red">逾期</Tag>}
                </>
              ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: string, r) => (
                <>
                  <Tag color={v === 'open' ? 'orange' : 'green'}>{labelOf(CASE_STATUS_LABELS, v)}</Tag>
                  {r.closeReason && labelOf(CASE_CLOSE_REASON_LABELS, r.closeReason)}
                </>
              ),
            },
            ...(linkCases
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, r: PersonCaseRow) => (
                      <Link href={`/matching/cases?status=all&case=${r.id}`}>查看</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
