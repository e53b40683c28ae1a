'use client';

import { Alert, App, Button, Card, Form, Input } from 'antd';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { changeOwnPasswordAction } from '@/app/account/password/actions';
import { PasswordFields } from '@/components/admin/PasswordFields';
import { showFieldErrors } from '@/components/admin/UserForm';
import { settleAction } from '@/lib/client/settle-action';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * The signed-in user changes their own password. The change ends every session of the account,
 * this one too, so the form signs in again with the new password.
 */
export function ChangePasswordForm({ username, forced }: { username: string; forced: boolean }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const router = useRouter();
  const [saving, setSaving] = useState(false);

  async function submit(v: Values) {
    setSaving(true);
    const result = await settleAction(
      changeOwnPasswordAction({ oldPassword: v.oldPassword, newPassword: v.newPassword }),
    );
    if (!result.ok) {
      setSaving(false);
      if (result.error === '原密码不正确') form.setFields([{ name: 'oldPassword', errors: [result.error] }]);
      showFieldErrors(form, result.fieldErrors);
      message.error(result.error);
      return;
    }
    const again = await signIn('credentials', { username, password: v.newPassword, redirect: false });
    setSaving(false);
    if (!again || again.error) {
      message.success('密码已修改，请用新密码重新登录');
      router.replace('/login');
      return;
    }
    message.success('密码已修改');
    router.replace('/');
    router.refresh();
  }

  return (
    <Card title="修改密码" style={{ maxWidth: 480 }}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title="您的密码是管理员重置的密码或初始密码，请先设置新密码；修改前不能使用其他功能。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请填写原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <PasswordFields name="newPassword" label="新密码" />
        <Button type="primary" htmlType="submit" loading={saving}>
          确认修改
        </Button>
      </Form>
    </Card>
  );
}
