'use client';

import { InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Statistic, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { fetchImportStatus, matchingKeys } from '@/components/matching/api';
import { ImportPreviewStep } from '@/components/matching/ImportPreviewStep';
import { postImport, useImportPreview } from '@/components/matching/useImportPreview';
import type { AlikeStop } from '@/lib/domain/import-stop';
import { assistanceKey } from './types';

const NO_PARAMS = {};
const STATUS_TAGS = {
  running: { color: 'processing', label: '导入中' },
  completed: { color: 'success', label: '已完成' },
  failed: { color: 'error', label: '失败' },
} as const;

/**
 * 导入结算数据: the settlement export (SETL_D) → 上传并预览 (stored, nothing written) → check and
 * confirm the columns → 确认导入 → progress and summary with the error report. A stop (rows failing
 * alike) returns to the preview of the same upload, the reason beside the column mapping.
 */
export function AssistanceImport({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<UploadFile | null>(null);
  const preview = useImportPreview('assistance', NO_PARAMS);
  const [importId, setImportId] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const { data: status, error } = useQuery({
    queryKey: matchingKeys.importStatus(importId ?? 0),
    queryFn: () => fetchImportStatus(importId!),
    enabled: importId != null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
    staleTime: 0,
  });
  const running = importId != null && (!status || status.status === 'running') && !error;
  const failed = importId != null && status?.status === 'failed';
  const completed = importId != null && status?.status === 'completed';
  const stop = failed ? ((status.problem as AlikeStop | null) ?? null) : null;
  const showPreview = preview.answer != null && (importId == null || failed);
  useEffect(() => {
    if (completed) void queryClient.invalidateQueries({ queryKey: assistanceKey });
  }, [completed, queryClient]);

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
    if (!preview.ready || !preview.answer) return;
    setStarting(true);
    setStartError(null);
    try {
      const { importId: id } = await postImport('/api/imports/assistance', {
        uploadId: preview.answer.uploadId,
        header: JSON.stringify(preview.ready),
      });
      setImportId(id);
    } catch (err) {
      setStartError((err as Error).message);
    } finally {
      setStarting(false);
    }
  }

  const tag = status ? STATUS_TAGS[status.status] : null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="assistance-import">
      <Card title="导入结算数据（医疗救助）" extra={<Button onClick={onClose}>收起</Button>}>
        <Typography.Paragraph type="secondary">
          国家医保信息平台导出的结算明细（结算信息表 SETL_D，.xlsx 或
          .csv）。必需列：结算ID（SETL_ID）、人员姓名、证件号码（CERTNO）、 定点医药机构名称、医疗类别（MED_TYPE，如 11
          普通门诊、14 门诊慢特病、21 普通住院）、结算时间、医疗费总额、符合范围金额、医疗救助基金支出（MAF_PAY）；
          可选列：定点医药机构编号、原结算ID（INIT_SETL_ID）、退费结算标志（REFD_SETL_FLAG）。人员按证件号码与参保登记匹配，镇街和人员类别取自登记和当年名单。
          冲销（退费结算）记录冲抵原结算，二者都不计入；原结算不存在的冲销记录拒收。同一结算ID只导入一次，同一文件重复导入不会产生任何变化。
          每人每年救助合计超过 5 万元的记录只标记、不核减。
        </Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
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
            <p className="ant-upload-text">点击或拖拽结算明细文件到此处</p>
            <p className="ant-upload-hint">支持 .xlsx、.csv</p>
          </Upload.Dragger>
          <Button
            type={preview.answer ? 'default' : 'primary'}
            onClick={upload}
            loading={uploading}
            disabled={!file || running || starting || (preview.busy && !uploading)}
          >
            {preview.answer ? '重新上传并预览' : '上传并预览'}
          </Button>
          {!preview.answer && preview.error && <Alert type="error" showIcon title={preview.error} />}
        </Space>
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
                <Statistic title="已读取结算行" value={status.rowsDone} />
                <Statistic
                  title="拒收行数"
                  value={status.rowsRejected}
                  styles={{ content: status.rowsRejected ? { color: '#cf1322' } : undefined }}
                />
                <Statistic title="跳过行数（含已导入过的结算）" value={status.rowsSkipped} />
              </Space>
              {running && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                  正在读取并校验文件，完成后一次性写入（全部成功或全部不写入）…
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
