'use client';

import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Space, Statistic, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';

interface ImportStatus {
  id: number;
  fileName: string;
  status: 'running' | 'completed' | 'failed';
  rowsDone: number;
  rowsRejected: number;
  rowsSkipped: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const STATUS_TAGS: Record<ImportStatus['status'], { color: string; label: string }> = {
  running: { color: 'processing', label: '导入中' },
  completed: { color: 'success', label: '已完成' },
  failed: { color: 'error', label: '失败' },
};

const thisYear = new Date().getFullYear();

/** Upload of the national platform's registry export, then its progress and summary. */
export function RegistryImport() {
  const { message } = App.useApp();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [defaultYear, setDefaultYear] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const [importId, setImportId] = useState<number | null>(null);

  const { data: status, error } = useQuery({
    queryKey: ['imports', importId],
    queryFn: () => fetchJson<ImportStatus>(`/api/imports/${importId}`),
    enabled: importId != null,
    refetchInterval: (query) => (query.state.data?.status === 'completed' || query.state.data?.status === 'failed' ? false : 1000),
    staleTime: 0,
  });

  async function start() {
    const raw = file?.originFileObj;
    if (!raw) {
      message.warning('请先选择要导入的文件');
      return;
    }
    setUploading(true);
    try {
      const params = new URLSearchParams({ fileName: raw.name });
      if (defaultYear) params.set('defaultYear', String(defaultYear));
      const res = await fetch(`/api/imports/registry?${params}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: raw,
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        message.error(body?.error ?? `上传失败（${res.status}）`);
        return;
      }
      setImportId(body.importId);
      setFile(null);
    } catch {
      message.error('文件上传中断，请重试');
    } finally {
      setUploading(false);
    }
  }

  const running = status?.status === 'running' || (importId != null && !status && !error);
  const tag = status ? STATUS_TAGS[status.status] : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="导入参保登记数据">
        <Typography.Paragraph type="secondary">
          从国家医保信息平台导出的参保人员数据（.xlsx 或 .csv）。必需列：姓名、身份证号码（公民身份号码）、险种类型（390 城乡居民 / 310 职工）、年度；
          可选列：乡镇（街道）、村（居）、户号、与户主关系、缴费档次、缴费金额（元）、缴费日期、参保状态。系统自动识别表头所在行；
          有误的行逐行列出原因，不会写入。同一文件重复导入不会产生任何变化；较新的导出只更新有变化的记录。
        </Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label="文件" required>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [file] : []}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFile(fileList.at(-1) ?? null)}
              onRemove={() => setFile(null)}
              disabled={uploading || running}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖拽文件到此处</p>
              <p className="ant-upload-hint">支持 .xlsx、.csv，最大 200 MB（约 100 万行）</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item label="默认年度" extra="文件没有“年度”列，或某些行年度为空时使用">
            <InputNumber
              aria-label="默认年度"
              min={2000}
              max={2100}
              precision={0}
              placeholder={String(thisYear)}
              value={defaultYear}
              onChange={(v) => setDefaultYear(v)}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Button type="primary" onClick={start} loading={uploading} disabled={!file || running}>
            开始导入
          </Button>
        </Form>
      </Card>

      {importId != null && (
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
                <Statistic title="拒收行数" value={status.rowsRejected} styles={{ content: status.rowsRejected ? { color: '#cf1322' } : undefined }} />
                <Statistic title="跳过行数" value={status.rowsSkipped} />
              </Space>
              {status.status === 'running' && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                  正在读取并校验文件，完成后一次性写入登记库（全部成功或全部不写入）…
                </Typography.Paragraph>
              )}
              {status.status === 'completed' && <Alert type="success" showIcon style={{ marginTop: 16 }} title="导入完成" description={status.message} />}
              {status.status === 'failed' && <Alert type="error" showIcon style={{ marginTop: 16 }} title="导入失败" description={status.message} />}
              {status.status === 'completed' && status.rowsRejected + status.rowsSkipped > 0 && (
                <Typography.Paragraph style={{ marginTop: 16 }}>
                  <a href={`/api/imports/${status.id}/errors`}>下载错误报告（拒收与跳过的行及原因）</a>
                </Typography.Paragraph>
              )}
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
