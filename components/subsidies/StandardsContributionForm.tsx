'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { addContributionVersionAction } from '@/app/(portal)/admin/subsidy-standards/actions';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';
import { AGE_GROUP_LABELS, TIER_LABELS } from '@/lib/labels';
import { standardsKey, type ContributionJson } from './StandardsTables';

type AmountName = 'tier1Adult' | 'tier1Minor' | 'tier1Student' | 'tier2Adult' | 'tier2Minor' | 'tier2Student';

interface Values extends Record<AmountName, string> {
  year: number;
  effectiveFrom: Dayjs;
  collection: [Dayjs, Dayjs];
  docRef: string;
}

const AMOUNTS: { name: AmountName; tier: 'tier1' | 'tier2'; group: keyof typeof AGE_GROUP_LABELS }[] = [
  { name: 'tier1Adult', tier: 'tier1', group: 'adult' },
  { name: 'tier1Minor', tier: 'tier1', group: 'minor' },
  { name: 'tier1Student', tier: 'tier1', group: 'student' },
  { name: 'tier2Adult', tier: 'tier2', group: 'adult' },
  { name: 'tier2Minor', tier: 'tier2', group: 'minor' },
  { name: 'tier2Student', tier: 'tier2', group: 'student' },
];

/** A 元 amount as typed: up to two decimals. */
export const YUAN_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;
const fenToYuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** 新增缴费标准版本: the personal contribution of a year from an effective date; earlier versions stay. */
export function StandardsContributionForm({
  year,
  latest,
  onClose,
}: {
  year: number;
  /** The version the form starts from (the year's newest, or the newest of any year). */
  latest: ContributionJson | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const v = await form.validateFields();
    const input = {
      year: v.year,
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      ...Object.fromEntries(AMOUNTS.map((a) => [a.name, v[a.name].trim()])),
      collectionFrom: v.collection[0].format('YYYY-MM-DD'),
      collectionTo: v.collection[1].format('YYYY-MM-DD'),
      docRef: v.docRef,
    };
    setSaving(true);
    const result = await settleAction(addContributionVersionAction(input));
    setSaving(false);
    if (!result.ok) {
      const { collectionFrom, collectionTo, ...rest } = result.fieldErrors ?? {};
      showFieldErrors(form, { ...rest, collection: [...(collectionFrom ?? []), ...(collectionTo ?? [])] });
      setError(result.error);
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: standardsKey });
    message.success(`已新增 ${input.year} 年度个人缴费标准版本，${input.effectiveFrom} 起生效`);
    onClose();
  }

  const initialValues: Partial<Values> = {
    year,
    effectiveFrom: dayjs(),
    docRef: '',
    collection: [dayjs(`${year}-01-01`), dayjs(`${year}-04-30`)],
    ...(latest && {
      ...Object.fromEntries(AMOUNTS.map((a) => [a.name, fenToYuanText(latest[`${a.name}Fen`])])),
      ...(latest.year === year && { collection: [dayjs(latest.collectionFrom), dayjs(latest.collectionTo)] }),
    }),
  };

  return (
    <Modal
      open
      width={680}
      title="新增缴费标准版本"
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
        title="保存后新增一个带生效日期的版本，自生效日起用于该年度的花名册；已有版本保留不变，不能修改。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => setError(null)}>
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
        <Row gutter={16}>
          {AMOUNTS.map((a) => {
            const label = `${TIER_LABELS[a.tier]}${AGE_GROUP_LABELS[a.group]}个人缴费`;
            return (
              <Col span={8} key={a.name}>
                <Form.Item
                  label={label}
                  name={a.name}
                  rules={[
                    { required: true, whitespace: true, message: `请填写${label}` },
                    { pattern: YUAN_PATTERN, message: '金额（元）最多两位小数' },
                  ]}
                >
                  <Input aria-label={label} suffix="元" inputMode="decimal" autoComplete="off" />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
        <Form.Item label="集中缴费期" name="collection" rules={[{ required: true, message: '请选择集中缴费期' }]}>
          <DatePicker.RangePicker aria-label="集中缴费期" allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="政策文号"
          name="docRef"
          rules={[
            { required: true, whitespace: true, message: '请填写政策文号' },
            { min: 2, max: 200, message: '政策文号 2–200 字' },
          ]}
        >
          <Input placeholder="如 威医保发〔2019〕12号" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
