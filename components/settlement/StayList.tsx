'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space, Table, Tag } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';
import { ChangeModal } from './ChangeModal';
import { settlementKey, STATUS_LABELS, yuan, type StayPage, type StayRow } from './types';

/** The stays in the caller's scope (newest first), with 结算单, 更正 and 撤销. */
export function StayList({ canWrite, onChanged }: { canWrite: boolean; onChanged: () => void }) {
  const [page, setPage] = useState(1);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string>('saved');
  const [changing, setChanging] = useState<{ row: StayRow; kind: 'correct' | 'cancel' } | null>(null);
  const queryClient = useQueryClient();
  const query = new URLSearchParams({ page: String(page), pageSize: '20', name, status });
  const { data, isFetching, error } = useQuery({
    queryKey: [...settlementKey, 'list', query.toString()],
    queryFn: () => fetchJson<StayPage>(`/api/settlement?${query}`),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          aria-label="按姓名查找"
          placeholder="姓名"
          allowClear
          onSearch={(v) => {
            setName(v);
            setPage(1);
          }}
          style={{ width: 200 }}
        />
        <Select
          aria-label="状态"
          value={status}
          style={{ width: 120 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'saved', label: '已结算' },
            { value: 'cancelled', label: '已撤销' },
            { value: '', label: '全部' },
          ]}
        />
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Table<StayRow>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.data ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '结算日期', dataIndex: 'settlementDate' },
          { title: '姓名', dataIndex: 'personName' },
          { title: '身份证号', dataIndex: 'maskedId' },
          { title: '出生年份', dataIndex: 'birthYear' },
          { title: '镇街', dataIndex: 'townName' },
          { title: '医疗机构', dataIndex: 'hospitalName' },
          { title: '医疗费总额', dataIndex: 'totalFen', align: 'right', render: yuan },
          { title: '医疗救助+再救助', dataIndex: 'assistanceFen', align: 'right', render: yuan },
          { title: '个人自付', dataIndex: 'personFen', align: 'right', render: yuan },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, r) => (
              <Tag color={s === 'saved' ? 'green' : 'default'}>
                {STATUS_LABELS[s]}
                {r.correctedFromId ? '（更正）' : ''}
              </Tag>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            render: (_, r) => (
              <Space size="small">
                <Link href={`/settlement/${r.id}`}>结算单</Link>
                {canWrite && r.status === 'saved' && (
                  <>
                    <Button size="small" type="link" onClick={() => setChanging({ row: r, kind: 'correct' })}>
                      更正
                    </Button>
                    <Button size="small" type="link" danger onClick={() => setChanging({ row: r, kind: 'cancel' })}>
                      撤销
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {changing && (
        <ChangeModal
          row={changing.row}
          kind={changing.kind}
          onClose={async (done) => {
            setChanging(null);
            if (done) {
              await queryClient.invalidateQueries({ queryKey: settlementKey });
              onChanged();
            }
          }}
        />
      )}
    </>
  );
}
