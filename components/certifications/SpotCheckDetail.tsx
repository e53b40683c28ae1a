'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Radio,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import { recordVerdictAction } from '@/app/(portal)/certifications/actions';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { VERDICT_LABELS } from '@/lib/labels';
import { CertStatusTag, rateText } from './CertStatusTag';
import { spotCheckKey, type SpotCheckDetailJson } from './types';

type Item = SpotCheckDetailJson['items'][number];

/** One spot check: how it was drawn (seed, algorithm), the sampled decisions and their verdicts, compliance. */
export function SpotCheckDetail({ id }: { id: number }) {
  const { data, error, isLoading } = useQuery({
    queryKey: spotCheckKey(id),
    queryFn: () => fetchJson<SpotCheckDetailJson>(`/api/certifications/spot-checks/${id}`),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (isLoading || !data) return <Skeleton active />;
  const { spotCheck: s, compliance } = data;

  const columns: TableProps<Item>['columns'] = [
    {
      title: '认定记录',
      key: 'cert',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link href={`/certifications?cert=${r.certificationId}`}>{r.certificateNo ?? `#${r.certificationId}`}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.personName} {r.maskedId} · {r.townName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '病种/诊断', key: 'disease', render: (_, r) => `${r.diseaseName}（${r.icd10Code} ${r.diagnosisText}）` },
    {
      title: '医院决定',
      dataIndex: 'status',
      render: (v, r) => (
        <Space orientation="vertical" size={0}>
          <CertStatusTag status={v} />
          {r.rejectReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.rejectReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '决定时间', dataIndex: 'decidedAt', render: (v) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
    { title: '办理时长', dataIndex: 'decisionTime' },
    {
      title: '抽查结论',
      key: 'verdict',
      width: 340,
      fixed: 'right',
      render: (_, r) => <VerdictEditor spotCheckId={s.id} item={r} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`抽查 #${s.id} · ${data.hospitalName}`}>
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="医院">
            {data.hospitalName}（{data.hospitalCode}）
          </Descriptions.Item>
          <Descriptions.Item label="决定日期范围">
            {s.periodFrom} 至 {s.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="抽查方式">
            {s.percent !== null ? `按比例 ${s.percent}%` : `按数量 ${s.count} 条`}
          </Descriptions.Item>
          <Descriptions.Item label="样本/总体">
            {data.items.length} / {s.populationSize}
          </Descriptions.Item>
          <Descriptions.Item label="种子">
            <Typography.Text copyable code data-testid="spot-check-seed">
              {s.seed}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="抽样算法">
            <Typography.Text code>{s.algorithm}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="抽查人">{data.createdByName}</Descriptions.Item>
          <Descriptions.Item label="抽取时间">{dayjs(s.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label="备注">{s.note ?? '—'}</Descriptions.Item>
        </Descriptions>
        <Space size={48} style={{ marginTop: 16 }}>
          <Statistic title="本次合规率" value={rateText(compliance)} data-testid="compliance-rate" />
          <Statistic title="已判定" value={`${compliance.checked} / ${data.items.length}`} />
          <Statistic title="合规 / 不合规" value={`${compliance.compliant} / ${compliance.nonCompliant}`} />
          <Statistic
            title="医院总体合规率"
            value={rateText(data.hospitalCompliance)}
            data-testid="hospital-compliance-rate"
          />
        </Space>
      </Card>
      <Card title="抽查样本">
        <Table<Item>
          rowKey="certificationId"
          size="middle"
          columns={columns}
          dataSource={data.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </Space>
  );
}

/** 合规 / 不合规 (a note is required for 不合规), saved per sampled decision; may be changed later. */
function VerdictEditor({ spotCheckId, item }: { spotCheckId: number; item: Item }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState(item.verdict);
  const [note, setNote] = useState(item.note ?? '');
  const [saving, setSaving] = useState(false);
  const changed = verdict !== item.verdict || note.trim() !== (item.note ?? '');
  const needsNote = verdict === 'non_compliant' && note.trim() === '';

  async function save() {
    if (needsNote) return void message.error('判定为不合规时须填写说明');
    setSaving(true);
    const result = await settleAction(
      recordVerdictAction({
        spotCheckId,
        certificationId: item.certificationId,
        verdict,
        note: note.trim() || undefined,
      }),
    );
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: spotCheckKey(spotCheckId) }),
      queryClient.invalidateQueries({ queryKey: ['spot-checks'] }),
    ]);
    message.success('结论已保存');
  }

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid={`verdict-${item.certificationId}`}>
      <Space>
        <Radio.Group
          aria-label="抽查结论"
          value={verdict}
          onChange={(e) => setVerdict(e.target.value)}
          options={[
            { value: 'compliant', label: VERDICT_LABELS.compliant },
            { value: 'non_compliant', label: VERDICT_LABELS.non_compliant },
          ]}
        />
        <Button type="primary" size="small" disabled={!verdict || !changed} loading={saving} onClick={save}>
          保存
        </Button>
      </Space>
      <Input
        aria-label="说明"
        size="small"
        maxLength={500}
        status={needsNote ? 'error' : undefined}
        placeholder={verdict === 'non_compliant' ? '不合规须填写说明' : '说明（可选）'}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {item.verdictAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.verdictByName} {dayjs(item.verdictAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      )}
    </Space>
  );
}
