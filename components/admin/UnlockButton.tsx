'use client';

import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { unlockUserAction } from '@/app/(portal)/admin/users/actions';
import { settleAction } from '@/lib/client/settle-action';

/** 解除锁定, shown while an account is locked: lets it in again now, the password unchanged. */
export function UnlockButton({ user }: { user: { id: number; username: string; lockedUntil: string | null } }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!user.lockedUntil || !dayjs(user.lockedUntil).isAfter(dayjs())) return null;

  async function unlock() {
    setBusy(true);
    const result = await settleAction(unlockUserAction({ id: user.id }));
    setBusy(false);
    if (!result.ok) {
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    message.success(`已解除用户 ${user.username} 的锁定`);
  }

  return (
    <Popconfirm
      title={`解除用户 ${user.username} 的锁定？`}
      description="密码不变，本人可立即重新登录"
      okText="解除锁定"
      onConfirm={unlock}
    >
      <Button type="link" size="small" loading={busy}>
        解除锁定
      </Button>
    </Popconfirm>
  );
}
