'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { assignCasesAction } from '@/app/(portal)/matching/actions';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { caseKey, type StaffOption } from './types';

interface Props {
  caseIds: number[];
  /** The one town all the cases belong to; its assignable staff are offered. */
  townCode: string;
  onClose: () => void;
  onDone: () => void;
}

/** 批量分派: picks one staff member of the cases' town (or of its whole district) for all selected cases. */
export function CaseAssignModal({ caseIds, townCode, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [assigneeId, setAssigneeId] = useState<number>();
  const [saving, setSaving] = useState(false);
  const {
    data: staff,
    isFetching,
    error,
  } = useQuery({
    queryKey: ['case-staff', townCode],
    queryFn: () => fetchJson<StaffOption[]>(`/api/cases/staff?townCode=${townCode}`),
  });

  async function submit() {
    if (!assigneeId) {
      message.error('请选择经办人');
      return;
    }
    setSaving(true);
    const result = await settleAction(assignCasesAction({ ids: caseIds, assigneeId }));
    setSaving(false);
    if (!result.ok) {
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
    for (const id of caseIds) await queryClient.invalidateQueries({ queryKey: caseKey(id) });
    message.success(`已分派 ${result.data.assigned} 条任务`);
    onDone();
  }

  return (
    <Modal
      open
      title={`批量分派（${caseIds.length} 条任务）`}
      okText="分派"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label="经办人" required extra="只能分派给该镇街或全区的经办人员">
          <Select
            aria-label="经办人"
            showSearch={{ optionFilterProp: 'label' }}
            loading={isFetching}
            placeholder="请选择经办人"
            value={assigneeId}
            onChange={setAssigneeId}
            options={(staff ?? []).map((s) => ({
              value: s.id,
              label: s.townCode ? s.displayName : `${s.displayName}（全区）`,
            }))}
            notFoundContent={isFetching ? '加载中…' : '该镇街没有可分派的经办人员'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
