'use client';

import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';

/**
 * The decision part of a form (fields `decision`, `startDate`, `reason`): 通过 with a start date
 * (not after today) or 不予认定 with a reason. Used at the counter and for a 待决定 application.
 */
export function DecisionFields({
  decision,
  startDateExtra,
}: {
  decision: 'approve' | 'reject' | undefined;
  startDateExtra?: ReactNode;
}) {
  return (
    <>
      <Form.Item label="认定结论" name="decision">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'approve', label: '通过' },
            { value: 'reject', label: '不予认定' },
          ]}
        />
      </Form.Item>
      {decision === 'reject' ? (
        <Form.Item
          label="不予认定的原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写不予认定的原因' }]}
          style={{ minWidth: 420 }}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      ) : (
        <Form.Item
          label="认定开始日期"
          name="startDate"
          rules={[{ required: true, message: '请选择认定开始日期' }]}
          extra={startDateExtra}
        >
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      )}
    </>
  );
}
