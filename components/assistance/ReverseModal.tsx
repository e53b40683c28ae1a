'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { reverseAssistanceAction } from '@/app/(portal)/assistance/actions';
import { settleAction } from '@/lib/client/settle-action';
import { MED_TYPE_LABELS } from '@/lib/domain/assistance';
import { formatYuan } from '@/lib/domain/money';
import { assistanceKey, type AssistanceRowJson } from './types';

/** 冲销 a settlement with a reason: a reversal record cancels it; neither counts any more. */
export function ReverseModal({ record, onClose }: { record: AssistanceRowJson; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const { reason } = await form.validateFields();
    setSaving(true);
    const result = await settleAction(reverseAssistanceAction({ id: record.id, reason }));
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: assistanceKey });
    message.success(`已冲销 ${record.settlementId}（冲销记录 ${result.data.reversalSettlementId}）`);
    onClose();
  }

  return (
    <Modal
      open
      title={`冲销救助记录：${record.settlementId}`}
      okText="确认冲销"
      okButtonProps={{ danger: true }}
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: '姓名', children: record.personName },
          { key: 'id', label: '证件号码', children: record.maskedId },
          { key: 'date', label: '结算日期', children: record.settlementDate },
          { key: 'type', label: '医疗类别', children: MED_TYPE_LABELS[record.medType] },
          { key: 'inst', label: '定点医药机构', children: record.institutionName },
          { key: 'amount', label: '医疗救助', children: `${formatYuan(record.assistanceFen)} 元` },
        ]}
      />
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="冲销后，原结算和冲销记录都不再计入救助人次和金额；冲销不能撤回，也不能再更正原记录。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onValuesChange={() => setError(null)}>
        <Form.Item
          label="冲销原因"
          name="reason"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写冲销原因' }]}
        >
          <Input.TextArea aria-label="冲销原因" maxLength={200} rows={3} placeholder="如：医院退费后重新结算" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
