'use client';

import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import { assignCasesAction, updateCaseAction } from '@/app/(portal)/matching/actions';
import { CASE_CLOSE_REASON_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS } from '@/lib/case-labels';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { PERSON_CATEGORIES, POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { labelOf } from '@/lib/labels';
import { CaseCloseSection } from './CaseCloseSection';
import { CaseEvidence } from './CaseEvidence';
import { caseKey, type CaseDetailJson } from './types';
import { useCaseRefresh } from './use-case-refresh';

interface Props {
  caseId: number;
  canWork: boolean;
  onClose: () => void;
}

type ListEntry = CaseDetailJson['lists'][number];

/** One case: who, where, due date and note, assignee, the lists that named the person, evidence, close / reopen. */
export function CaseDrawer({ caseId, canWork, onClose }: Props) {
  const { data, error, isLoading } = useQuery({
    queryKey: caseKey(caseId),
    queryFn: () => fetchJson<CaseDetailJson>(`/api/cases/${caseId}`),
  });
  return (
    <Drawer open size={760} title={`销号任务 #${caseId}`} onClose={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {isLoading && <Skeleton active />}
      {data && <CaseDetail detail={data} canWork={canWork} />}
    </Drawer>
  );
}

function CaseDetail({ detail, canWork }: { detail: CaseDetailJson; canWork: boolean }) {
  const { case: c, person, townName, evidence, lists, staff } = detail;
  const open = c.status === 'open';
  const overdue = open && c.dueDate < dayjs().format('YYYY-MM-DD');
  const assignee = staff.find((s) => s.id === c.assigneeId);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="人员">
          <Link href={`/persons/${person.id}`}>{person.name}</Link>{' '}
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
            {person.maskedId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="镇街">{townName}</Descriptions.Item>
        <Descriptions.Item label="类型">
          {c.year}年 · {labelOf(CASE_KIND_LABELS, c.kind)}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={open ? 'orange' : 'green'} data-testid="case-status">
            {labelOf(CASE_STATUS_LABELS, c.status)}
          </Tag>
          {c.closeReason && labelOf(CASE_CLOSE_REASON_LABELS, c.closeReason)}
        </Descriptions.Item>
        <Descriptions.Item label="到期日">
          {c.dueDate} {overdue && <Tag color="red">逾期</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="经办人">
          {assignee?.displayName ?? (c.assigneeId ? `用户 #${c.assigneeId}` : '未分派')}
        </Descriptions.Item>
        {c.closedAt && (
          <Descriptions.Item label="销号时间">{dayjs(c.closedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        )}
        {c.closeNote && <Descriptions.Item label="销号说明">{c.closeNote}</Descriptions.Item>}
        <Descriptions.Item label="备注" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.note || '—'}</span>
        </Descriptions.Item>
      </Descriptions>

      {canWork && open && <CaseEditCard detail={detail} />}

      <Card size="small" title="名单记录">
        <Table<ListEntry>
          rowKey={(r) => `${r.listId}-${r.rowNo}`}
          size="small"
          pagination={false}
          dataSource={lists}
          locale={{ emptyText: '没有名单记录' }}
          columns={[
            { title: '名单来源', dataIndex: 'source', render: (v) => labelOf(POVERTY_SOURCE_LABELS, v) },
            { title: '名单日期', dataIndex: 'listDate' },
            { title: '人员类别', dataIndex: 'category', render: (v) => labelOf(PERSON_CATEGORIES, v) || '—' },
          ]}
        />
      </Card>

      <CaseEvidence caseId={c.id} evidence={evidence} canUpload={canWork && open} />
      {canWork && <CaseCloseSection caseId={c.id} open={open} hasEvidence={evidence.length > 0} />}
    </Space>
  );
}

interface EditValues {
  dueDate: Dayjs;
  note?: string;
}

/** Due date and note (updateCaseAction); assignee (assignCasesAction, staff of the case's town). */
function CaseEditCard({ detail }: { detail: CaseDetailJson }) {
  const { case: c, staff } = detail;
  const { message } = App.useApp();
  const refresh = useCaseRefresh(c.id);
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [assigneeId, setAssigneeId] = useState<number | undefined>(c.assigneeId ?? undefined);

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const result = await settleAction(
      updateCaseAction({ id: c.id, dueDate: v.dueDate.format('YYYY-MM-DD'), note: v.note ?? '' }),
    );
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    await refresh();
    message.success('已保存');
  }

  async function assign() {
    if (!assigneeId) return void message.error('请选择经办人');
    setSaving(true);
    const result = await settleAction(assignCasesAction({ ids: [c.id], assigneeId }));
    setSaving(false);
    if (!result.ok) return void message.error(result.error);
    await refresh();
    message.success('已分派');
  }

  return (
    <Card size="small" title="任务处理">
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{ dueDate: dayjs(c.dueDate), note: c.note ?? '' }}
        key={`${c.dueDate}|${c.note}`}
      >
        <Space align="start" wrap>
          <Form.Item label="到期日" name="dueDate" rules={[{ required: true, message: '请选择到期日' }]}>
            <DatePicker aria-label="到期日" allowClear={false} />
          </Form.Item>
          <Form.Item label="经办人">
            <Space.Compact>
              <Select
                aria-label="经办人"
                style={{ width: 200 }}
                placeholder="请选择经办人"
                value={assigneeId}
                onChange={setAssigneeId}
                options={staff.map((s) => ({
                  value: s.id,
                  label: s.townCode ? s.displayName : `${s.displayName}（全区）`,
                }))}
                notFoundContent="该镇街没有可分派的经办人员"
              />
              <Button onClick={assign} loading={saving} disabled={!assigneeId || assigneeId === c.assigneeId}>
                分派
              </Button>
            </Space.Compact>
          </Form.Item>
        </Space>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '备注不超过 500 字' }]}>
          <Input.TextArea aria-label="备注" rows={2} maxLength={500} showCount />
        </Form.Item>
        <Button type="primary" onClick={save} loading={saving}>
          保存到期日和备注
        </Button>
      </Form>
    </Card>
  );
}
