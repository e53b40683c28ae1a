'use client';

import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { drawSpotCheckAction } from '@/app/(portal)/certifications/actions';
import { settleAction } from '@/lib/client/settle-action';

interface Values {
  hospitalId: number;
  period: [Dayjs, Dayjs];
  mode: 'percent' | 'count';
  amount: number;
  seed?: string;
  note?: string;
}

/** 新建抽查: hospital, period of decisions, 按比例(%) or 按数量, and an optional seed to reproduce an earlier draw. */
export function SpotCheckDrawModal({
  hospitals,
  onClose,
}: {
  hospitals: { id: number; name: string }[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const router = useRouter();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form) ?? 'percent';

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const result = await settleAction(
      drawSpotCheckAction({
        hospitalId: v.hospitalId,
        from: v.period[0].format('YYYY-MM-DD'),
        to: v.period[1].format('YYYY-MM-DD'),
        percent: v.mode === 'percent' ? v.amount : undefined,
        count: v.mode === 'count' ? v.amount : undefined,
        seed: v.seed?.trim() || undefined,
        note: v.note?.trim() || undefined,
      }),
    );
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    message.success(`已从 ${result.data.populationSize} 条决定中抽取 ${result.data.sampleSize} 条`);
    router.push(`/certifications/spot-checks/${result.data.id}`);
  }

  return (
    <Modal
      open
      title="新建抽查"
      okText="抽取样本"
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'percent', amount: 5, period: [dayjs().subtract(1, 'year'), dayjs()] }}
      >
        <Form.Item label="医院" name="hospitalId" rules={[{ required: true, message: '请选择医院' }]}>
          <Select
            aria-label="医院"
            placeholder="请选择被抽查的医院"
            options={hospitals.map((h) => ({ value: h.id, label: h.name }))}
          />
        </Form.Item>
        <Form.Item
          label="决定日期范围"
          name="period"
          rules={[{ required: true, message: '请选择抽查期间' }]}
          extra="抽查该医院在此期间作出决定（认定、不予认定或后被撤销）的记录"
        >
          <DatePicker.RangePicker aria-label="决定日期范围" allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="抽查方式" name="mode">
          <Radio.Group
            options={[
              { value: 'percent', label: '按比例(%)' },
              { value: 'count', label: '按数量' },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={mode === 'percent' ? '抽查比例（%）' : '抽查数量（条）'}
          name="amount"
          rules={[{ required: true, message: mode === 'percent' ? '请填写抽查比例' : '请填写抽查数量' }]}
        >
          <InputNumber
            aria-label="抽查比例或数量"
            min={1}
            max={mode === 'percent' ? 100 : 10000}
            precision={0}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item
          label="种子（复现已有抽查）"
          name="seed"
          extra="留空则随机抽取；填入已有抽查的种子，并选相同的医院、期间和方式，可复现同一样本"
        >
          <Input aria-label="种子" maxLength={100} placeholder="可选" />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea aria-label="备注" rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">抽样算法固定并记录在抽查中，任何人可用同一种子复核样本。</Typography.Text>
      </Form>
    </Modal>
  );
}
