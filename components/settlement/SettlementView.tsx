'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import {
  settlementPersonAction,
  settlementPreviewAction,
  settlementSaveAction,
} from '@/app/(portal)/settlement/actions';
import { settleAction } from '@/lib/client/settle-action';
import { StayForm, stayInput, type StayValues } from './StayForm';
import { StayList } from './StayList';
import { PersonCard, PreviewPanel } from './YearPanels';
import { settlementKey, type PersonYear, type PreviewView } from './types';

/** 一站式结算: find the person, enter the stay, 试算 (six layers and the year's difference), 保存, print. */
export function SettlementView({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StayValues>();
  const [idNumber, setIdNumber] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const [person, setPerson] = useState<PersonYear | null>(null);
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookup(y = year) {
    setError(null);
    setPreview(null);
    setBusy(true);
    const r = await settleAction(settlementPersonAction({ idNumber, year: y }));
    setBusy(false);
    if (!r.ok) {
      setPerson(null);
      setError(r.error);
      return;
    }
    setPerson(r.data);
  }

  async function run(save: boolean) {
    const v = await form.validateFields();
    const input = { ...stayInput(v), idNumber };
    setError(null);
    setBusy(true);
    if (!save) {
      const r = await settleAction(settlementPreviewAction({ kind: 'save', stay: input }));
      setBusy(false);
      if (!r.ok) return setError(r.error);
      setPreview(r.data);
      setSaved(null);
      return;
    }
    const r = await settleAction(settlementSaveAction(input));
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.data.id);
    message.success(
      r.data.updated.length > 0 ? `已保存；本年度后续 ${r.data.updated.length} 次住院已重新结算` : '已保存结算',
    );
    await queryClient.invalidateQueries({ queryKey: settlementKey });
    form.resetFields(['total', 'policyRange', 'settlementDate', 'admissionDate', 'sourceSettlementId', 'note']);
    await lookup();
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="一站式结算（六重保障）">
        <Space wrap>
          <Input
            aria-label="身份证号"
            placeholder="身份证号（精确查询）"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            onPressEnter={() => lookup()}
            style={{ width: 260 }}
          />
          <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          <Button type="primary" onClick={() => lookup()} loading={busy}>
            查询
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
        {saved && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 16 }}
            title={
              <span>
                已保存结算。<Link href={`/settlement/${saved}`}>打印一单式结算单</Link>
              </span>
            }
          />
        )}
        {person && (
          <div style={{ marginTop: 16 }}>
            <PersonCard person={person} />
          </div>
        )}
      </Card>
      {person && canWrite && (
        <Card title="本次住院">
          <StayForm person={person} form={form} busy={busy} onPreview={() => run(false)} onSave={() => run(true)} />
        </Card>
      )}
      {preview && (
        <Card title="试算结果（未保存）">
          <PreviewPanel preview={preview} />
        </Card>
      )}
      <Card title="结算记录">
        <StayList canWrite={canWrite} onChanged={() => person && lookup()} />
      </Card>
    </Space>
  );
}
