'use client';

import { Button, Collapse, Table, type TableProps } from 'antd';
import { MATCH_CLASS_LABELS } from '@/lib/domain/classification';
import { CLASS_COUNT_KEYS } from './match-class';
import type { ListOverview } from './types';

type TownRow = ListOverview['byTown'][number];

interface Props {
  byTown: TownRow[];
  activeTown?: string;
  onSelectTown: (townCode: string | undefined) => void;
}

/** Counts per town × class; a town's name filters the rows table. */
export function ListTownTable({ byTown, activeTown, onSelectTown }: Props) {
  const columns: TableProps<TownRow>['columns'] = [
    {
      title: '镇街',
      dataIndex: 'townName',
      render: (v, r) =>
        r.townCode ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, fontWeight: r.townCode === activeTown ? 600 : undefined }}
            onClick={() => onSelectTown(r.townCode === activeTown ? undefined : (r.townCode ?? undefined))}
          >
            {v ?? r.townCode}
          </Button>
        ) : (
          '未识别镇街'
        ),
    },
    { title: '合计', dataIndex: 'total', align: 'right' },
    ...CLASS_COUNT_KEYS.map(([field, cls]) => ({
      title: MATCH_CLASS_LABELS[cls],
      dataIndex: field,
      align: 'right' as const,
    })),
  ];
  const total = (field: keyof TownRow) => byTown.reduce((s, r) => s + Number(r[field] ?? 0), 0);
  return (
    <Collapse
      size="small"
      defaultActiveKey={['towns']}
      items={[
        {
          key: 'towns',
          label: `分镇街统计（${byTown.length} 个镇街）`,
          children: (
            <Table<TownRow>
              rowKey={(r) => r.townCode ?? 'none'}
              size="small"
              pagination={false}
              columns={columns}
              dataSource={byTown}
              scroll={{ y: 320 }}
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {total('total')}
                    </Table.Summary.Cell>
                    {CLASS_COUNT_KEYS.map(([field], i) => (
                      <Table.Summary.Cell key={field} index={i + 2} align="right">
                        {total(field)}
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          ),
        },
      ]}
    />
  );
}
