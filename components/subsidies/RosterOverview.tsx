'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Form, Space, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { BatchStatusTag, batchRangeText, YuanWan } from './BatchStatusTag';
import { subsidyKeys, type BatchRowJson, type SubsidyOverviewJson } from './BatchTypes';
import { FundCard } from './FundCard';
import { RosterExcluded } from './RosterExcluded';
import { RosterGenerateButton } from './RosterGenerate';

interface Props {
  towns: { code: string; name: string }[];
  /** subsidy.prepare: generate rosters, submit them, record the fund. */
  canPrepare: boolean;
  /** The user's area scope: the whole area picks a district; a town's staff prepare their town. */
  scopeLevel: 'area' | 'district' | 'town';
}

const thisYear = dayjs().year();
const YEARS = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : null);

/** 缴费资助: the year's roster batches, 生成花名册, the pre-allocated fund and the listed people paid nothing. */
export function RosterOverview({ towns, canPrepare, scopeLevel }: Props) {
  const { params, update } = useUrlState();
  const year = Number(params.get('year')) || thisYear;
  const { data, error, isFetching } = useQuery({
    queryKey: subsidyKeys.overview(year),
    queryFn: () => fetchJson<SubsidyOverviewJson>(`/api/subsidies?year=${year}`),
    placeholderData: (prev) => prev,
  });
  const districts = data?.districts ?? [];
  const pickDistrict = scopeLevel === 'area';
  const chosen = params.get('district') ?? undefined;
  const districtCode = pickDistrict
    ? (districts.find((d) => d.code === chosen)?.code ?? districts[0]?.code)
    : undefined;
  const districtName = (code: string) => districts.find((d) => d.code === code)?.name;
  const rangeText =
    scopeLevel === 'town' ? '本镇（街）' : ((districtCode ? districtName(districtCode) : districts[0]?.name) ?? '本区');

  const columns: TableProps<BatchRowJson>['columns'] = [
    { title: '批次', dataIndex: 'id', width: 70, render: (v) => <Link href={`/subsidies/batches/${v}`}>#{v}</Link> },
    { title: '范围', key: 'range', render: (_, b) => batchRangeText(b, districtName(b.districtCode)) },
    { title: '状态', dataIndex: 'status', render: (v) => <BatchStatusTag status={v} /> },
    {
      title: '人数',
      key: 'people',
      align: 'right',
      render: (_, b) => (
        <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }}>
          <span>{b.totals.people.toLocaleString()}</span>
          {(b.totals.additions > 0 || b.totals.changes > 0) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[b.totals.additions && `新增 ${b.totals.additions}`, b.totals.changes && `调整 ${b.totals.changes}`]
                .filter(Boolean)
                .join('，')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '金额', key: 'amount', align: 'right', render: (_, b) => <YuanWan fen={b.totals.amountFen} /> },
    { title: '经办人', dataIndex: 'preparedByName' },
    {
      title: '审批人',
      key: 'approver',
      render: (_, b) =>
        b.approvedByName ??
        (b.returnedByName && b.status === 'returned' ? (
          `${b.returnedByName}（退回）`
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )),
    },
    {
      title: '时间',
      key: 'times',
      render: (_, b) => (
        <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
          <span>生成 {time(b.generatedAt)}</span>
          {b.submittedAt && b.status !== 'draft' && <span>提交 {time(b.submittedAt)}</span>}
          {b.approvedAt && <span>审批 {time(b.approvedAt)}</span>}
          {b.status === 'returned' && b.returnedAt && <span>退回 {time(b.returnedAt)}</span>}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="资助花名册"
        extra={
          canPrepare &&
          data && (
            <RosterGenerateButton
              year={year}
              districtCode={districtCode}
              rangeText={rangeText}
              disabled={!data.hasStandards}
            />
          )
        }
      >
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
          <FilterSelect
            label="年度"
            required
            width={100}
            value={year}
            options={(YEARS.includes(year) ? YEARS : [...YEARS, year]).map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y) => update({ year: y === thisYear ? undefined : y })}
          />
          {pickDistrict && districts.length > 0 && (
            <FilterSelect
              label="区县"
              required
              width={140}
              value={districtCode}
              options={districts.map((d) => ({ value: d.code, label: d.name }))}
              onChange={(district) => update({ district })}
            />
          )}
        </Form>
        {data && !data.hasStandards && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${year} 年度还没有个人缴费标准，不能生成花名册`}
            description="请系统管理员先在“资助标准”中新增该年度的个人缴费标准和各类人员的资助规则。"
          />
        )}
        {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">
          花名册按该年度各部门最新名单和参保登记生成，每人每年只按最有利的一个类别资助；经办人提交后，须由另一位负责人审批，审批通过即冻结。
          {scopeLevel === 'town' && '全区花名册只统计本镇（街）的人数和金额。'}
        </Typography.Paragraph>
        <Table<BatchRowJson>
          rowKey="id"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={data?.batches ?? []}
          locale={{ emptyText: `${year} 年度还没有资助花名册${canPrepare ? '，点击“生成花名册”生成' : ''}` }}
          pagination={false}
          data-testid="batches"
        />
      </Card>
      {data && (
        <FundCard
          year={year}
          funds={data.funds}
          districtCode={districtCode}
          canAllocate={canPrepare && scopeLevel !== 'town'}
          pickDistrict={pickDistrict}
        />
      )}
      {data && (!pickDistrict || districtCode) && (
        <RosterExcluded year={year} districtCode={districtCode} towns={towns} />
      )}
    </Space>
  );
}
