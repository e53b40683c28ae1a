'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { addDiseaseVersionAction, createDiseaseAction } from '@/app/(portal)/admin/catalog/actions';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';
import { DISEASE_KIND_LABELS, SCHEME_LABELS } from '@/lib/labels';
import { catalogKey, historyKey, type CatalogRowJson } from './types';

interface Values {
  code: string;
  name: string;
  kind: 'chronic' | 'special';
  schemes: ('resident' | 'employee')[];
  reviewExempt: boolean;
  validityMonths?: number | null;
  entryCriteria?: string;
  requiredEvidence?: string;
  active: boolean;
  effectiveFrom: Dayjs;
}

const KIND_OPTIONS = Object.entries(DISEASE_KIND_LABELS).map(([value, label]) => ({ value, label }));
const SCHEME_OPTIONS = Object.entries(SCHEME_LABELS).map(([value, label]) => ({ value, label }));

/** Creates a disease (with its first version) or, given the current version, adds a new dated version. */
export function DiseaseForm({
  current,
  today,
  onClose,
}: {
  current: CatalogRowJson | null;
  today?: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reviewExempt = Form.useWatch('reviewExempt', form);
  const firstDay = today ?? dayjs().format('YYYY-MM-DD');

  async function submit() {
    const v = await form.validateFields();
    const input = {
      code: v.code,
      name: v.name,
      kind: v.kind,
      forResident: v.schemes.includes('resident'),
      forEmployee: v.schemes.includes('employee'),
      reviewExempt: v.reviewExempt,
      validityMonths: v.reviewExempt ? null : (v.validityMonths ?? null),
      entryCriteria: v.entryCriteria ?? '',
      requiredEvidence: v.requiredEvidence ?? '',
      active: v.active,
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
    };
    setSaving(true);
    const result = current
      ? await settleAction(addDiseaseVersionAction(input))
      : await settleAction(createDiseaseAction(input));
    setSaving(false);
    if (!result.ok) {
      const { forResident, forEmployee, ...rest } = result.fieldErrors ?? {};
      showFieldErrors(form, { ...rest, schemes: [...(forResident ?? []), ...(forEmployee ?? [])] });
      setError(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: catalogKey });
    await queryClient.invalidateQueries({ queryKey: historyKey(input.code) });
    message.success(
      current ? `已新增 ${input.name} 的版本，${input.effectiveFrom} 起生效` : `已新增病种 ${input.name}`,
    );
    onClose();
  }

  return (
    <Modal
      open
      width={640}
      title={current ? `变更病种：${current.code} ${current.name}` : '新增病种'}
      okText="保存"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {current && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="保存后生成一个新版本，自生效日起适用；现行版本保留不变。"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={
          current
            ? {
                code: current.code,
                name: current.name,
                kind: current.kind,
                schemes: [
                  ...(current.forResident ? ['resident' as const] : []),
                  ...(current.forEmployee ? ['employee' as const] : []),
                ],
                reviewExempt: current.reviewExempt,
                validityMonths: current.validityMonths,
                entryCriteria: current.entryCriteria ?? '',
                requiredEvidence: current.requiredEvidence ?? '',
                active: current.active,
                effectiveFrom: dayjs(firstDay),
              }
            : {
                kind: 'chronic',
                schemes: ['resident', 'employee'],
                reviewExempt: false,
                validityMonths: 24,
                active: true,
                effectiveFrom: dayjs(firstDay),
              }
        }
      >
        <Form.Item
          label="病种编码"
          name="code"
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            { required: true, message: '请填写病种编码' },
            { pattern: /^[A-Z]\d{5}$/, message: '病种编码应为 1 位大写字母加 5 位数字，如 M00503' },
          ]}
        >
          <Input disabled={!!current} autoComplete="off" placeholder="如 M00503" />
        </Form.Item>
        <Form.Item
          label="病种名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写病种名称' },
            { max: 100, message: '病种名称不超过 100 字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择门慢或门特' }]}>
          <Radio.Group options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="适用险种"
          name="schemes"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个适用险种（城乡居民或职工）' }]}
        >
          <Checkbox.Group options={SCHEME_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="免复审"
          name="reviewExempt"
          valuePropName="checked"
          extra="免复审病种的认定长期有效，不设有效期"
        >
          <Switch aria-label="免复审" />
        </Form.Item>
        {!reviewExempt && (
          <Form.Item
            label="认定有效期（月）"
            name="validityMonths"
            rules={[{ required: true, message: '非免复审病种须填写认定有效期（月）' }]}
          >
            <InputNumber aria-label="认定有效期（月）" min={1} max={120} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item label="准入标准" name="entryCriteria" rules={[{ max: 2000, message: '准入标准不超过 2000 字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="所需材料" name="requiredEvidence" rules={[{ max: 2000, message: '所需材料不超过 2000 字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          label="启用"
          name="active"
          valuePropName="checked"
          extra="停用后医院不能再认定该病种（已作出的认定不受影响）"
        >
          <Switch aria-label="启用" />
        </Form.Item>
        <Form.Item
          label="生效日期"
          name="effectiveFrom"
          rules={[{ required: true, message: '请选择生效日期' }]}
          extra="只能是今天或以后的日期"
        >
          <DatePicker
            aria-label="生效日期"
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') < firstDay}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
