'use client';

import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Result, Space, Tag, Typography, type InputRef } from 'antd';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { lookupAction } from '@/app/(portal)/workstation/actions';
import { settleAction } from '@/lib/client/settle-action';
import { HOSPITAL_LEVEL_LABELS, labelOf } from '@/lib/labels';
import { ApplicationForm, offeredDiseases, type Decided } from './ApplicationForm';
import { PersonCardView } from './PersonCardView';
import type { HomeJson, PersonCardJson } from './types';

/**
 * The counter screen: ID number (Enter) → person card → application with on-the-spot decision →
 * certificate. After a decision, 办理下一位 clears everything and puts the cursor back in the ID box.
 */
export function Workstation({ home }: { home: HomeJson }) {
  const { message } = App.useApp();
  const idInput = useRef<InputRef>(null);
  const [idNumber, setIdNumber] = useState('');
  const [searching, setSearching] = useState(false);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonCardJson | null>(null);
  const [decided, setDecided] = useState<Decided | null>(null);

  async function lookup(value: string) {
    if (!value.trim()) return setLookupError('请输入身份证号');
    setSearching(true);
    setLookupError(null);
    setPerson(null);
    setDecided(null);
    try {
      const r = await settleAction(lookupAction({ idNumber: value }));
      if (r.ok) setPerson(r.data);
      else setLookupError(r.error);
    } catch {
      message.error('查询失败，请检查网络后重试');
    } finally {
      setSearching(false);
    }
  }

  function next() {
    setIdNumber('');
    setPerson(null);
    setDecided(null);
    setLookupError(null);
    setTimeout(() => idInput.current?.focus(), 0);
  }

  const { hospital, delegated } = home;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={`医院工作站 · ${hospital.name}`}
        extra={
          <Space>
            <Tag>{hospital.code}</Tag>
            <Tag>{labelOf(HOSPITAL_LEVEL_LABELS, hospital.level)}</Tag>
            <Typography.Text type="secondary">受委托认定 {delegated.length} 个病种</Typography.Text>
            <Link href="/workstation/filings">本院认定记录</Link>
          </Space>
        }
      >
        <Input.Search
          ref={idInput}
          autoFocus
          aria-label="身份证号"
          size="large"
          style={{ maxWidth: 480 }}
          placeholder="输入或扫描身份证号，回车查询"
          enterButton="查询"
          maxLength={40}
          value={idNumber}
          loading={searching}
          onChange={(e) => setIdNumber(e.target.value)}
          onSearch={lookup}
        />
        {lookupError && <Alert type="error" showIcon title={lookupError} style={{ marginTop: 12, maxWidth: 480 }} />}
      </Card>
      {person && <PersonCardView person={person} />}
      {person && !decided && (
        <ApplicationForm
          key={person.id}
          person={person}
          diseases={offeredDiseases(delegated, person)}
          onDecided={setDecided}
        />
      )}
      {decided && (
        <Card size="small">
          {decided.status === 'approved' ? (
            <Result
              status="success"
              title="认定通过"
              subTitle={`告知单编号 ${decided.certificateNo}；认定期限 ${decided.startDate} 至 ${decided.endDate ?? '长期有效（免复审）'}`}
              extra={[
                <Button
                  key="print"
                  type="primary"
                  icon={<PrinterOutlined />}
                  autoFocus
                  href={`/workstation/certificates/${decided.id}`}
                >
                  打印认定结果告知单
                </Button>,
                <Button key="next" onClick={next}>
                  办理下一位
                </Button>,
              ]}
            />
          ) : (
            <Result
              status="warning"
              title="不予认定"
              subTitle={`原因：${decided.reason ?? ''}`}
              extra={
                <Button type="primary" autoFocus onClick={next}>
                  办理下一位
                </Button>
              }
            />
          )}
        </Card>
      )}
    </Space>
  );
}
