'use client';

import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, List, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { revokeCertificationAction } from '@/app/(portal)/certifications/actions';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { DISEASE_KIND_LABELS, GENDER_LABELS, HOSPITAL_LEVEL_LABELS, labelOf, SCHEME_LABELS } from '@/lib/labels';
import { CertStatusTag, periodText } from './CertStatusTag';
import { certKey, type CertDetailJson } from './types';

interface Props {
  id: number;
  canRevoke: boolean;
  onClose: () => void;
}

const dateTime = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** One certification: person, disease (the catalog version used), hospital, diagnosis, decision, evidence; revoke. */
export function CertificationDrawer({ id, canRevoke, onClose }: Props) {
  const { data, error, isLoading } = useQuery({
    queryKey: certKey(id),
    queryFn: () => fetchJson<CertDetailJson>(`/api/certifications/${id}`),
  });
  return (
    <Drawer open size={760} title={`认定记录 #${id}`} onClose={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {isLoading && <Skeleton active />}
      {data && <CertificationDetail detail={data} canRevoke={canRevoke} />}
    </Drawer>
  );
}

function CertificationDetail({ detail, canRevoke }: { detail: CertDetailJson; canRevoke: boolean }) {
  const { certification: c, person, disease, hospital } = detail;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="告知单编号" span={2}>
          <span style={{ fontFamily: 'monospace' }}>{c.certificateNo ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="人员">
          {person.name}{' '}
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
            {person.maskedId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="性别/出生年份">
          {labelOf(GENDER_LABELS, person.gender)} · {person.birthYear}年
        </Descriptions.Item>
        <Descriptions.Item label="镇街">{detail.townName}</Descriptions.Item>
        <Descriptions.Item label="险种">{labelOf(SCHEME_LABELS, c.scheme)}</Descriptions.Item>
        <Descriptions.Item label="病种" span={2}>
          {disease.name}（{disease.code} · {labelOf(DISEASE_KIND_LABELS, disease.kind)} ·{' '}
          {disease.reviewExempt ? '免复审' : `有效期 ${disease.validityMonths} 个月`}）
          <Typography.Text type="secondary"> 依据 {disease.effectiveFrom} 起施行的目录版本</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="认定医院" span={2}>
          {hospital.name}（{hospital.code} · {labelOf(HOSPITAL_LEVEL_LABELS, hospital.level)}）
        </Descriptions.Item>
        <Descriptions.Item label="诊断">
          {c.icd10Code} {c.diagnosisText}
        </Descriptions.Item>
        <Descriptions.Item label="诊断医生/日期">
          {c.doctor} · {c.diagnosisDate}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <CertStatusTag status={c.status} />
        </Descriptions.Item>
        <Descriptions.Item label="有效期">{periodText(c.startDate, c.endDate)}</Descriptions.Item>
        <Descriptions.Item label="申请">
          {dateTime(c.filedAt)} {detail.filedByName}
        </Descriptions.Item>
        <Descriptions.Item label="决定">
          {dateTime(c.decidedAt)} {detail.decidedByName ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label="办理时长" span={2}>
          <span data-testid="decision-time">{detail.decisionTime ?? '尚未决定'}</span>
        </Descriptions.Item>
        {c.rejectReason && (
          <Descriptions.Item label="不予认定原因" span={2}>
            {c.rejectReason}
          </Descriptions.Item>
        )}
        {c.status === 'revoked' && (
          <Descriptions.Item label="撤销" span={2}>
            {dateTime(c.revokedAt)} {detail.revokedByName}：{c.revokeReason}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Card size="small" title="证明材料">
        <List
          size="small"
          dataSource={detail.evidence}
          locale={{ emptyText: '未上传证明材料' }}
          renderItem={(e) => (
            <List.Item>
              <a href={e.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {e.fileName}
              </a>
              <Typography.Text type="secondary">
                {(e.sizeBytes / 1024).toFixed(0)} KB · {dateTime(e.uploadedAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>

      {canRevoke && c.status === 'approved' && <RevokeCard id={c.id} />}
    </Space>
  );
}

/** 撤销认定: the reason is required, then a confirmation. */
function RevokeCard({ id }: { id: number }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  async function revoke(reason: string) {
    setSaving(true);
    const result = await settleAction(revokeCertificationAction({ id, reason }));
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['certifications'] }),
      queryClient.invalidateQueries({ queryKey: certKey(id) }),
    ]);
    message.success('认定已撤销');
  }

  async function confirm() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    modal.confirm({
      title: '确认撤销该认定？',
      content: '撤销后参保人不再享受该病种的门诊慢特病待遇，此操作记入审计日志。',
      okText: '确认撤销',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => revoke(v.reason),
    });
  }

  return (
    <Card size="small" title="撤销认定">
      <Form form={form} layout="vertical">
        <Form.Item
          label="撤销原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { max: 500, message: '撤销原因不超过 500 字' },
          ]}
        >
          <Input.TextArea
            aria-label="撤销原因"
            rows={2}
            maxLength={500}
            showCount
            placeholder="如：复核发现诊断证明材料不实"
          />
        </Form.Item>
        <Button danger loading={saving} onClick={confirm}>
          撤销认定
        </Button>
      </Form>
    </Card>
  );
}
