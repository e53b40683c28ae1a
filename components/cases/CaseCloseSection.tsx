'use client';

import { Alert, App, Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { closeCaseAction, reopenCaseAction } from '@/app/(portal)/matching/actions';
import { CASE_CLOSE_REASON_LABELS } from '@/lib/case-labels';
import { settleAction } from '@/lib/client/settle-action';
import { CASE_EXEMPT_REASONS } from '@/lib/schemas/matching';
import { useCaseRefresh } from './use-case-refresh';

interface Props {
  caseId: number;
  /** Open cases may be closed as exempt; closed ones reopened. */
  open: boolean;
  hasEvidence: boolean;
}

const REASON_OPTIONS = CASE_EXEMPT_REASONS.map((value) => ({ value, label: CASE_CLOSE_REASON_LABELS[value] }));
const NEED_EVIDENCE_HINT = '请先上传至少一份证明材料（PDF、JPG 或 PNG），再办理销号';

/** 销号（无需参保） with a reason from the fixed list, or 重新打开 with a required reason. */
export function CaseCloseSection({ caseId, open, hasEvidence }: Props) {
  const { message } = App.useApp();
  const refresh = useCaseRefresh(caseId);
  const [form] = Form.useForm<{ reason?: string; note?: string }>();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const result = open
      ? await settleAction(closeCaseAction({ id: caseId, reason: v.reason, note: v.note || undefined }))
      : await settleAction(reopenCaseAction({ id: caseId, note: v.note }));
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    form.resetFields();
    await refresh();
    message.success(open ? '已销号' : '任务已重新打开');
  }

  if (!open) {
    return (
      <Card size="small" title="重新打开">
        <Form form={form} layout="vertical">
          <Form.Item
            label="重新打开的原因"
            name="note"
            rules={[{ required: true, whitespace: true, message: '请填写重新打开的原因' }]}
          >
            <Input.TextArea
              aria-label="重新打开的原因"
              rows={2}
              maxLength={500}
              placeholder="如：销号依据有误，需继续跟进"
            />
          </Form.Item>
          <Button danger onClick={submit} loading={saving}>
            重新打开
          </Button>
        </Form>
      </Card>
    );
  }

  return (
    <Card size="small" title="销号（无需参保）">
      {!hasEvidence && <Alert type="warning" showIcon title={NEED_EVIDENCE_HINT} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={!hasEvidence}>
        <Form.Item label="无需参保的原因" name="reason" rules={[{ required: true, message: '请选择无需参保的原因' }]}>
          <Select
            aria-label="无需参保的原因"
            placeholder="请选择原因"
            options={REASON_OPTIONS}
            style={{ maxWidth: 280 }}
          />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input.TextArea aria-label="说明" rows={2} maxLength={500} placeholder="如：死亡证明编号、异地参保地等" />
        </Form.Item>
        <Button type="primary" onClick={submit} loading={saving}>
          确认销号
        </Button>
      </Form>
    </Card>
  );
}
