'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import { decideAction } from '@/app/(portal)/workstation/actions';
import { settleAction } from '@/lib/client/settle-action';
import { DecisionFields } from './DecisionFields';
import type { FilingRowJson } from './types';

interface Values {
  decision: 'approve' | 'reject';
  startDate: Dayjs;
  reason?: string;
}

/**
 * The decision on an application left 待决定 (the counter screen was closed after filing, or a
 * later step failed): approve with a start date or reject with a reason. The server checks the
 * same rules as at the counter.
 */
export function DecideModal({ filing, onClose }: { filing: FilingRowJson; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decision = Form.useWatch('decision', form);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    const input =
      v.decision === 'approve'
        ? { id: filing.id, decision: 'approve', startDate: v.startDate.format('YYYY-MM-DD') }
        : { id: filing.id, decision: 'reject', reason: v.reason };
    const result = await settleAction(decideAction(input));
    setSaving(false);
    if (!result.ok) return setError(result.error);
    await queryClient.invalidateQueries({ queryKey: ['workstation-filings'] });
    if (result.data.status === 'approved') {
      message.success(
        <span>
          已认定，告知单 <Link href={`/workstation/certificates/${filing.id}`}>{result.data.certificateNo}</Link>
        </span>,
      );
    } else message.success('已记录不予认定');
    onClose();
  }

  return (
    <Modal
      open
      title={`作出决定：${filing.personName} · ${filing.diseaseName}`}
      okText="确定"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ decision: 'approve', startDate: dayjs() }}>
        <DecisionFields decision={decision} />
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
