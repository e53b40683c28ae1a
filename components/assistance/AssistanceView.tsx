'use client';

import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';
import { urlPagination } from '@/lib/client/table-pagination';
import { useUrlState } from '@/lib/client/use-url-state';
import { AssistanceFilters } from './AssistanceFilters';
import { AssistanceFormModal } from './AssistanceFormModal';
import { AssistanceImport } from './AssistanceImport';
import { AssistanceTable } from './AssistanceTable';
import { AssistanceTotals } from './AssistanceTotals';
import { CapReport } from './CapReport';
import { ReverseModal } from './ReverseModal';
import { assistanceKey, type AssistancePage, type AssistanceRowJson, type TownOption } from './types';

const FILTER_KEYS = ['year', 'townCode', 'monthFrom', 'monthTo', 'medType', 'category', 'capExceeded', 'name'];
const THIS_YEAR = String(new Date().getFullYear());

/**
 * 医疗救助: the records with their filters in the URL (the dashboard drills into this list with the
 * same filters), the totals over all matching records, 超年度上限人员, import, manual entry,
 * correction, reversal and the .xlsx export.
 */
export function AssistanceView({ towns, canWrite }: { towns: TownOption[]; canWrite: boolean }) {
  const { params, update } = useUrlState();
  const filter = new URLSearchParams();
  for (const key of FILTER_KEYS) if (params.get(key)) filter.set(key, params.get(key)!);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query = new URLSearchParams(filter);
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  const tab = params.get('tab') === 'cap' ? 'cap' : 'list';

  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<AssistanceRowJson | 'new' | null>(null);
  const [reversing, setReversing] = useState<AssistanceRowJson | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: [...assistanceKey, 'list', query.toString()],
    queryFn: () => fetchJson<AssistancePage>(`/api/assistance?${query}`),
    placeholderData: (prev) => prev,
  });

  const actions = (
    <Space wrap>
      {canWrite && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting((v) => !v)}>
          导入结算数据
        </Button>
      )}
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增救助记录
        </Button>
      )}
      <Button icon={<DownloadOutlined />} href={`/api/assistance/export?${filter}`}>
        导出 Excel
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {importing && <AssistanceImport onClose={() => setImporting(false)} />}
      <Card title="医疗救助" extra={actions}>
        <AssistanceFilters params={params} update={update} towns={towns} />
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'cap' ? 'cap' : undefined, page: params.get('page') ?? undefined })}
          items={[
            {
              key: 'list',
              label: '救助记录',
              children: (
                <>
                  {error && (
                    <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />
                  )}
                  <AssistanceTotals data={data} loading={isFetching} />
                  <AssistanceTable
                    rows={data?.data ?? []}
                    loading={isFetching}
                    canWrite={canWrite}
                    onCorrect={(r) => setEditing(r)}
                    onReverse={(r) => setReversing(r)}
                    pagination={{
                      ...urlPagination({ page, pageSize }, data?.total, '条记录'),
                      onChange: (p, size) => update({ page: size !== pageSize ? undefined : p, pageSize: size }),
                    }}
                  />
                </>
              ),
            },
            {
              key: 'cap',
              label: '超年度上限人员',
              children: (
                <CapReport year={params.get('year') ?? THIS_YEAR} townCode={params.get('townCode') ?? undefined} />
              ),
            },
          ]}
        />
      </Card>
      {editing && <AssistanceFormModal record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {reversing && <ReverseModal record={reversing} onClose={() => setReversing(null)} />}
    </Space>
  );
}
