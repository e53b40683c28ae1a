'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { createHospitalAction, updateHospitalAction } from '@/app/(portal)/admin/hospitals/actions';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';
import { isValidHospitalCode } from '@/lib/domain/certification';
import { HOSPITAL_LEVEL_LABELS } from '@/lib/labels';
import { hospitalKey, hospitalsKey, type HospitalRowJson } from './types';

interface Values {
  code: string;
  name: string;
  level: 'level1' | 'level2' | 'level3';
}

const LEVEL_OPTIONS = Object.entries(HOSPITAL_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const CODE_MESSAGE = '医疗机构编码应为 H + 6 位地区代码 + 5 位流水号，如 H37100300001';

/** Creates a hospital or edits one; its district comes from the area part of the code. */
export function HospitalForm({ initial, onClose }: { initial: HospitalRowJson | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    const result = initial
      ? await settleAction(updateHospitalAction({ id: initial.id, ...v }))
      : await settleAction(createHospitalAction(v));
    setSaving(false);
    if (!result.ok) {
      showFieldErrors(form, result.fieldErrors);
      setError(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: hospitalsKey });
    if (initial) await queryClient.invalidateQueries({ queryKey: hospitalKey(initial.id) });
    message.success(initial ? `已保存 ${v.name}` : `已新增医院 ${v.name}`);
    onClose();
  }

  return (
    <Modal
      open
      title={initial ? `编辑医院：${initial.name}` : '新增医院'}
      okText="保存"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={initial ? { code: initial.code, name: initial.name, level: initial.level } : { level: 'level1' }}
      >
        <Form.Item
          label="医疗机构编码"
          name="code"
          normalize={(v: string) => v.toUpperCase().trim()}
          extra="H + 6 位地区代码（须为本统筹区的区县）+ 5 位流水号"
          rules={[
            { required: true, message: '请填写医疗机构编码' },
            {
              validator: (_, v: string) =>
                !v || isValidHospitalCode(v) ? Promise.resolve() : Promise.reject(new Error(CODE_MESSAGE)),
            },
          ]}
        >
          <Input autoComplete="off" placeholder="如 H37100300001" maxLength={12} />
        </Form.Item>
        <Form.Item
          label="医院名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写医院名称' },
            { max: 100, message: '医院名称不超过 100 字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="医院等级" name="level" rules={[{ required: true, message: '请选择医院等级' }]}>
          <Select aria-label="医院等级" options={LEVEL_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
