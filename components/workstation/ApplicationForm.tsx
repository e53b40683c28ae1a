'use client';

import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { decideAction, fileApplicationAction, uploadCertEvidenceAction } from '@/app/(portal)/workstation/actions';
import { settleAction } from '@/lib/client/settle-action';
import { certificationPeriod, duplicateActiveProblem, isValidIcd10 } from '@/lib/domain/certification';
import { MAX_EVIDENCE_BYTES } from '@/lib/domain/evidence';
import { DISEASE_KIND_LABELS, labelOf } from '@/lib/labels';
import { DecisionFields } from './DecisionFields';
import type { DelegatedDisease, PersonCardJson } from './types';

export interface Decided {
  id: number;
  status: 'approved' | 'rejected' | 'pending' | 'revoked';
  certificateNo: string | null;
  startDate: string | null;
  endDate: string | null;
  reason?: string;
}

interface Values {
  diseaseCode: string;
  icd10Code: string;
  diagnosisText: string;
  doctor: string;
  diagnosisDate: Dayjs;
  decision: 'approve' | 'reject';
  startDate: Dayjs;
  reason?: string;
}

const ALLOWED = /\.(pdf|jpe?g|png)$/i;
const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The diseases this person may be certified for here: delegated to the hospital and open to their scheme. */
export function offeredDiseases(delegated: DelegatedDisease[], person: PersonCardJson): DelegatedDisease[] {
  const e = person.enrollment;
  if (!e || e.status !== 'active') return [];
  return delegated.filter((d) => (e.scheme === 'resident' ? d.forResident : d.forEmployee));
}

function endDateText(disease: DelegatedDisease | undefined, start: Dayjs | undefined): string | null {
  if (!disease || !start) return null;
  const { endDate } = certificationPeriod(ymd(start), disease);
  return endDate === null ? '长期有效（免复审）' : `有效期至 ${endDate}`;
}

/**
 * Application and on-the-spot decision in one form: 提交并认定 files the application, uploads the
 * evidence and records the decision. If a later step fails, the application stays on file (待决定)
 * and submitting again continues from that step.
 */
