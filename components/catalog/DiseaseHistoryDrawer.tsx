'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { fetchJson } from '@/lib/client/fetch-json';
import { DISEASE_KIND_LABELS, labelOf } from '@/lib/labels';
import { SchemeTags, ValidityText } from './DiseaseTags';
import { historyKey, type CatalogRowJson, type DiseaseVersionJson } from './types';

/** Every version of one disease, newest effective date first, with who created it. */
export function DiseaseHistoryDrawer({
  disease,
  today,
  onClose,
}: {
  disease: CatalogRowJson;
  today: string;
  onClose: () => void;
}) {
  const { data, error, isLoading } = useQuery({
    queryKey: historyKey(disease.code),
    queryFn: () => fetchJson<DiseaseVersionJson[]>(`/api/admin/catalog/${disease.code}`),
  });
  const inForce = data?.find((v) => v.effectiveFrom <= today);

  const status = (v: DiseaseVersionJson) => {
    if (v.effectiveFrom > today) return <Tag color="blue">待生效</Tag>;
    if (v === inForce) return <Tag color="green">现行</Tag>;
    return <Tag>已被替代</Tag>;
  };

  const columns: TableProps<DiseaseVersionJson>['columns'] = [
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
    { title: '版本状态', key: 'status', width: 90, render: (_, v) => status(v) },
    { title: '名称', dataIndex: 'name' },
    { title: '类别', dataIndex: 'kind', width: 60, render: (v: string) => labelOf(DISEASE_KIND_LABELS, v) },
    { title: '适用险种', key: 'schemes', render: (_, v) => <SchemeTags version={v} /> },
    { title: '有效期', key: 'validity', render: (_, v) => <ValidityText version={v} /> },
    { title: '启用', dataIndex: 'active', width: 60, render: (a: boolean) => (a ? '是' : '否') },
    { title: '创建人', dataIndex: 'createdByName', render: (n: string | null) => n ?? '初始目录' },
    {
      title: '创建时间',
      dataIndex: 'createdAt',
      width: 140,
      render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <Drawer open size={960} title={`版本历史：${disease.code} ${disease.name}`} onClose={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Table<DiseaseVersionJson>
        rowKey="id"
        size="small"
        loading={isLoading}
        pagination={false}
        columns={columns}
        dataSource={data ?? []}
        expandable={{
          expandedRowRender: (v) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="准入标准">
                <span style={{ whiteSpace: 'pre-wrap' }}>{v.entryCriteria || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="所需材料">
                <span style={{ whiteSpace: 'pre-wrap' }}>{v.requiredEvidence || '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
      />
    </Drawer>
  );
}
