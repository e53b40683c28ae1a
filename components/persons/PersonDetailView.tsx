'use client';

import { Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { PersonSubsidyCard } from '@/components/subsidies/PersonSubsidyCard';
import { formatYuan } from '@/lib/domain/money';
import { ENROLLMENT_STATUS_LABELS, GENDER_LABELS, labelOf, SCHEME_LABELS, TIER_LABELS } from '@/lib/labels';
import type { getPerson } from '@/lib/operations/persons';
import type { ResultOf } from '@/lib/server/operation';
import { EnrollmentForm } from './EnrollmentForm';
import { PersonListsAndCases } from './PersonListsAndCases';
import { RevealIdButton } from './RevealIdButton';

/** The person page as `getPerson` answers it: person, household, enrollments, lists and cases. */
type PersonDetail = ResultOf<typeof getPerson>;
type Enrollment = PersonDetail['enrollments'][number];

interface Props {
  detail: PersonDetail;
  canEditEnrollment: boolean;
  canReadCases: boolean;
  canRevealId: boolean;
  canReadAudit: boolean;
  canReadSubsidy: boolean;
}

export function PersonDetailView(props: Props) {
  const { detail, canEditEnrollment, canReadCases, canRevealId, canReadAudit, canReadSubsidy } = props;
  const { person, household, enrollments } = detail;
  const [editing, setEditing] = useState<Enrollment | 'new' | null>(null);
  // The whole birth date comes with the audited 显示完整号码; before it, the year.
  const [birthDate, setBirthDate] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`${person.name} · 人员信息`}
        extra={canReadAudit && <Link href={`/audit?personId=${person.id}`}>操作记录</Link>}
      >
        <Descriptions column={3} bordered size="small">
          <Descriptions.Item label="姓名">{person.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号">
            <RevealIdButton
              personId={person.id}
              maskedId={person.maskedId}
              allowed={canRevealId}
              onRevealed={(r) => setBirthDate(r.birthDate)}
            />
          </Descriptions.Item>
          <Descriptions.Item label="性别">{labelOf(GENDER_LABELS, person.gender)}</Descriptions.Item>
          <Descriptions.Item label={birthDate ? '出生日期' : '出生年份'}>
            <span data-testid="person-birth">{birthDate ?? `${person.birthYear}年`}</span>
          </Descriptions.Item>
          <Descriptions.Item label="镇街">{person.townName}</Descriptions.Item>
          <Descriptions.Item label="村/社区">{person.village ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="户号">{household?.householdNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="与户主关系">{person.relationToHead ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title="参保记录"
        extra={
          canEditEnrollment && (
            <Button type="primary" onClick={() => setEditing('new')}>
              登记参保
            </Button>
          )
        }
      >
        <Table<Enrollment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={enrollments}
          locale={{ emptyText: '暂无参保记录' }}
          columns={[
            { title: '年度', dataIndex: 'year' },
            { title: '险种', dataIndex: 'scheme', render: (v) => labelOf(SCHEME_LABELS, v) },
            { title: '档次', dataIndex: 'tier', render: (v) => labelOf(TIER_LABELS, v) || '—' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v) => (
                <Tag color={v === 'active' ? 'green' : 'default'}>{labelOf(ENROLLMENT_STATUS_LABELS, v)}</Tag>
              ),
            },
            { title: '缴费金额(元)', dataIndex: 'paidFen', align: 'right', render: (v: number) => formatYuan(v) },
            { title: '缴费日期', dataIndex: 'paidDate', render: (v) => v ?? '—' },
            ...(canEditEnrollment
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, r: Enrollment) => (
                      <Button size="small" onClick={() => setEditing(r)}>
                        更正
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {canReadSubsidy && <PersonSubsidyCard personId={person.id} />}

      <PersonListsAndCases lists={detail.lists} cases={detail.cases} linkCases={canReadCases} />

      {household && (
        <Card title={`家庭成员（户号 ${household.householdNo}）`}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={household.members}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                render: (v, m) => (m.id === person.id ? v : <Link href={`/persons/${m.id}`}>{v}</Link>),
              },
              {
                title: '身份证号',
                dataIndex: 'maskedId',
                render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
              },
              { title: '与户主关系', dataIndex: 'relationToHead' },
              { title: '性别', dataIndex: 'gender', render: (v) => labelOf(GENDER_LABELS, v) },
              { title: '出生年份', dataIndex: 'birthYear' },
            ]}
          />
        </Card>
      )}

      {editing && (
        <EnrollmentForm
          personId={person.id}
          initial={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
