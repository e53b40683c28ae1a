'use client';

import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { uploadEvidenceAction } from '@/app/(portal)/matching/actions';
import { settleAction } from '@/lib/client/settle-action';
import { MAX_EVIDENCE_BYTES } from '@/lib/domain/evidence';
import type { CaseDetailJson } from './types';
import { useCaseRefresh } from './use-case-refresh';

interface Props {
  caseId: number;
  evidence: CaseDetailJson['evidence'];
  canUpload: boolean;
}

const ALLOWED = /\.(pdf|jpe?g|png)$/i;
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 证明材料: the case's evidence files (open in a new tab) and the upload (PDF/JPG/PNG ≤ 10 MB, checked again by content on the server). */
export function CaseEvidence({ caseId, evidence, canUpload }: Props) {
  const { message } = App.useApp();
  const refresh = useCaseRefresh(caseId);
  const [uploading, setUploading] = useState(false);

  async function send(file: File) {
    if (!ALLOWED.test(file.name)) return void message.error('证明材料只能是 PDF、JPG 或 PNG 文件');
    if (file.size > MAX_EVIDENCE_BYTES) return void message.error('证明材料不能超过 10 MB');
    const form = new FormData();
    form.append('caseId', String(caseId));
    form.append('file', file);
    setUploading(true);
    try {
      const result = await settleAction(uploadEvidenceAction(form));
      if (!result.ok) return void message.error(result.error);
      await refresh();
      message.success(`已上传证明材料：${file.name}`);
    } catch {
      message.error('上传失败，请检查网络后重试');
    } finally {
      setUploading(false);
    }
  }

  return (
    <Card
      size="small"
      title="证明材料"
      extra={
        canUpload && (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              上传证明材料
            </Button>
          </Upload>
        )
      }
    >
      <List
        size="small"
        dataSource={evidence}
        locale={{ emptyText: '尚未上传证明材料' }}
        renderItem={(f) => (
          <List.Item>
            <a href={`/api/evidence/${f.id}`} target="_blank" rel="noopener noreferrer">
              <FileOutlined /> {f.fileName}
            </a>
            <Typography.Text type="secondary">
              {sizeText(f.sizeBytes)} · {dayjs(f.uploadedAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          </List.Item>
        )}
      />
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          支持 PDF、JPG、PNG，单个文件不超过 10 MB。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
