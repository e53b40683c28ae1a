'use client';

import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Spin,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  settlementCancelAction,
  settlementCorrectAction,
  settlementPreviewAction,
} from '@/app/(portal)/settlement/actions';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { PreviewPanel } from './YearPanels';
import type { PreviewView, Statement, StayRow } from './types';

interface Values {
  settlementDate: Dayjs;
  total: number;
  policyRange: number;
  level: 1 | 2 | 3;
  tier: 1 | 2;
  referral: boolean;
  reason: string;
}

/**
 * 更正 or 撤销 a saved stay: the new figures (correction) and a reason; 预览 shows what the year's
 * later stays would become; only then can it be saved.
 */
export function ChangeModal({
  row,
  kind,
  onClose,
}: {
  row: StayRow;
  kind: 'correct' | 'cancel';
  onClose: (done: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: stay } = useQuery({
    queryKey: ['settlement', 'stay', row.id],
    queryFn: () => fetchJson<Statement>(`/api/settlement/${row.id}`),
  });

  async function input() {
    const v = await form.validateFields();
    if (kind === 'cancel') return { id: row.id, reason: v.reason };
    return {
      id: row.id,
      hospitalId: stay!.hospital.id,
      settlementDate: v.settlementDate.format('YYYY-MM-DD'),
      admissionDate: stay!.stay.admissionDate ?? '',
      total: v.total.toFixed(2),
      policyRange: v.policyRange.toFixed(2),
      level: v.level,
      tier: v.tier,
      referral: v.referral,
      sourceSettlementId: stay!.stay.sourceSettlementId ?? '',
      note: stay!.stay.note ?? '',
      reason: v.reason,
    };
  }

  async function doPreview() {
    const stayInput = await input();
    setBusy(true);
    const r = await settleAction(settlementPreviewAction({ kind, stay: stayInput }));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPreview(r.data);
  }

  async function save() {
    const stayInput = await input();
    setBusy(true);
    const r =
      kind === 'cancel'
        ? await settleAction(settlementCancelAction(stayInput))
        : await settleAction(settlementCorrectAction(stayInput));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    message.success(`${kind === 'cancel' ? '已撤销' : '已更正'}；本年度 ${r.data.updated.length} 次后续住院已重新结算`);
    onClose(true);
  }

  return (
    <Modal
      open
      width={960}
      title={`${kind === 'cancel' ? '撤销' : '更正'}结算：${row.personName} ${row.settlementDate} ${row.hospitalName}`}
      okText={preview ? `确认${kind === 'cancel' ? '撤销' : '更正'}` : '预览影响'}
      onOk={preview ? save : doPreview}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
    >
      {!stay ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onValuesChange={() => setPreview(null)}
          initialValues={{
            settlementDate: dayjs(stay.stay.settlementDate),
            total: stay.stay.totalFen / 100,
            policyRange: stay.stay.policyRangeFen / 100,
            level: stay.stay.level,
            tier: stay.stay.tier,
            referral: stay.stay.referral,
          }}
        >
          {kind === 'correct' && (
            <Space wrap align="start">
              <Form.Item label="结算日期" name="settlementDate" rules={[{ required: true }]}>
                <DatePicker aria-label="更正结算日期" />
              </Form.Item>
              <Form.Item label="医疗费总额（元）" name="total" rules={[{ required: true }]}>
                <InputNumber<number> aria-label="更正医疗费总额" min={0} precision={2} />
              </Form.Item>
              <Form.Item label="合规费用（元）" name="policyRange" rules={[{ required: true }]}>
                <InputNumber<number> aria-label="更正合规费用" min={0} precision={2} />
              </Form.Item>
              <Form.Item label="医院等级" name="level">
                <Radio.Group options={[1, 2, 3].map((n) => ({ value: n, label: `${'一二三'[n - 1]}级` }))} />
              </Form.Item>
              <Form.Item label="缴费档次" name="tier">
                <Radio.Group options={[1, 2].map((n) => ({ value: n, label: `${'一二'[n - 1]}档` }))} />
              </Form.Item>
              <Form.Item label="转诊/急诊" name="referral" valuePropName="checked">
                <Checkbox>先自付 10%</Checkbox>
              </Form.Item>
            </Space>
          )}
          <Form.Item label="原因" name="reason" rules={[{ required: true, min: 2, message: '请填写原因' }]}>
            <Input aria-label="原因" maxLength={300} />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {preview && (
        <>
          <Typography.Title level={5}>保存前预览（尚未保存）</Typography.Title>
          <PreviewPanel preview={preview} />
        </>
      )}
    </Modal>
  );
}
