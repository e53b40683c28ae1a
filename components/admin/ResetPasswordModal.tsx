'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { resetPasswordAction } from '@/app/(portal)/admin/users/actions';
import { settleAction } from '@/lib/client/settle-action';
import { showFieldErrors } from './UserForm';
import type { UserRow } from './UserList';
import { PasswordFields } from './PasswordFields';

interface Values {
  newPassword: string;
  confirm: string;
}

/** Sets a new password for a user; this also unlocks a locked account. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    const result = await settleAction(resetPasswordAction({ id: user.id, newPassword: v.newPassword }));
    setSaving(false);
    if (!result.ok) {
      showFieldErrors(form, result.fieldErrors);
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    message.success(`已重置用户 ${user.username} 的密码`);
    onClose();
  }

  return (
    <Modal
      open
      title={`重置密码：${user.username}（${user.displayName}）`}
      okText="重置"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title="重置后账户的锁定状态一并解除，该用户已登录的会话全部失效，下次登录须先修改密码。请将新密码当面或通过安全渠道告知本人。"
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical">
        <PasswordFields name="newPassword" label="新密码" />
      </Form>
    </Modal>
  );
}
