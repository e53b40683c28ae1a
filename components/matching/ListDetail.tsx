'use client';

import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useMemo } from 'react';
import { useUrlState } from '@/lib/client/use-url-state';
import { POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import { listRowsQuerySchema } from '@/lib/schemas/matching';
import { fetchOverview, matchingKeys } from './api';
import { ListClassCards } from './ListClassCards';
import { ListDiffTab } from './ListDiffTab';
import { ListRowsTable } from './ListRowsTable';
import { ListTownTable } from './ListTownTable';
import type { ListOverview } from './types';

interface Props {
  initialOverview: ListOverview;
  /** Town code → name, for evidence and labels. */
  townNames: Record<string, string>;
  canWork: boolean;
}

/** One list version: header, counts per class and town, its rows with suggestions, and the diff. */
export function ListDetail({ initialOverview, townNames, canWork }: Props) {
  const listId = initialOverview.list.id;
  const { params, update } = useUrlState();
  const { data: overview } = useQuery({
    queryKey: matchingKeys.overview(listId),
    queryFn: () => fetchOverview(listId),
    initialData: initialOverview,
  });
  const query = useMemo(() => {
    const parsed = listRowsQuerySchema.safeParse({ ...Object.fromEntries(params), id: listId });
    return parsed.success ? parsed.data : listRowsQuerySchema.parse({ id: listId });
  }, [params, listId]);
  const tab = params.get('tab') === 'diff' ? 'diff' : 'rows';
  const { list, totals, byTown, diff } = overview;

  const exportQs = new URLSearchParams();
  if (query.matchClass) exportQs.set('matchClass', query.matchClass);
  if (query.townCode) exportQs.set('townCode', query.townCode);
  if (query.name) exportQs.set('name', query.name);
  const sourceLabel = labelOf(POVERTY_SOURCE_LABELS, list.source);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`${sourceLabel} · ${list.listDate} 名单`}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={`/api/lists/${listId}/export?${exportQs}`}>
              导出 Excel
            </Button>
            <Link href="/matching/lists">返回名单列表</Link>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'source', label: '名单来源', children: sourceLabel },
            { key: 'date', label: '名单日期', children: list.listDate },
            { key: 'year', label: '比对年度', children: `${list.year}年` },
            { key: 'file', label: '文件', children: list.fileName },
            { key: 'at', label: '导入时间', children: dayjs(list.importedAt).format('YYYY-MM-DD HH:mm') },
            {
              key: 'prev',
              label: '上一版本',
              children: list.previousListId ? (
                <Link href={`/matching/lists/${list.previousListId}`}>查看上一版本</Link>
              ) : (
                '无（该来源的第一份名单）'
              ),
            },
            {
              key: 'skipped',
              label: '跳过 / 待核实',
              children: (
                <Space>
                  <span>
                    跳过 {list.rowsSkipped} 行，身份证号有误 {totals.invalidId} 行
                  </span>
                  <a href={`/api/imports/${list.importId}/errors`} download>
                    下载错误报告
                  </a>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'diff' ? 'diff' : undefined })}
          items={[
            {
              key: 'rows',
              label: '比对结果',
              children: (
                <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                  <ListClassCards
                    totals={totals}
                    active={query.matchClass}
                    onSelect={(matchClass) => update({ matchClass })}
                  />
                  <ListTownTable
                    byTown={byTown}
                    activeTown={query.townCode}
                    onSelectTown={(townCode) => update({ townCode })}
                  />
                  <ListRowsTable
                    listId={listId}
                    query={query}
                    byTown={byTown}
                    townNames={townNames}
                    canWork={canWork}
                    update={update}
                  />
                </Space>
              ),
            },
            {
              key: 'diff',
              label: '版本对比',
              children: <ListDiffTab diff={diff} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
