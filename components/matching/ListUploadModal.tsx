'use client';

import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, InputNumber, Modal, Select, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { POVERTY_SOURCE_LABELS } from '@/lib/domain/list-row';
import { fetchLists } from './api';
import { HeaderMappingStep, type ManualHeader, type PreviewRows } from './HeaderMappingStep';
import { ImportProgress } from './ImportProgress';

interface Values {
  source: string;
  listDate: Dayjs;
  year: number;
  file: UploadFile[];
}

const ACCEPTED = /\.(xlsx|csv)$/i;
const SOURCE_OPTIONS = Object.entries(POVERTY_SOURCE_LABELS).map(([value, label]) => ({ value, label }));

/**
 * Uploads a list file (raw body) to the preview step; when its header is recognized the import
 * starts at once, otherwise the user maps the columns by hand first. Then follows the import.
 */
export function ListUploadModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<{ importId: number; knownListIds: Set<number> } | null>(null);
  // Set when the header was not recognized: the stored upload and its first rows, for manual mapping.
  const [pending, setPending] = useState<{ uploadId: string; preview: PreviewRows; values: Values; fileName: string } | null>(null);
  const [manual, setManual] = useState<ManualHeader | null>(null);

  async function postJson(url: string, body?: BodyInit) {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(json?.error ?? `上传失败（${res.status}）`);
    return json;
  }

  async function startImport(v: Values, uploadId: string, fileName: string, manualHeader: ManualHeader | null) {
    // Lists that exist before the import: a re-imported file answers with one of these.
    const knownListIds = new Set((await fetchLists()).map((l) => l.id));
    const qs = new URLSearchParams({ source: v.source, listDate: v.listDate.format('YYYY-MM-DD'), year: String(v.year), fileName, uploadId });
    if (manualHeader) qs.set('manualHeader', JSON.stringify(manualHeader));
    const body = await postJson(`/api/imports/lists?${qs}`);
    setJob({ importId: body.importId, knownListIds });
  }

  async function submit() {
    setError(null);
    if (pending) {
      if (manual?.mapping.name == null || manual.mapping.idNumber == null) return setError('请指定姓名列和身份证号列');
      setSubmitting(true);
      await startImport(pending.values, pending.uploadId, pending.fileName, manual)
        .catch((err: Error) => setError(err.message))
        .finally(() => setSubmitting(false));
      return;
    }
    const v = await form.validateFields();
    const file = v.file[0]?.originFileObj;
    if (!file) return;
    setSubmitting(true);
    try {
      const preview = await postJson(`/api/imports/preview?${new URLSearchParams({ fileName: file.name, kind: 'list' })}`, file);
      if (preview.preview.detected) await startImport(v, preview.uploadId, file.name, null);
      else setPending({ uploadId: preview.uploadId, preview: preview.preview, values: v, fileName: file.name });
    } catch (err) {
      setError((err as Error).message || '上传失败：网络错误');
    } finally {
      setSubmitting(false);
    }
  }

  const footer = job
    ? [<Button key="close" onClick={onClose}>关闭</Button>]
    : [
        <Button key="cancel" onClick={onClose}>取消</Button>,
        <Button key="ok" type="primary" loading={submitting} onClick={submit}>开始导入</Button>,
      ];

  return (
    <Modal open title="导入名单" onCancel={onClose} footer={footer} destroyOnHidden maskClosable={false} width={pending && !job ? 960 : 600}>
      {job ? (
        <ImportProgress importId={job.importId} knownListIds={job.knownListIds} />
      ) : pending ? (
        <>
          <HeaderMappingStep preview={pending.preview} value={manual} onChange={(v) => { setManual(v); setError(null); }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ listDate: dayjs(), year: dayjs().year(), file: [] }}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.listDate) form.setFieldValue('year', changed.listDate.year());
          }}
        >
          <Form.Item name="source" label="名单来源" rules={[{ required: true, message: '请选择名单来源' }]}>
            <Select aria-label="名单来源" placeholder="请选择报送名单的部门" options={SOURCE_OPTIONS} />
          </Form.Item>
          <Form.Item name="listDate" label="名单日期" rules={[{ required: true, message: '请选择名单日期' }]} extra="部门出具名单的日期；同一来源按日期先后做版本对比">
            <DatePicker aria-label="名单日期" style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item name="year" label="比对年度" rules={[{ required: true, message: '请填写比对年度' }]} extra="与该年度的参保登记比对">
            <InputNumber aria-label="比对年度" min={2015} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="file"
            label="名单文件"
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
            rules={[
              { required: true, type: 'array', min: 1, message: '请选择名单文件（.xlsx 或 .csv）' },
              { validator: (_, files: UploadFile[]) => (files?.[0] && !ACCEPTED.test(files[0].name) ? Promise.reject(new Error('只支持 .xlsx 或 .csv 文件')) : Promise.resolve()) },
            ]}
          >
            <Upload.Dragger accept=".xlsx,.csv" maxCount={1} beforeUpload={() => false}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖拽名单文件到此处</p>
              <p className="ant-upload-hint">支持 .xlsx、.csv；标题行、合计行、备注行会自动识别并跳过</p>
            </Upload.Dragger>
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      )}
    </Modal>
  );
}
