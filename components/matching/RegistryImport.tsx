'use client';

import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  InputNumber,
  Space,
  Statistic,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import type { AlikeStop } from '@/lib/domain/import-stop';
import { fetchImportStatus, matchingKeys } from './api';
import { ImportPreviewStep } from './ImportPreviewStep';
import type { ImportStatus } from './types';
import { postImport, useImportPreview } from './useImportPreview';

const STATUS_TAGS: Record<ImportStatus['status'], { color: string; label: string }> = {
  running: { color: 'processing', label: '导入中' },
  completed: { color: 'success', label: '已完成' },
  failed: { color: 'error', label: '失败' },
};

const thisYear = new Date().getFullYear();

/**
 * Import of the national platform's registry export: choose the file → 上传并预览 (stored on the
 * server, nothing written) → check and confirm the columns → 确认导入 → progress and summary. An
 * import that stopped because rows failed alike returns to the preview of the same upload.
 */
export function RegistryImport() {
  const [file, setFile] = useState<UploadFile | null>(null);
  const [defaultYear, setDefaultYear] = useState<number | null>(null);
  const preview = useImportPreview('registry', { defaultYear: defaultYear ? String(defaultYear) : undefined });
  const [importId, setImportId] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const { data: status, error } = useQuery({
    queryKey: matchingKeys.importStatus(importId ?? 0),
    queryFn: () => fetchImportStatus(importId!),
    enabled: importId != null,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 1000),
    staleTime: 0,
  });

  const running = importId != null && (!status || status.status === 'running') && !error;
  const failed = importId != null && status?.status === 'failed';
  const stop = failed ? ((status.problem as AlikeStop | null) ?? null) : null;
  /** The preview is shown until an import of it runs; again when one failed (the upload is kept). */
  const showPreview = preview.answer != null && (importId == null || failed);

  function pick(next: UploadFile | null) {
    setFile(next);
    setImportId(null);
    setStartError(null);
    preview.reset();
  }

  async function upload() {
    const raw = file?.originFileObj;
    if (!raw) return;
    setImportId(null);
    setStartError(null);
    setUploading(true);
    await preview.upload(raw);
    setUploading(false);
  }

  async function confirm() {
    const header = preview.ready;
    if (!header || !preview.answer) return;
    setStarting(true);
    setStartError(null);
    try {
      const { importId: id } = await postImport('/api/imports/registry', {
        uploadId: preview.answer.uploadId,
        header: JSON.stringify(header),
        defaultYear: defaultYear ? String(defaultYear) : undefined,
      });
      setImportId(id);
    } catch (err) {
      setStartError((err as Error).message);
    } finally {
      setStarting(false);
    }
  }

  const tag = status ? STATUS_TAGS[status.status] : null;
  const completed = importId != null && status?.status === 'completed';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="导入参保登记数据">
        <Typography.Paragraph type="secondary">
          从国家医保信息平台导出的参保人员数据（.xlsx 或 .csv）。必需列：姓名、身份证号码（公民身份号码）、险种类型（390
          城乡居民 / 310 职工）、年度；
          可选列：乡镇（街道）、村（居）、户号、与户主关系、缴费档次、缴费金额（元）、缴费日期、参保状态。上传后先显示预览：系统识别的表头和各列对应的字段、
          需要您确认的列，以及前 20
          行导入后的样子；您确认后才开始导入。有误的行逐行列出原因，不会写入。同一文件重复导入不会产生任何变化；较新的导出只更新有变化的记录。
        </Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <Form.Item label="文件" required>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [file] : []}
              beforeUpload={() => false}
              onChange={({ fileList }) => pick(fileList.at(-1) ?? null)}
              onRemove={() => pick(null)}
              disabled={preview.busy || running || starting}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖拽文件到此处</p>
              <p className="ant-upload-hint">支持 .xlsx、.csv，最大 200 MB（约 100 万行）</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item
            label="默认年度"
            extra="只填补“年度”为空的单元格（文件没有年度列时即所有行）；文件中已有的年度一律以文件为准，默认年度不会代替文件中的年度列。"
          >
            <InputNumber
              aria-label="默认年度"
              min={2000}
              max={2100}
              precision={0}
              placeholder={String(thisYear)}
              value={defaultYear}
              onChange={(v) => setDefaultYear(v)}
              disabled={running || starting}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Button
            type={preview.answer ? 'default' : 'primary'}
            onClick={upload}
            loading={uploading}
            disabled={!file || running || starting || (preview.busy && !uploading)}
          >
            {preview.answer ? '重新上传并预览' : '上传并预览'}
          </Button>
          {!preview.answer && preview.error && (
            <Alert type="error" showIcon title={preview.error} style={{ marginTop: 16 }} />
          )}
        </Form>
      </Card>

      {showPreview && (
        <Card title="导入预览：核对表头和各列对应的字段">
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ImportPreviewStep state={preview} stop={stop} />
            {failed && !stop && (
              <Alert
                type="error"
                showIcon
                title="上次导入失败"
                description={status.message ?? '导入失败，未写入任何数据'}
              />
            )}
            {startError && <Alert type="error" showIcon title={startError} />}
            <Space>
              <Button type="primary" onClick={confirm} loading={starting} disabled={!preview.ready || preview.busy}>
                确认导入
              </Button>
              <Button onClick={() => pick(null)} disabled={starting}>
                取消
              </Button>
            </Space>
          </Space>
        </Card>
      )}

      {importId != null && !failed && (
        <Card
          title={
            <Space>
              <span>导入进度</span>
              {tag && <Tag color={tag.color}>{tag.label}</Tag>}
            </Space>
          }
        >
          {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
          {status && (
            <>
              <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
                <Descriptions.Item label="文件">{status.fileName}</Descriptions.Item>
                <Descriptions.Item label="导入编号">{status.id}</Descriptions.Item>
              </Descriptions>
              <Space size="large" wrap>
                <Statistic title="已处理行数" value={status.rowsDone} />
                <Statistic
                  title="拒收行数"
                  value={status.rowsRejected}
                  styles={{ content: status.rowsRejected ? { color: '#cf1322' } : undefined }}
                />
                <Statistic title="跳过行数" value={status.rowsSkipped} />
              </Space>
              {status.status === 'running' && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                  正在读取并校验文件，完成后一次性写入登记库（全部成功或全部不写入）…
                </Typography.Paragraph>
              )}
              {completed && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginTop: 16 }}
                  title="导入完成"
                  description={status.message}
                />
              )}
              {completed && status.rowsRejected + status.rowsSkipped > 0 && (
                <Typography.Paragraph style={{ marginTop: 16 }}>
                  <a href={`/api/imports/${status.id}/errors`} download>
                    下载错误报告（拒收与跳过的行及原因）
                  </a>
                </Typography.Paragraph>
              )}
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
