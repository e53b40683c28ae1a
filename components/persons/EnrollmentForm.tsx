'use client';

import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { saveEnrollmentAction } from '@/app/(portal)/persons/actions';
import { settleAction } from '@/lib/client/settle-action';
import { formatYuan } from '@/lib/domain/money';
import { ENROLLMENT_STATUS_LABELS, SCHEME_LABELS, TIER_LABELS } from '@/lib/labels';
import type { getPerson } from '@/lib/operations/persons';
import type { ResultOf } from '@/lib/server/operation';

/** One enrollment row of the person page (`getPerson`), the one the form edits. */
type Enrollment = ResultOf<typeof getPerson>['enrollments'][number];

interface Values {
  year: number;
  scheme: 'resident' | 'employee';
  tier?: 'tier1' | 'tier2';
  status: 'active' | 'suspended' | 'terminated';
  paidYuan: string;
  paidDate?: Dayjs;
}

const toOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Registers a yearly enrollment, or corrects an existing one (year and scheme fixed). */
export function EnrollmentForm({
  personId,
  initial,
  onClose,
}: {
  personId: number;
  initial: Enrollment | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const router = useRouter();
  const [saving, setSaving] = useState(false);
  const scheme = Form.useWatch('scheme', form);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    const result = await settleAction(
      saveEnrollmentAction({
        personId,
        year: v.year,
        scheme: v.scheme,
        tier: v.scheme === 'resident' ? v.tier : null,
        status: v.status,
        paidYuan: v.paidYuan,
        paidDate: v.paidDate ? v.paidDate.format('YYYY-MM-DD') : null,
      }),
    );
    setSaving(false);
    if (!result.ok) {
      message.error(result.error);
      return;
    }
    message.success(initial ? '参保记录已更正' : '参保已登记');
    onClose();
    router.refresh();
  }

  return (
    <Modal
      open
      title={initial ? '更正参保记录' : '登记参保'}
      okText="保存"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          initial
            ? {
                year: initial.year,
                scheme: initial.scheme,
                tier: initial.tier ?? undefined,
                status: initial.status,
                paidYuan: formatYuan(initial.paidFen).replace(/,/g, ''),
                paidDate: initial.paidDate ? dayjs(initial.paidDate) : undefined,
              }
            : { year: new Date().getFullYear(), scheme: 'resident', tier: 'tier1', status: 'active', paidYuan: '' }
        }
      >
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
          <Select
            disabled={!!initial}
            options={[0, 1, 2, 3]
              .map((d) => new Date().getFullYear() + 1 - d)
              .map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Form.Item>
        <Form.Item label="险种" name="scheme" rules={[{ required: true, message: '请选择险种' }]}>
          <Select disabled={!!initial} options={toOptions(SCHEME_LABELS)} />
        </Form.Item>
        {scheme === 'resident' && (
          <Form.Item label="档次" name="tier" rules={[{ required: true, message: '城乡居民参保须选择档次' }]}>
            <Select options={toOptions(TIER_LABELS)} />
          </Form.Item>
        )}
        <Form.Item label="参保状态" name="status" rules={[{ required: true, message: '请选择参保状态' }]}>
          <Select options={toOptions(ENROLLMENT_STATUS_LABELS)} />
        </Form.Item>
        <Form.Item
          label="缴费金额（元）"
          name="paidYuan"
          rules={[
            { required: true, message: '请填写缴费金额' },
            { pattern: /^\d{1,7}(\.\d{1,2})?$/, message: '缴费金额应为不超过两位小数的元金额' },
          ]}
        >
          <Input inputMode="decimal" placeholder="如 450 或 450.00" />
        </Form.Item>
        <Form.Item label="缴费日期" name="paidDate">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
