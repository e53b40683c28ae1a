'use client';

import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { previewPolicyAction, savePolicyAction } from '@/app/(portal)/admin/settlement-policy/actions';
import { settleAction } from '@/lib/client/settle-action';
import { LAYER_KEYS, LAYER_LABELS } from '@/lib/domain/settlement';
import { WENDENG_2019_POLICY, type SettlementPolicy } from '@/lib/domain/settlement-policy';
import { fromForm, policyFields, toForm } from './policy-fields';
import { yuan, type PolicyPreview, type PolicyVersion } from './types';

/** Every parameter of a year's policy (元 and %), a preview over the year's saved stays, and a new version. */
export function PolicyEditor({ versions }: { versions: PolicyVersion[] }) {
  const { message } = App.useApp();
  const router = useRouter();
  const years = [...new Set(versions.map((v) => v.year))];
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear());
  const current = versions.find((v) => v.year === year) ?? null;
  const base: SettlementPolicy = useMemo(
    () => current?.params ?? { ...(versions[0]?.params ?? WENDENG_2019_POLICY), year },
    [current, versions, year],
  );
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<PolicyPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function params() {
    return fromForm((await form.validateFields()).params, base, year);
  }
  async function doPreview() {
    setBusy(true);
    const r = await settleAction(previewPolicyAction({ params: await params() }));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPreview(r.data);
  }
  async function save() {
    const v = await form.validateFields();
    setBusy(true);
    const r = await settleAction(savePolicyAction({ params: await params(), docRef: v.docRef, note: v.note ?? '' }));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    message.success(`已新增 ${r.data.year} 年度第 ${r.data.version} 版`);
    router.refresh();
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="一站式结算政策（按年度，修改即新增版本）">
        <Space wrap>
          <span>年度</span>
          <Select
            aria-label="政策年度"
            value={year}
            style={{ width: 120 }}
            onChange={(y) => {
              setYear(y);
              setPreview(null);
            }}
            options={years.map((y) => ({ value: y, label: `${y}` }))}
          />
          <InputNumber
            aria-label="新增年度"
            placeholder="新增年度"
            min={2000}
            max={2100}
            onChange={(y) => y && setYear(y)}
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {current
            ? `现行：第 ${current.version} 版，${current.docRef}`
            : '该年度尚无政策：以最近一年的值为起点，保存后生效。'}
          {base.localDefaults.length > 0 && ' 标注“本地默认值”的参数不是新闻稿给出的数值。'}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          key={`${year}-${current?.id ?? 'new'}`}
          initialValues={{ params: toForm(base) }}
        >
          {policyFields(base).map(({ group, fields }) => (
            <div key={group}>
              <Typography.Title level={5}>{group}</Typography.Title>
              <Row gutter={16}>
                {fields.map((f) => (
                  <Col span={8} key={f.path.join('.')}>
                    <Form.Item label={`${f.label}（${f.kind === 'money' ? '元' : '%'}）`} name={['params', ...f.path]}>
                      <InputNumber
                        aria-label={f.label}
                        min={0}
                        max={f.kind === 'pct' ? 100 : undefined}
                        precision={2}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </div>
          ))}
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="文号或依据"
                name="docRef"
                rules={[{ required: true, min: 2, message: '请填写文号或依据' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="说明" name="note">
                <Input maxLength={300} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space>
          <Button onClick={doPreview} loading={busy}>
            预览对已结算住院的影响
          </Button>
          <Button type="primary" onClick={save} loading={busy}>
            保存为新版本
          </Button>
        </Space>
      </Card>
      {preview && <PolicyPreviewCard preview={preview} />}
    </Space>
  );
}

function PolicyPreviewCard({ preview: p }: { preview: PolicyPreview }) {
  const rows = LAYER_KEYS.map((k) => ({
    k,
    label: LAYER_LABELS[k],
    before: p.totals.before[k],
    after: p.totals.after[k],
  }));
  rows.push({ k: 'basic', label: '个人自付', before: p.totals.personBefore, after: p.totals.personAfter });
  return (
    <Card title={`预览：${p.year} 年度 ${p.people} 人 ${p.stays} 次住院，${p.changedCount} 次结果会变化`}>
      <Typography.Paragraph type="secondary">
        保存新版本不会自动改写已保存的结算；更正或撤销某人的住院时，其当年住院按现行版本重新结算。
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="label"
        dataSource={rows}
        columns={[
          { title: '项目', dataIndex: 'label' },
          { title: '现有结算合计', dataIndex: 'before', align: 'right', render: yuan },
          { title: '按新参数合计', dataIndex: 'after', align: 'right', render: yuan },
          { title: '差额', key: 'd', align: 'right', render: (_, r) => yuan(r.after - r.before) },
        ]}
      />
    </Card>
  );
}
