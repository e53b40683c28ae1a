'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { endDelegationAction, grantDelegationAction } from '@/app/(portal)/admin/hospitals/actions';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { addDays } from '@/lib/domain/calendar';
import { DISEASE_KIND_LABELS, labelOf } from '@/lib/labels';
import {
  catalogKey,
  hospitalKey,
  hospitalsKey,
  type CatalogListJson,
  type DelegationJson,
  type HospitalDetailJson,
} from './types';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function useRefreshHospital(hospitalId: number) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: hospitalKey(hospitalId) });
    await queryClient.invalidateQueries({ queryKey: hospitalsKey });
  };
}

interface GrantValues {
  diseaseCode: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

/** Grants one active catalog disease to the hospital from a date (today by default), optionally until a date. */
export function GrantDelegationModal({ detail, onClose }: { detail: HospitalDetailJson; onClose: () => void }) {
  const { hospital, today } = detail;
  const [form] = Form.useForm<GrantValues>();
  const { message } = App.useApp();
  const refresh = useRefreshHospital(hospital.id);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const validFrom = Form.useWatch('validFrom', form);
  const catalog = useQuery({
    queryKey: [...catalogKey, 'active=true'],
    queryFn: () => fetchJson<CatalogListJson>('/api/admin/catalog?active=true'),
  });
  const open = new Set(
    detail.delegations.filter((d) => d.validTo === null || d.validTo >= today).map((d) => d.diseaseCode),
  );
  const options = (catalog.data?.data ?? []).map((d) => ({
    value: d.code,
    label: `${d.code} ${d.name}（${labelOf(DISEASE_KIND_LABELS, d.kind)}）${open.has(d.code) ? ' · 已授权' : ''}${d.inForce ? '' : ` · ${d.effectiveFrom} 起生效`}`,
    disabled: open.has(d.code),
  }));

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    const result = await settleAction(
      grantDelegationAction({
        hospitalId: hospital.id,
        diseaseCode: v.diseaseCode,
        validFrom: day(v.validFrom),
        validTo: v.validTo ? day(v.validTo) : null,
      }),
    );
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    await refresh();
    message.success(`已授权 ${hospital.name} 认定 ${v.diseaseCode}`);
    onClose();
  }

  return (
    <Modal
      open
      title={`授权病种：${hospital.name}`}
      okText="授权"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {catalog.error && (
        <Alert type="error" showIcon title={(catalog.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<GrantValues>
        form={form}
        layout="vertical"
        initialValues={{ validFrom: dayjs(today) }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          label="病种"
          name="diseaseCode"
          rules={[{ required: true, message: '请选择病种' }]}
          extra="只列出目录中启用的病种"
        >
          <Select
            aria-label="病种"
            showSearch={{ optionFilterProp: 'label' }}
            loading={catalog.isLoading}
            options={options}
            placeholder="输入编码或名称查找"
          />
        </Form.Item>
        <Form.Item label="授权开始日期" name="validFrom" rules={[{ required: true, message: '请选择授权开始日期' }]}>
          <DatePicker aria-label="授权开始日期" allowClear={false} disabledDate={(d) => day(d) < today} />
        </Form.Item>
        <Form.Item label="授权终止日期" name="validTo" extra="不填则长期有效（可随时终止）">
          <DatePicker aria-label="授权终止日期" disabledDate={(d) => day(d) < (validFrom ? day(validFrom) : today)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Ends a delegation: its last day is validTo (today by default; yesterday stops it at once). */
export function EndDelegationModal({
  hospitalId,
  delegation,
  today,
  onClose,
}: {
  hospitalId: number;
  delegation: DelegationJson;
  today: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ validTo: Dayjs }>();
  const { message } = App.useApp();
  const refresh = useRefreshHospital(hospitalId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const earliest = [delegation.validFrom, addDays(today, -1)].sort()[1];
  const initial = [today, delegation.validFrom].sort()[1];

  async function submit() {
    const { validTo } = await form.validateFields();
    setSaving(true);
    const result = await settleAction(
      endDelegationAction({
        hospitalId,
        diseaseCode: delegation.diseaseCode,
        validFrom: delegation.validFrom,
        validTo: day(validTo),
      }),
    );
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    await refresh();
    message.success(`已终止 ${delegation.diseaseCode} 的授权，最后有效日 ${day(validTo)}`);
    onClose();
  }

  return (
    <Modal
      open
      title={`终止授权：${delegation.diseaseCode} ${delegation.diseaseName ?? ''}`}
      okText="终止授权"
      okButtonProps={{ danger: true }}
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`授权期 ${delegation.validFrom} 至 ${delegation.validTo ?? '长期'}。终止日期为最后有效日，之后该医院不能再认定此病种；已作出的认定不受影响。`}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validTo: dayjs(initial) }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          label="终止日期（最后有效日）"
          name="validTo"
          rules={[{ required: true, message: '请选择终止日期' }]}
          extra="选择昨天即从今天起停止授权"
        >
          <DatePicker
            aria-label="终止日期"
            allowClear={false}
            disabledDate={(d) => day(d) < earliest || (delegation.validTo !== null && day(d) > delegation.validTo)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
