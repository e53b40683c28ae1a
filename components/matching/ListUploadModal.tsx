'use client';

import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, InputNumber, Modal, Select, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AlikeStop } from '@/lib/domain/import-stop';
import { POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { fetchImportStatus, fetchLists, matchingKeys } from './api';
import { ImportPreviewStep } from './ImportPreviewStep';
import { ImportProgress } from './ImportProgress';
import { postImport, useImportPreview } from './useImportPreview';

interface Values {
  source: string;
  listDate: Dayjs;
  year: number;
  file: UploadFile[];
}

const ACCEPTED = /\.(xlsx|csv)$/i;
const SOURCE_OPTIONS = Object.entries(POVERTY_SOURCE_LABELS).map(([value, label]) => ({ value, label }));

/**
 * Uploads a list file to the preview (stored on the server, nothing written); the user checks the
 * header and the columns and confirms; then the import and its progress. An import that stopped
 * because rows failed alike returns to the preview of the same upload.
 */
export function ListUploadModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  /** The form's values the preview was made for (source, date, year). */
  const [values, setValues] = useState<Values | null>(null);
  const preview = useImportPreview('list', { source: values?.source });
  const [stage, setStage] = useState<'form' | 'preview' | 'job'>('form');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<{ importId: number; knownListIds: Set<number> } | null>(null);

  // The same query ImportProgress polls: a stopped import sends the user back to the preview.
  const { data: status } = useQuery({
    queryKey: matchingKeys.importStatus(job?.importId ?? 0),
    queryFn: () => fetchImportStatus(job!.importId),
    enabled: job != null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 700),
    staleTime: 0,
  });
  const stop = job && status?.status === 'failed' ? ((status.problem as AlikeStop | null) ?? null) : null;
  const shown = stage === 'job' && stop ? 'preview' : stage;

  async function uploadAndPreview() {
    setError(null);
    const v = await form.validateFields();
    const file = v.file[0]?.originFileObj;
    if (!file) return;
    setValues(v);
    setJob(null);
    setSubmitting(true);
    const ok = await preview.upload(file, { source: v.source });
    setSubmitting(false);
    if (ok) setStage('preview');
  }

  async function confirm() {
    const header = preview.ready;
    if (!header || !preview.answer || !values) return;
    setError(null);
    setSubmitting(true);
    try {
      // Lists that exist before the import: a re-imported file answers with one of these.
      const knownListIds = new Set((await fetchLists()).map((l) => l.id));
      const { importId } = await postImport('/api/imports/lists', {
        uploadId: preview.answer.uploadId,
        header: JSON.stringify(header),
        source: values.source,
        listDate: values.listDate.format('YYYY-MM-DD'),
        year: String(values.year),
      });
      setJob({ importId, knownListIds });
      setStage('job');
    } catch (err) {
      setError((err as Error).message || '导入失败：网络错误');
    } finally {
      setSubmitting(false);
    }
  }

  function back() {
    preview.reset();
    setJob(null);
    setError(null);
    setStage('form');
  }

  const footer =
    shown === 'job'
      ? [
          status?.status === 'failed' && (
            <Button key="back" onClick={() => setStage('preview')}>
              返回预览
            </Button>
          ),
          <Button key="close" onClick={onClose}>
            关闭
          </Button>,
        ]
      : shown === 'preview'
        ? [
            <Button key="back" onClick={back} disabled={submitting}>
              上一步
            </Button>,
            <Button key="cancel" onClick={onClose}>
              取消
            </Button>,
            <Button
              key="ok"
              type="primary"
              loading={submitting}
              disabled={!preview.ready || preview.busy}
              onClick={confirm}
            >
              确认导入
            </Button>,
          ]
        : [
            <Button key="cancel" onClick={onClose}>
              取消
            </Button>,
            <Button key="ok" type="primary" loading={submitting} onClick={uploadAndPreview}>
              上传并预览
            </Button>,
          ];

  return (
    <Modal
      open
      title="导入名单"
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
      maskClosable={false}
      width={shown === 'preview' ? 1100 : 600}
      style={shown === 'preview' ? { top: 24 } : undefined}
    >
      {shown === 'job' && job && <ImportProgress importId={job.importId} knownListIds={job.knownListIds} />}
      {shown === 'preview' && (
        <>
          <ImportPreviewStep state={preview} stop={stop} />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        style={shown === 'form' ? undefined : { display: 'none' }}
        initialValues={{ listDate: dayjs(), year: dayjs().year(), file: [] }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.listDate) form.setFieldValue('year', changed.listDate.year());
        }}
      >
        <Form.Item name="source" label="名单来源" rules={[{ required: true, message: '请选择名单来源' }]}>
          <Select aria-label="名单来源" placeholder="请选择报送名单的部门" options={SOURCE_OPTIONS} />
        </Form.Item>
        <Form.Item
          name="listDate"
          label="名单日期"
          rules={[{ required: true, message: '请选择名单日期' }]}
          extra="部门出具名单的日期；同一来源按日期先后做版本对比"
        >
          <DatePicker aria-label="名单日期" style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="year"
          label="比对年度"
          rules={[{ required: true, message: '请填写比对年度' }]}
          extra="与该年度的参保登记比对"
        >
          <InputNumber aria-label="比对年度" min={2015} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="file"
          label="名单文件"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            { required: true, type: 'array', min: 1, message: '请选择名单文件（.xlsx 或 .csv）' },
            {
              validator: (_, files: UploadFile[]) =>
                files?.[0] && !ACCEPTED.test(files[0].name)
                  ? Promise.reject(new Error('只支持 .xlsx 或 .csv 文件'))
                  : Promise.resolve(),
            },
          ]}
          extra="上传后先显示预览：识别的表头、各列对应的字段和前 20 行导入后的样子，您确认后才导入。"
        >
          <Upload.Dragger accept=".xlsx,.csv" maxCount={1} beforeUpload={() => false}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽名单文件到此处</p>
            <p className="ant-upload-hint">支持 .xlsx、.csv；标题行、合计行、备注行会自动识别并跳过</p>
          </Upload.Dragger>
        </Form.Item>
        {preview.error && shown === 'form' && <Alert type="error" showIcon title={preview.error} />}
      </Form>
    </Modal>
  );
}