export function ApplicationForm({
  person,
  diseases,
  onDecided,
}: {
  person: PersonCardJson;
  diseases: DelegatedDisease[];
  onDecided: (d: Decided) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [filedId, setFiledId] = useState<number | null>(null);
  const [uploaded, setUploaded] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decision = Form.useWatch('decision', form);
  const diseaseCode = Form.useWatch('diseaseCode', form);
  const disease = diseases.find((d) => d.code === diseaseCode);
  const startDate = Form.useWatch('startDate', form);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      let id = filedId;
      if (id === null) {
        const filed = await settleAction(
          fileApplicationAction({
            lookupToken: person.lookupToken, // the person is the one of this lookup (the server checks the token)
            diseaseCode: v.diseaseCode,
            icd10Code: v.icd10Code,
            diagnosisText: v.diagnosisText,
            doctor: v.doctor,
            diagnosisDate: ymd(v.diagnosisDate),
          }),
        );
        if (!filed.ok) return setError(filed.error);
        id = filed.data.id;
        setFiledId(id);
      }
      for (const f of files.filter((f) => !uploaded.has(f.uid))) {
        const body = new FormData();
        body.append('certificationId', String(id));
        body.append('file', f.originFileObj as File);
        const up = await settleAction(uploadCertEvidenceAction(body));
        if (!up.ok) return setError(`申请已登记（待决定），证明材料“${f.name}”上传失败：${up.error}`);
        setUploaded((s) => new Set(s).add(f.uid));
      }
      const input =
        v.decision === 'approve'
          ? { id, decision: 'approve', startDate: ymd(v.startDate) }
          : { id, decision: 'reject', reason: v.reason };
      const decided = await settleAction(decideAction(input));
      if (!decided.ok) return setError(`申请已登记（待决定），认定未完成：${decided.error}`);
      onDecided({ ...decided.data, reason: v.reason });
    } catch {
      message.error('提交失败，请检查网络后重试');
    } finally {
      setBusy(false);
    }
  }

  if (diseases.length === 0) {
    return (
      <Alert type="warning" showIcon title="该人员本年度未正常参保，或本院没有适用其险种的受委托病种，不能在本院认定" />
    );
  }
  return (
    <Card size="small" title={filedId ? `认定申请 #${filedId}（已登记，待决定）` : '认定申请'}>
      <Form<Values>
        form={form}
        name="application"
        layout="vertical"
        disabled={busy}
        initialValues={{ diagnosisDate: dayjs(), startDate: dayjs(), decision: 'approve' }}
        onFinish={submit}
      >
        <Space wrap align="start" size={16}>
          <Form.Item
            label="病种"
            name="diseaseCode"
            rules={[{ required: true, message: '请选择病种' }]}
            style={{ width: 300 }}
          >
            <Select
              autoFocus
              showSearch={{ optionFilterProp: 'label' }}
              disabled={filedId !== null || busy}
              placeholder="选择本院受委托认定的病种"
              options={diseases.map((d) => {
                const held = duplicateActiveProblem(person.certifications, d.code, ymd(dayjs())) !== null;
                return {
                  value: d.code,
                  disabled: held,
                  label: `${d.name}（${held ? '已持有有效认定' : `${labelOf(DISEASE_KIND_LABELS, d.kind)}${d.reviewExempt ? '·免复审' : ''}`}）`,
                };
              })}
            />
          </Form.Item>
          <Form.Item
            label="ICD-10 编码"
            name="icd10Code"
            style={{ width: 150 }}
            rules={[
              { required: true, message: '请填写 ICD-10 编码' },
              {
                validator: (_, v) =>
                  !v || isValidIcd10(v) ? Promise.resolve() : Promise.reject(new Error('格式如 E11.9、I10')),
              },
            ]}
          >
            <Input placeholder="如 E11.9" disabled={filedId !== null || busy} />
          </Form.Item>
          <Form.Item
            label="诊断"
            name="diagnosisText"
            rules={[{ required: true, whitespace: true, message: '请填写诊断' }]}
            style={{ width: 260 }}
          >
            <Input maxLength={200} disabled={filedId !== null || busy} />
          </Form.Item>
          <Form.Item
            label="诊断医师"
            name="doctor"
            rules={[{ required: true, whitespace: true, message: '请填写诊断医师' }]}
            style={{ width: 140 }}
          >
            <Input maxLength={50} disabled={filedId !== null || busy} />
          </Form.Item>
          <Form.Item label="诊断日期" name="diagnosisDate" rules={[{ required: true, message: '请选择诊断日期' }]}>
            <DatePicker
              allowClear={false}
              disabled={filedId !== null || busy}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </Space>
        <Form.Item label="证明材料（PDF、JPG、PNG，单个不超过 10 MB）">
          <Upload
            multiple
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            fileList={files}
            beforeUpload={(file) => {
              if (!ALLOWED.test(file.name)) message.error(`“${file.name}”不是 PDF、JPG 或 PNG 文件`);
              else if (file.size > MAX_EVIDENCE_BYTES) message.error(`“${file.name}”超过 10 MB`);
              else
                setFiles((list) => [...list, { uid: file.uid, name: file.name, status: 'done', originFileObj: file }]);
              return false;
            }}
            onRemove={(f) => (uploaded.has(f.uid) ? false : setFiles((list) => list.filter((x) => x.uid !== f.uid)))}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Space wrap align="start" size={16}>
          <DecisionFields
            decision={decision}
            startDateExtra={<span data-testid="end-date">{endDateText(disease, startDate)}</span>}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交并认定
          </Button>
          <Typography.Text type="secondary">回车即可提交</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
