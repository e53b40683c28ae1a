'use client';

import { Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { yuan, type PersonYear } from './types';

export interface StayValues {
  hospitalId: number;
  settlementDate: Dayjs;
  admissionDate?: Dayjs;
  total: number;
  policyRange: number;
  level: 1 | 2 | 3;
  tier: 1 | 2;
  referral: boolean;
  sourceSettlementId?: string;
  note?: string;
}

/** The form's values as the operations take them (元 as text, days as 'YYYY-MM-DD'). */
export const stayInput = (v: StayValues) => ({
  hospitalId: v.hospitalId,
  settlementDate: v.settlementDate.format('YYYY-MM-DD'),
  admissionDate: v.admissionDate ? v.admissionDate.format('YYYY-MM-DD') : '',
  total: v.total.toFixed(2),
  policyRange: v.policyRange.toFixed(2),
  level: v.level,
  tier: v.tier,
  referral: v.referral,
  sourceSettlementId: v.sourceSettlementId ?? '',
  note: v.note ?? '',
});

const money = (label: string, name: 'total' | 'policyRange') => (
  <Form.Item label={`${label}（元）`} name={name} rules={[{ required: true, message: `请填写${label}` }]}>
    <InputNumber<number> aria-label={label} min={0} max={99_999_999} precision={2} style={{ width: '100%' }} />
  </Form.Item>
);

interface Props {
  person: PersonYear;
  form: ReturnType<typeof Form.useForm<StayValues>>[0];
  initial?: Partial<StayValues>;
  busy: boolean;
  onPreview: () => void;
  onSave?: () => void;
}

/** A stay's figures: hospital, dates, T and C, level, tier, referral; or picked from an imported settlement. */
export function StayForm({ person, form, initial, busy, onPreview, onSave }: Props) {
  const hospitals = person.hospitals;
  useEffect(() => {
    form.setFieldsValue({
      hospitalId: hospitals.length === 1 ? hospitals[0].id : undefined,
      level: hospitals.length === 1 ? hospitals[0].levelNo : 3,
      tier: person.tier ?? 1,
      referral: false,
      ...initial,
    });
  }, [form, hospitals, person.tier, initial]);

  function pick(settlementId: string) {
    const r = person.imported.find((x) => x.settlementId === settlementId);
    if (!r) return;
    form.setFieldsValue({
      sourceSettlementId: r.settlementId,
      settlementDate: dayjs(r.settlementDate),
      total: r.totalFen / 100,
      policyRange: r.policyRangeFen / 100,
      ...(r.hospitalId && hospitals.some((h) => h.id === r.hospitalId)
        ? { hospitalId: r.hospitalId, level: (r.hospitalLevel ?? 3) as 1 | 2 | 3 }
        : {}),
    });
  }

  return (
    <Form form={form} layout="vertical" disabled={busy}>
      {person.imported.length > 0 && (
        <Form.Item label="从导入的住院结算记录选取（可选）" name="sourceSettlementId">
          <Select
            allowClear
            aria-label="导入的结算记录"
            onChange={(v) => v && pick(v)}
            options={person.imported.map((r) => ({
              value: r.settlementId,
              label: `${r.settlementDate} ${r.institutionName} 总额 ${yuan(r.totalFen)}（${r.settlementId}）`,
            }))}
          />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item label="医疗机构" name="hospitalId" rules={[{ required: true, message: '请选择医疗机构' }]}>
            <Select
              aria-label="医疗机构"
              options={hospitals.map((h) => ({ value: h.id, label: `${h.name}（${h.code}）` }))}
              onChange={(id) => {
                const h = hospitals.find((x) => x.id === id);
                if (h) form.setFieldValue('level', h.levelNo);
              }}
            />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item label="入院日期" name="admissionDate">
            <DatePicker aria-label="入院日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item label="结算日期" name="settlementDate" rules={[{ required: true, message: '请选择结算日期' }]}>
            <DatePicker aria-label="结算日期" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>{money('医疗费总额', 'total')}</Col>
        <Col span={6}>{money('合规费用', 'policyRange')}</Col>
        <Col span={4}>
          <Form.Item label="医院等级" name="level">
            <Radio.Group options={[1, 2, 3].map((n) => ({ value: n, label: `${'一二三'[n - 1]}级` }))} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item label="缴费档次" name="tier">
            <Radio.Group options={[1, 2].map((n) => ({ value: n, label: `${'一二'[n - 1]}档` }))} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item label="转诊/急诊" name="referral" valuePropName="checked">
            <Checkbox>异地转诊或急诊（先自付 10%）</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="备注" name="note">
        <Input maxLength={300} />
      </Form.Item>
      <Space>
        <Button onClick={onPreview} loading={busy}>
          试算
        </Button>
        {onSave && (
          <Button type="primary" onClick={onSave} loading={busy}>
            保存结算
          </Button>
        )}
      </Space>
    </Form>
  );
}
