'use client';

import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { revealIdNumberAction } from '@/app/(portal)/persons/actions';
import { settleAction } from '@/lib/client/settle-action';

/**
 * Shows the masked number; "显示完整号码" fetches the whole number (and the whole birth date,
 * handed to `onRevealed`) through a logged action.
 */
export function RevealIdButton({
  personId,
  maskedId,
  allowed,
  onRevealed,
}: {
  personId: number;
  maskedId: string;
  allowed: boolean;
  onRevealed?: (revealed: { idNumber: string; birthDate: string }) => void;
}) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  async function reveal() {
    setLoading(true);
    const result = await settleAction(revealIdNumberAction({ id: personId }));
    setLoading(false);
    if (result.ok) {
      setFull(result.data.idNumber);
      onRevealed?.(result.data);
    } else message.error(result.error);
  }
  return (
    <Space>
      <span style={{ fontFamily: 'monospace' }} data-testid="person-id-number">
        {full ?? maskedId}
      </span>
      {allowed && !full && (
        <Button size="small" type="link" icon={<EyeOutlined />} loading={loading} onClick={reveal}>
          显示完整号码
        </Button>
      )}
    </Space>
  );
}
