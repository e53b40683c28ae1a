'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { createAssistanceAction, updateAssistanceAction } from '@/app/(portal)/assistance/actions';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';
import { formatYuan } from '@/lib/domain/money';
import { assistanceKey, type AssistanceRowJson } from './types';

interface Values {
  idNumber?: string;
  settlementId?: string;
  settlementDate: Dayjs;
  medType: 'inpatient' | 'outpatient';
  institutionCode?: string;
  institutionName: string;
  totalYuan: number;
  policyRangeYuan: number;
  assistanceYuan: number;
  note?: string;
  reason?: string;
}

const money = (label: string, name: keyof Values) => (
  <Form.Item label={`${label}（元）`} name={name} rules={[{ required: true, message: `请填写${label}` }]}>
    <InputNumber<number> aria-label={label} min={0} max={9_999_999} precision={2} style={{ width: '100%' }} />
  </Form.Item>
);

/** 新增救助记录 (record = null) or 更正 a record that stands; the server re-checks the annual cap. */
export function AssistanceFormModal({ record, onClose }: { record: AssistanceRowJson | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = record != null;

  async function submit() {
    const v = await form.validateFields();
    const common = {
      settlementDate: v.settlementDate.format('YYYY-MM-DD'),
      medType: v.medType,
      institutionCode: v.institutionCode ?? '',
      institutionName: v.institutionName,
      totalYuan: v.totalYuan.toFixed(2),
      policyRangeYuan: v.policyRangeYuan.toFixed(2),
      assistanceYuan: v.assistanceYuan.toFixed(2),
      note: v.note ?? '',
    };
    setSaving(true);
    const result = editing
      ? await settleAction(updateAssistanceAction({ ...common, id: record.id, reason: v.reason }))
      : await settleAction(
          createAssistanceAction({ ...common, idNumber: v.idNumber, settlementId: v.settlementId ?? '' }),
        );
    setSaving(false);
    if (!result.ok) {
      showFieldErrors(form, result.fieldErrors);
      setError(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: assistanceKey });
    if (result.data.capExceeded)
      message.warning(
        `已保存（${result.data.settlementId}）。该笔使本人当年医疗救助超过 5 万元上限 ${formatYuan(result.data.excessFen)} 元：已标记“超上限”，金额未核减，请核查。`,
        8,
      );
    else message.success(editing ? `已更正 ${result.data.settlementId}` : `已新增救助记录 ${result.data.settlementId}`);
    onClose();
  }

  const initial: Partial<Values> = record
    ? {
        settlementDate: dayjs(record.settlementDate),
        medType: record.medType,
        institutionCode: record.institutionCode ?? '',
        institutionName: record.institutionName,
        totalYuan: record.totalFen / 100,
        policyRangeYuan: record.policyRangeFen / 100,
        assistanceYuan: record.assistanceFen / 100,
        note: record.note ?? '',
      }
    : { settlementDate: dayjs(), medType: 'inpatient' };

  return (
    <Modal
      open
      width={720}
      title={editing ? `更正救助记录：${record.settlementId}（${record.personName}）` : '新增救助记录'}
      okText="保存"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onValuesChange={() => setError(null)}>
        {!editing && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="证件号码"
                name="idNumber"
                extra="须为参保登记中的人员，且在您管辖的镇街"
                rules={[{ required: true, whitespace: true, message: '请填写证件号码' }]}
              >
                <Input aria-label="证件号码" maxLength={20} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="结算ID（选填）" name="settlementId" extra="不填则自动编号为 MAN-编号">
                <Input aria-label="结算ID" maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="结算日期" name="settlementDate" rules={[{ required: true, message: '请选择结算日期' }]}>
              <DatePicker
                aria-label="结算日期"
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="医疗类别" name="medType" rules={[{ required: true, message: '请选择医疗类别' }]}>
              <Radio.Group
                options={[
                  { value: 'inpatient', label: '住院' },
                  { value: 'outpatient', label: '门诊（含门诊慢特病）' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="定点医药机构编号" name="institutionCode">
              <Input aria-label="定点医药机构编号" maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              label="定点医药机构名称"
              name="institutionName"
              rules={[{ required: true, whitespace: true, message: '请填写定点医药机构名称' }]}
            >
              <Input aria-label="定点医药机构名称" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>{money('医疗费总额', 'totalYuan')}</Col>
          <Col span={8}>{money('符合范围金额', 'policyRangeYuan')}</Col>
          <Col span={8}>{money('医疗救助金额', 'assistanceYuan')}</Col>
        </Row>
        <Form.Item label="备注" name="note">
          <Input aria-label="备注" maxLength={300} />
        </Form.Item>
        {editing && (
          <Form.Item
            label="更正原因"
            name="reason"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写更正原因' }]}
          >
            <Input.TextArea aria-label="更正原因" maxLength={200} rows={2} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
