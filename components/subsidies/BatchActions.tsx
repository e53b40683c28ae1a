'use client';

import { CheckOutlined, DownloadOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { approveBatchAction, returnBatchAction, submitBatchAction } from '@/app/(portal)/subsidies/actions';
import { settleAction } from '@/lib/client/settle-action';
import { formatYuan } from '@/lib/domain/money';
import { subsidyKeys, type BatchJson } from './BatchTypes';
import { RosterGenerateButton } from './RosterGenerate';

interface Props {
  batch: BatchJson;
  rangeText: string;
  /** May regenerate and submit this batch (subsidy.prepare, and the batch is of the range the user prepares). */
  canPrepareThis: boolean;
  canSubmitThis: boolean;
  canApprove: boolean;
}

/** 重新生成 / 提交审批 (staff, draft or returned), 审批通过 / 退回 (supervisor, submitted); the server's refusals as messages. */
export function BatchActions({ batch, rangeText, canPrepareThis, canSubmitThis, canApprove }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'submit' | 'approve' | null>(null);
  const [returning, setReturning] = useState(false);
  const open = batch.status === 'draft' || batch.status === 'returned';
  const { fundFen, refundFen, additions } = batch.totals;

  async function run(kind: 'submit' | 'approve') {
    setBusy(kind);
    const result = await (kind === 'submit' ? submitBatchAction : approveBatchAction)({ id: batch.id });
    setBusy(null);
    await queryClient.invalidateQueries({ queryKey: subsidyKeys.all });
    if (!result.ok) return void message.error(result.error, 6);
    message.success(kind === 'submit' ? '已提交审批，等待负责人审批' : '已审批通过，批次已冻结');
  }

  const approveNote = [
    '审批通过后批次冻结，明细不能再修改（以后的变化以调整明细另行报批）。',
    fundFen > 0 && `本批从财政预拨资金支付 ${formatYuan(fundFen)} 元。`,
    refundFen > 0 && `已缴费的年中新增人员将生成退费记录（${formatYuan(refundFen)} 元）。`,
  ].filter(Boolean);

  return (
    <Space wrap>
      {canPrepareThis && open && (
        <RosterGenerateButton year={batch.year} districtCode={batch.districtCode} rangeText={rangeText} regenerate />
      )}
      {canSubmitThis && open && (
        <Popconfirm
          title="提交审批"
          description={`提交后由另一位负责人审批；审批前不能再重新生成。共 ${batch.totals.people} 人${additions ? `（年中新增 ${additions} 人）` : ''}。`}
          okText="提交"
          cancelText="取消"
          onConfirm={() => run('submit')}
        >
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'}>
            提交审批
          </Button>
        </Popconfirm>
      )}
      {canApprove && batch.status === 'submitted' && (
        <>
          <Popconfirm
            title="审批通过"
            description={<div style={{ maxWidth: 360 }}>{approveNote.join('')}</div>}
            okText="审批通过"
            cancelText="取消"
            onConfirm={() => run('approve')}
          >
            <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'}>
              审批通过
            </Button>
          </Popconfirm>
          <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
            退回
          </Button>
        </>
      )}
      {returning && <BatchReturnModal id={batch.id} onClose={() => setReturning(false)} />}
    </Space>
  );
}

/** 退回 with the approver's note (required): the staff see it on the batch and regenerate or resubmit. */
function BatchReturnModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const result = await settleAction(returnBatchAction({ id, note: v.note.trim() }));
    setSaving(false);
    await queryClient.invalidateQueries({ queryKey: subsidyKeys.all });
    if (!result.ok) return void message.error(result.error, 6);
    message.success('已退回经办人');
    onClose();
  }

  return (
    <Modal
      open
      title="退回批次"
      okText="退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          label="退回意见"
          name="note"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写退回意见（至少 2 个字）' }]}
          extra="经办人将看到该意见，核实后重新生成或再次提交"
        >
          <Input.TextArea aria-label="退回意见" rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Starts a file download (the response is an attachment: the page stays). */
function download(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.click();
}

/** 导出花名册 / 导出调整明细 (ID numbers masked); 导出税务缴费明细 (whole ID numbers, audited; staff only). */
export function BatchExports({ id, canTaxExport }: { id: number; canTaxExport: boolean }) {
  const base = `/api/subsidies/batches/${id}`;
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={`${base}/export`}>
        导出花名册
      </Button>
      <Button icon={<DownloadOutlined />} href={`${base}/export?part=adjustments`}>
        导出调整明细
      </Button>
      {canTaxExport && (
        <Popconfirm
          title="导出税务缴费明细"
          description={
            <div style={{ maxWidth: 340 }}>
              该文件含完整身份证号，仅供税务部门征收使用；导出操作将记入审计日志。请妥善保管，不得外传。
            </div>
          }
          okText="导出"
          cancelText="取消"
          onConfirm={() => download(`${base}/tax-export`)}
        >
          <Button icon={<DownloadOutlined />}>导出税务缴费明细</Button>
        </Popconfirm>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        花名册和调整明细中的身份证号已脱敏{canTaxExport ? '；税务缴费明细含完整身份证号，导出留痕审计' : ''}
      </Typography.Text>
    </Space>
  );
}
