'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { cancelDelegationAction } from '@/app/(portal)/admin/hospitals/actions';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { HOSPITAL_LEVEL_LABELS, labelOf } from '@/lib/labels';
import { EndDelegationModal, GrantDelegationModal } from './DelegationModals';
import { hospitalKey, hospitalsKey, type DelegationJson, type HospitalDetailJson } from './types';

type Phase = 'current' | 'scheduled' | 'ended';

function phaseOf(d: DelegationJson, today: string): Phase {
  if (d.validTo !== null && d.validTo < today) return 'ended';
  return d.validFrom > today ? 'scheduled' : 'current';
}

const PHASE_TAGS: Record<Phase, { color: string; label: string }> = {
  current: { color: 'green', label: '生效中' },
  scheduled: { color: 'blue', label: '待生效' },
  ended: { color: 'default', label: '已终止' },
};

/** One hospital and the diseases it may certify: grant a disease, end a delegation, see past ones. */
export function HospitalDelegations({ hospitalId }: { hospitalId: number }) {
  const { data, error, isLoading, isFetching } = useQuery({
    queryKey: hospitalKey(hospitalId),
    queryFn: () => fetchJson<HospitalDetailJson>(`/api/admin/hospitals/${hospitalId}`),
  });
  const [granting, setGranting] = useState(false);
  const [ending, setEnding] = useState<DelegationJson | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  async function cancel(d: DelegationJson) {
    const result = await settleAction(
      cancelDelegationAction({ hospitalId, diseaseCode: d.diseaseCode, validFrom: d.validFrom }),
    );
    if (!result.ok) return void message.error(result.error);
    await queryClient.invalidateQueries({ queryKey: hospitalKey(hospitalId) });
    await queryClient.invalidateQueries({ queryKey: hospitalsKey });
    message.success(`已取消 ${d.diseaseCode} 自 ${d.validFrom} 起的授权`);
  }

  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (isLoading || !data) return <Skeleton active />;
  const { hospital, today } = data;
  const rows = data.delegations.filter((d) => showEnded || phaseOf(d, today) !== 'ended');

  const columns: TableProps<DelegationJson>['columns'] = [
    { title: '病种编码', dataIndex: 'diseaseCode', width: 110 },
    { title: '病种名称', dataIndex: 'diseaseName', render: (v: string | null) => v ?? '（今日不在目录中）' },
    { title: '授权开始', dataIndex: 'validFrom', width: 120 },
    { title: '授权终止', dataIndex: 'validTo', width: 120, render: (v: string | null) => v ?? '长期' },
    {
      title: '状态',
      key: 'phase',
      width: 90,
      render: (_, d) => {
        const tag = PHASE_TAGS[phaseOf(d, today)];
        return <Tag color={tag.color}>{tag.label}</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_, d) => {
        const phase = phaseOf(d, today);
        if (phase === 'ended') return null;
        return (
          <Space size={0}>
            <Button type="link" size="small" danger onClick={() => setEnding(d)}>
              终止授权
            </Button>
            {phase === 'scheduled' && (
              <Popconfirm
                title={`取消 ${d.diseaseCode} 自 ${d.validFrom} 起的授权？`}
                description="尚未生效的授权取消后即删除（审计日志保留记录）"
                okText="取消授权"
                cancelText="保留"
                onConfirm={() => cancel(d)}
              >
                <Button type="link" size="small" danger>
                  取消授权
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`定点医院：${hospital.name}`} extra={<Link href="/admin/hospitals">返回医院列表</Link>}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="机构编码">{hospital.code}</Descriptions.Item>
          <Descriptions.Item label="等级">{labelOf(HOSPITAL_LEVEL_LABELS, hospital.level)}</Descriptions.Item>
          <Descriptions.Item label="区县">{hospital.districtName ?? hospital.districtCode}</Descriptions.Item>
          <Descriptions.Item label="状态">
            {hospital.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="授权认定病种"
        extra={
          <Space>
            <Segmented
              value={showEnded ? 'all' : 'open'}
              options={[
                { value: 'open', label: '生效中及待生效' },
                { value: 'all', label: '全部（含已终止）' },
              ]}
              onChange={(v) => setShowEnded(v === 'all')}
            />
            <Button
              type="primary"
              disabled={!hospital.active}
              title={hospital.active ? undefined : '医院已停用，不能新增授权'}
              onClick={() => setGranting(true)}
            >
              授权病种
            </Button>
          </Space>
        }
      >
        <Table<DelegationJson>
          rowKey={(d) => `${d.diseaseCode}-${d.validFrom}`}
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: '该医院暂无授权认定的病种' }}
        />
      </Card>
      {granting && <GrantDelegationModal detail={data} onClose={() => setGranting(false)} />}
      {ending && (
        <EndDelegationModal
          hospitalId={hospital.id}
          delegation={ending}
          today={today}
          onClose={() => setEnding(null)}
        />
      )}
    </Space>
  );
}
