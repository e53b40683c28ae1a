'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { MATCH_CLASS_LABELS } from '@/lib/domain/classification';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import type { listRowsQuerySchema } from '@/lib/schemas/matching';
import type { z } from 'zod';
import { fetchRows, matchingKeys } from './api';
import { MatchClassTag } from './match-class';
import { SuggestionDrawer } from './SuggestionDrawer';
import type { ListOverview, ListRowItem } from './types';
import { urlPagination } from '@/lib/client/table-pagination';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';

interface Props {
  listId: number;
  query: z.infer<typeof listRowsQuerySchema>;
  byTown: ListOverview['byTown'];
  townNames: Record<string, string>;
  canWork: boolean;
  update: (changes: Record<string, string | number | undefined | null>) => void;
}

const CLASS_OPTIONS = Object.entries(MATCH_CLASS_LABELS).map(([value, label]) => ({ value, label }));

/** The list's rows, filtered and paged through the URL; rows with suggestions open the drawer. */
export function ListRowsTable({ listId, query, byTown, townNames, canWork, update }: Props) {
  const [suggestionRow, setSuggestionRow] = useState<number | null>(null);
  const apiParams = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) });
  if (query.matchClass) apiParams.set('matchClass', query.matchClass);
  if (query.townCode) apiParams.set('townCode', query.townCode);
  if (query.name) apiParams.set('name', query.name);
  const { data, isFetching, error } = useQuery({
    queryKey: matchingKeys.rows(listId, apiParams.toString()),
    queryFn: () => fetchRows(listId, apiParams.toString()),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<ListRowItem>['columns'] = [
    { title: '行号', dataIndex: 'rowNo', width: 64 },
    { title: '姓名', dataIndex: 'name', width: 90, ellipsis: true },
    {
      title: '身份证号',
      dataIndex: 'maskedId',
      width: 180,
      render: (v) => <span style={{ fontFamily: 'monospace' }}>{v || '—'}</span>,
    },
    {
      title: '镇街',
      dataIndex: 'townName',
      width: 110,
      ellipsis: true,
      render: (v, r) => v ?? (r.townCode ? townNames[r.townCode] : null) ?? '—',
    },
    { title: '类别', dataIndex: 'category', width: 120, ellipsis: true, render: (v) => labelOf(PERSON_CATEGORIES, v) },
    { title: '比对结果', dataIndex: 'matchClass', width: 112, render: (v) => <MatchClassTag value={v} /> },
    {
      title: '身份证号问题',
      dataIndex: 'idError',
      ellipsis: { showTitle: false },
      render: (v) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '匹配建议',
      dataIndex: 'suggestions',
      width: 124,
      render: (n: number, r) =>
        n > 0 ? (
          <Button size="small" type="primary" ghost onClick={() => setSuggestionRow(r.id)}>
            查看建议（{n}）
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div data-testid="list-rows">
      <Form
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        key={`${query.matchClass}-${query.townCode}-${query.name}`}
      >
        <FilterSelect
          label="比对结果"
          width={150}
          value={query.matchClass}
          options={CLASS_OPTIONS}
          onChange={(matchClass) => update({ matchClass })}
        />
        <FilterSelect
          label="镇街"
          placeholder="全部镇街"
          width={160}
          value={query.townCode}
          options={byTown
            .filter((t) => t.townCode)
            .map((t) => ({ value: t.townCode as string, label: t.townName ?? (t.townCode as string) }))}
          onChange={(townCode) => update({ townCode })}
        />
        <FilterSearch
          label="姓名"
          value={query.name ?? ''}
          placeholder="完整姓名"
          width={160}
          onSearch={(name) => update({ name })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<ListRowItem>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有符合条件的名单行' }}
        pagination={urlPagination(query, data?.total, '行')}
        onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
      />
      {suggestionRow != null && (
        <SuggestionDrawer
          listId={listId}
          rowId={suggestionRow}
          townNames={townNames}
          canWork={canWork}
          onClose={() => setSuggestionRow(null)}
        />
      )}
    </div>
  );
}
