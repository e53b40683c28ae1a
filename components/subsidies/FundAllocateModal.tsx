'use client';

import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { allocateFundAction } from '@/app/(portal)/subsidies/actions';
import { settleAction } from '@/lib/client/settle-action';
import { formatYuan, yuanToFen } from '@/lib/domain/money';
import { subsidyKeys } from './BatchTypes';

interface Values {
  districtCode: string;
  amount: string;
  note: string;
}

/** 登记预拨资金: an allocation into the district's fund of the year (元, a 文号 or note); the ledger only grows. */
export function FundAllocateModal({
  year,
  districts,
  districtCode,
  pickDistrict,
  onClose,
}: {
  year: number;
  districts: { code: string; name: string }[];
  districtCode: string | undefined;
  /** Users of the whole area name the district; district staff record their own. */
  pickDistrict: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const result = await settleAction(
      allocateFundAction({
        year,
        districtCode: pickDistrict ? v.districtCode : undefined,
        amount: v.amount.trim(),
        note: v.note.trim(),
      }),
    );
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    message.success(`已登记预拨资金，当前余额 ${formatYuan(result.data.balanceFen)} 元`);
    await queryClient.invalidateQueries({ queryKey: subsidyKeys.all });
    onClose();
  }

  return (
    <Modal
      open
      title="登记预拨资金"
      okText="登记"
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ districtCode: districtCode ?? districts[0]?.code }}>
        <Form.Item label="年度">
          <Typography.Text>{year} 年</Typography.Text>
        </Form.Item>
        <Form.Item label="区县" name="districtCode" rules={[{ required: true, message: '请选择区县' }]}>
          <Select
            aria-label="区县"
            disabled={!pickDistrict}
            options={districts.map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          label="拨付金额（元）"
          name="amount"
          rules={[
            { required: true, message: '请填写拨付金额' },
            {
              validator: (_, v: string) => {
                const fen = v ? yuanToFen(v) : null;
                return !v || (fen !== null && fen > 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error('拨付金额应为大于 0 的金额（元，最多两位小数）'));
              },
            },
          ]}
        >
          <Input aria-label="拨付金额（元）" placeholder="如 50000 或 50000.00" suffix="元" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item
          label="拨付文号或说明"
          name="note"
          rules={[{ required: true, min: 2, message: '请填写拨付文号或说明' }]}
        >
          <Input.TextArea aria-label="拨付文号或说明" rows={2} maxLength={300} placeholder="如 文财社指〔2026〕15号" />
        </Form.Item>
        <Typography.Text type="secondary">
          财政预拨资金用于年中新增且尚未缴费人员的资助；登记后不能修改或删除，余额不会小于 0。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
