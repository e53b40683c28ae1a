'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Descriptions, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { updateRefundAction } from '@/app/(portal)/subsidies/actions';
import type { Jsonified } from '@/components/cases/types';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';
import { formatYuan } from '@/lib/domain/money';
import type { listRefundsOp } from '@/lib/operations/subsidy-funds';
import type { ResultOf } from '@/lib/server/operation';

export type RefundRowJson = Jsonified<ResultOf<typeof listRefundsOp>['data'][number]>;

/** react-query key of the refund records (the filters are the last part). */
export const refundsKey = ['subsidy-refunds'] as const;

/** 登记已退 (pending → refunded), 登记退回失败 (pending → failed), 重新退费 (failed → pending). */
export type RefundMove = 'refunded' | 'failed' | 'pending';

const TITLES: Record<RefundMove, string> = { refunded: '登记已退', failed: '登记退回失败', pending: '重新退费' };
const DONE: Record<RefundMove, string> = {
  refunded: '已登记为已退',
  failed: '已登记为退回失败',
  pending: '已改为待退，请按更正后的账户重新退费',
};

interface Values {
  date?: Dayjs;
  accountRef?: string;
  reason?: string;
}

const ACCOUNT_NOTE = '本系统只保存脱敏后的卡号（只留前 4 位和后 4 位），完整卡号请以银行回单为准。';

/** One refund status change; the server checks the move is allowed and writes an audit row. */
export function RefundUpdateModal({
  refund,
  move,
  onClose,
}: {
  refund: RefundRowJson;
  move: RefundMove;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = dayjs().format('YYYY-MM-DD');

  async function submit() {
    const v = await form.validateFields();
    const date = v.date?.format('YYYY-MM-DD');
    const input =
      move === 'refunded'
        ? { id: refund.id, status: move, date, accountRef: v.accountRef }
        : move === 'failed'
          ? { id: refund.id, status: move, date, reason: v.reason }
          : { id: refund.id, status: move, accountRef: v.accountRef };
    setSaving(true);
    const result = await settleAction(updateRefundAction(input));
    setSaving(false);
    if (!result.ok) {
      showFieldErrors(form, result.fieldErrors);
      setError(result.error);
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: refundsKey });
    message.success(`${refund.personName}：${DONE[move]}`);
    onClose();
  }

  const dateItem = (label: string) => (
    <Form.Item label={label} name="date" rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker
        aria-label={label}
        allowClear={false}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        style={{ width: 200 }}
      />
    </Form.Item>
  );
  const accountItem = (
    <Form.Item
      label={move === 'pending' ? '更正后的退费账户' : '退费账户'}
      name="accountRef"
      extra={ACCOUNT_NOTE}
      rules={[
        { required: true, whitespace: true, message: '请填写退费账户（开户行及卡号）' },
        { min: 4, max: 80, message: '退费账户 4–80 字' },
      ]}
    >
      <Input aria-label="退费账户" placeholder="如 农业银行 6228 4800 1234 5678" autoComplete="off" />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${TITLES[move]}：${refund.personName}`}
      okText="保存"
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
          { key: 'id', label: '身份证号', children: refund.maskedId },
          { key: 'town', label: '镇街', children: refund.townName },
          { key: 'paid', label: '个人已缴', children: `${formatYuan(refund.paidFen)} 元` },
          { key: 'amount', label: '退费金额', children: `${formatYuan(refund.amountFen)} 元` },
          ...(refund.accountRef ? [{ key: 'account', label: '原退费账户', children: refund.accountRef }] : []),
          ...(refund.failReason ? [{ key: 'reason', label: '失败原因', children: refund.failReason }] : []),
        ]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{ date: dayjs(), accountRef: move === 'refunded' ? (refund.accountRef ?? '') : '' }}
      >
        {move === 'refunded' && (
          <>
            {dateItem('退费日期')}
            {accountItem}
          </>
        )}
        {move === 'failed' && (
          <>
            {dateItem('退回日期')}
            <Form.Item
              label="退回失败原因"
              name="reason"
              rules={[
                { required: true, whitespace: true, message: '请填写退回失败原因' },
                { min: 2, max: 300, message: '退回失败原因 2–300 字' },
              ]}
            >
              <Input.TextArea aria-label="退回失败原因" rows={2} placeholder="如 账户已销户、户名与卡号不符" />
            </Form.Item>
          </>
        )}
        {move === 'pending' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="退回失败的退费改回待退，按更正后的账户重新退费。"
            />
            {accountItem}
          </>
        )}
      </Form>
    </Modal>
  );
}
