'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { addRuleVersionAction } from '@/app/(portal)/admin/subsidy-standards/actions';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { SUBSIDY_RULE_KIND_LABELS } from '@/lib/labels';
import { YUAN_PATTERN } from './StandardsContributionForm';
import { standardsKey } from './StandardsTables';

interface Values {
  year: number;
  category: string;
  effectiveFrom: Dayjs;
  kind: 'full' | 'fixed';
  amount?: string;
  docRef: string;
}

const CATEGORY_OPTIONS = Object.entries(PERSON_CATEGORIES).map(([value, label]) => ({ value, label }));
const KIND_OPTIONS = Object.entries(SUBSIDY_RULE_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** 新增资助规则版本: one category's subsidy for a year from an effective date (全额 or 定额); earlier versions stay. */
export function StandardsRuleForm({ year, onClose }: { year: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  async function submit() {
    const v = await form.validateFields();
    const input = {
      year: v.year,
      category: v.category,
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      kind: v.kind,
      amount: v.kind === 'fixed' ? (v.amount ?? '').trim() : '',
      docRef: v.docRef,
    };
    setSaving(true);
    const result = await settleAction(addRuleVersionAction(input));
    setSaving(false);
    if (!result.ok) {
      showFieldErrors(form, result.fieldErrors);
      setError(result.error);
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: standardsKey });
    message.success(
      `已新增 ${input.year} 年度“${PERSON_CATEGORIES[v.category as keyof typeof PERSON_CATEGORIES]}”资助规则版本，${input.effectiveFrom} 起生效`,
    );
    onClose();
  }

  return (
    <Modal
      open
      width={600}
      title="新增资助规则版本"
      okText="保存为新版本"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="保存后新增一个带生效日期的版本，自生效日起用于该类人员的资助；已有版本保留不变，不能修改。定额资助不会超过本人的个人缴费。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year, effectiveFrom: dayjs(), kind: 'fixed', docRef: '' }}
        onValuesChange={() => setError(null)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber aria-label="年度" min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="生效日期" name="effectiveFrom" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DatePicker aria-label="生效日期" allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="人员类别" name="category" rules={[{ required: true, message: '请选择人员类别' }]}>
          <Select aria-label="人员类别" placeholder="请选择" options={CATEGORY_OPTIONS} />
        </Form.Item>
        <Form.Item label="资助方式" name="kind" rules={[{ required: true, message: '请选择资助方式' }]}>
          <Radio.Group options={KIND_OPTIONS} />
        </Form.Item>
        {kind === 'fixed' && (
          <Form.Item
            label="定额资助金额"
            name="amount"
            rules={[
              { required: true, whitespace: true, message: '定额资助须填写金额' },
              { pattern: YUAN_PATTERN, message: '金额（元）最多两位小数' },
              {
                validator: (_, v: string | undefined) =>
                  v && Number(v) <= 0 ? Promise.reject(new Error('金额应大于 0')) : Promise.resolve(),
              },
            ]}
          >
            <Input
              aria-label="定额资助金额"
              suffix="元"
              inputMode="decimal"
              autoComplete="off"
              style={{ width: 200 }}
            />
          </Form.Item>
        )}
        <Form.Item
          label="政策文号"
          name="docRef"
          rules={[
            { required: true, whitespace: true, message: '请填写政策文号' },
            { min: 2, max: 200, message: '政策文号 2–200 字' },
          ]}
        >
          <Input placeholder="如 峄政办发〔2022〕8号" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
