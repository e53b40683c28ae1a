'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, type FormInstance } from 'antd';
import { useState } from 'react';
import { createUserAction, updateUserAction } from '@/app/(portal)/admin/users/actions';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/lib/auth/types';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import type { UserRow } from './UserList';
import { PasswordFields } from './PasswordFields';

interface Options {
  districts: { code: string; name: string }[];
  towns: { code: string; name: string; districtCode: string }[];
  hospitals: { id: number; name: string }[];
}

interface Values {
  username: string;
  displayName: string;
  password?: string;
  confirm?: string;
  role: Role;
  districtCode?: string;
  townCode?: string;
  hospitalId?: number;
}

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

/** Puts the server's per-field messages next to the fields they belong to. */
export function showFieldErrors(form: FormInstance, fieldErrors: Record<string, string[]> | undefined) {
  if (!fieldErrors) return;
  const known = new Set(Object.keys(form.getFieldsValue()));
  form.setFields(
    Object.entries(fieldErrors)
      .filter(([name]) => known.has(name))
      .map(([name, errors]) => ({ name, errors })),
  );
}

/** Creates a user, or edits one (the username is fixed once created; passwords are reset separately). */
export function UserForm({
  initial,
  isSelf,
  onClose,
}: {
  initial: UserRow | null;
  isSelf: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const districtCode = Form.useWatch('districtCode', form);
  const options = useQuery({
    queryKey: ['user-options'],
    queryFn: () => fetchJson<Options>('/api/users/options'),
    staleTime: 5 * 60_000,
  });

  async function submit() {
    const v = await form.validateFields();
    const scope = {
      role: v.role,
      districtCode: v.role === 'agency_staff' ? (v.districtCode ?? null) : null,
      townCode: v.role === 'agency_staff' ? (v.townCode ?? null) : null,
      hospitalId: v.role === 'hospital_staff' ? (v.hospitalId ?? null) : null,
    };
    setSaving(true);
    const result = initial
      ? await settleAction(updateUserAction({ id: initial.id, displayName: v.displayName, ...scope }))
      : await settleAction(
          createUserAction({ username: v.username, displayName: v.displayName, password: v.password, ...scope }),
        );
    setSaving(false);
    if (!result.ok) {
      showFieldErrors(form, result.fieldErrors);
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    message.success(initial ? `已保存用户 ${initial.username}` : `已新建用户 ${v.username}`);
    onClose();
  }

  const towns = (options.data?.towns ?? []).filter((t) => t.districtCode === districtCode);

  return (
    <Modal
      open
      title={initial ? `编辑用户：${initial.username}` : '新建用户'}
      okText="保存"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {options.error && (
        <Alert type="error" showIcon title={(options.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          initial
            ? {
                username: initial.username,
                displayName: initial.displayName,
                role: initial.role,
                districtCode: initial.districtCode ?? undefined,
                townCode: initial.townCode ?? undefined,
                hospitalId: initial.hospitalId ?? undefined,
              }
            : { role: 'agency_staff' }
        }
        onValuesChange={(changed: Partial<Values>) => {
          if ('districtCode' in changed) form.setFieldValue('townCode', undefined);
        }}
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[
            { required: true, message: '请填写用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,30}$/, message: '用户名为 3-30 位字母、数字或 _ . -' },
          ]}
        >
          <Input disabled={!!initial} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { max: 50, message: '姓名不超过 50 字' },
          ]}
        >
          <Input />
        </Form.Item>
        {!initial && (
          <>
            <PasswordFields name="password" label="初始密码" />
          </>
        )}
        <Form.Item
          label="角色"
          name="role"
          rules={[{ required: true, message: '请选择角色' }]}
          extra={isSelf ? '不能取消自己的系统管理员角色' : undefined}
        >
          <Select options={ROLE_OPTIONS} disabled={isSelf} />
        </Form.Item>
        {role === 'agency_staff' && (
          <>
            <Form.Item
              label="所属区县"
              name="districtCode"
              rules={[{ required: true, message: '经办人员须选择所属区县' }]}
            >
              <Select
                loading={options.isLoading}
                options={(options.data?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))}
              />
            </Form.Item>
            <Form.Item label="所属镇街" name="townCode" extra="不选则可查看整个区县">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={districtCode ? '全区县' : '请先选择区县'}
                disabled={!districtCode}
                loading={options.isLoading}
                options={towns.map((t) => ({ value: t.code, label: t.name }))}
              />
            </Form.Item>
          </>
        )}
        {role === 'hospital_staff' && (
          <Form.Item label="所属医院" name="hospitalId" rules={[{ required: true, message: '请选择所属医院' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={options.isLoading}
              options={(options.data?.hospitals ?? []).map((h) => ({ value: h.id, label: h.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
