'use client';

import { ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { generateRosterAction } from '@/app/(portal)/subsidies/actions';
import { settleAction } from '@/lib/client/settle-action';
import { formatYuan } from '@/lib/domain/money';
import { subsidyKeys } from './BatchTypes';

/**
 * 生成花名册 / 重新生成: generates (or regenerates the open draft of) the year's roster for the
 * district or town, then opens the batch. When nobody is to be paid the server makes no batch: say so.
 */
export function RosterGenerateButton({
  year,
  districtCode,
  rangeText,
  regenerate = false,
  disabled = false,
}: {
  year: number;
  /** For users of the whole area: the district chosen; district and town staff prepare their own. */
  districtCode: string | undefined;
  /** Who the roster is for, e.g. 文登区 or 本镇（街）. */
  rangeText: string;
  regenerate?: boolean;
  disabled?: boolean;
}) {
  const { message, modal } = App.useApp();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function generate() {
    setBusy(true);
    const result = await settleAction(generateRosterAction({ year, districtCode }));
    setBusy(false);
    if (!result.ok) return void message.error(result.error);
    await queryClient.invalidateQueries({ queryKey: subsidyKeys.all });
    const { id, lines, amountFen, otherBatches } = result.data;
    const elsewhere = otherBatches > 0 ? `另有 ${otherBatches} 人已在其他未审批的批次中。` : '';
    if (id === null) {
      modal.info({
        title: '没有需要资助的人员',
        content: `${year} 年度${rangeText}没有需要列入花名册的人员：名单中的人员均已在审批通过的花名册中，或还没有导入该年度的名单。${elsewhere}`,
        okText: '知道了',
      });
      return;
    }
    message.success(
      `已${regenerate ? '重新' : ''}生成花名册：${lines} 条，合计 ${formatYuan(amountFen)} 元。${elsewhere}`,
    );
    router.push(`/subsidies/batches/${id}`);
  }

  return (
    <Popconfirm
      title={regenerate ? '重新生成花名册' : '生成花名册'}
      description={
        <div style={{ maxWidth: 340 }}>
          按 {year} 年度最新的名单和参保登记，为{rangeText}生成资助花名册。
          {regenerate ? '本批次的明细将被替换，并显示与上次生成的差异。' : '已有未提交的草稿时，将重新生成该草稿。'}
        </div>
      }
      okText={regenerate ? '重新生成' : '生成'}
      cancelText="取消"
      onConfirm={generate}
      disabled={disabled}
    >
      <Button
        type={regenerate ? 'default' : 'primary'}
        icon={regenerate ? <ReloadOutlined /> : <TeamOutlined />}
        loading={busy}
        disabled={disabled}
      >
        {regenerate ? '重新生成' : '生成花名册'}
      </Button>
    </Popconfirm>
  );
}
