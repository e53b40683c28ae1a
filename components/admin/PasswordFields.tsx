'use client';

import { Form, Input } from 'antd';

/** A password and its confirmation, for a form whose password field is `name`. */
export function PasswordFields({ name, label }: { name: string; label: string }) {
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        extra="至少 8 位，须同时包含字母和数字"
        rules={[{ required: true, message: `请填写${label}` }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={`确认${label.replace(/^初始/, '')}`}
        name="confirm"
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次填写${label.replace(/^初始/, '')}` },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error('两次填写的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
