'use client';

import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FilterSelect } from '@/components/common/Filters';
import { fetchJson } from '@/lib/client/fetch-json';
import { useUrlState } from '@/lib/client/use-url-state';
import { StandardsContributionForm } from './StandardsContributionForm';
import { StandardsRuleForm } from './StandardsRuleForm';
import { ContributionTable, EXAMPLE_LEGEND, RuleTable, standardsKey, type StandardsJson } from './StandardsTables';

const THIS_YEAR = new Date().getFullYear();
/** 2019 (the earliest seeded standards) to next year. */
const YEAR_OPTIONS = Array.from({ length: THIS_YEAR + 2 - 2019 }, (_, i) => THIS_YEAR + 1 - i).map((y) => ({
  value: String(y),
  label: `${y}年`,
}));

/** 资助标准: per year the personal contribution versions and the subsidy rules per category; new versions only. */
export function StandardsView() {
  const { params, update } = useUrlState();
  const year = params.get('year') ?? '';
  const [adding, setAdding] = useState<'contribution' | 'rule' | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: [...standardsKey, year],
    queryFn: () => fetchJson<StandardsJson>(`/api/subsidies/standards?year=${year}`),
    placeholderData: (prev) => prev,
  });
  const years = [...new Set([...(data?.contributions ?? []), ...(data?.rules ?? [])].map((v) => v.year))].sort(
    (a, b) => b - a,
  );
  const formYear = year ? Number(year) : (years[0] ?? THIS_YEAR);

  return (
    <Card
      title="参保缴费资助标准"
      extra={
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setAdding('contribution')}>
            新增缴费标准版本
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('rule')}>
            新增资助规则版本
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="个人缴费标准和各类人员的资助规则按生效日期分版本管理：变更即新增一个带生效日期的版本，已有版本不能修改或删除。生成花名册时按当天在用的版本计算。"
      />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <FilterSelect
          label="年度"
          value={year || undefined}
          options={YEAR_OPTIONS}
          placeholder="全部年度"
          onChange={(y) => update({ year: y })}
        />
        <Form.Item>
          <Typography.Text type="secondary" data-testid="example-legend">
            <Tag color="orange">示例</Tag>
            {EXAMPLE_LEGEND}
          </Typography.Text>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Spin spinning={isFetching}>
        {data && years.length === 0 && <Empty description="该年度还没有资助标准" />}
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {data &&
            years.map((y) => (
              <Card key={y} type="inner" title={`${y} 年度`} data-testid={`standards-year-${y}`}>
                <Typography.Title level={5}>个人缴费标准</Typography.Title>
                <ContributionTable rows={data.contributions.filter((c) => c.year === y)} today={data.today} />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  资助规则（按人员类别）
                </Typography.Title>
                <RuleTable rows={data.rules.filter((r) => r.year === y)} today={data.today} />
              </Card>
            ))}
        </Space>
      </Spin>
      {adding === 'contribution' && (
        <StandardsContributionForm
          year={formYear}
          latest={data?.contributions.find((c) => c.year === formYear) ?? data?.contributions[0] ?? null}
          onClose={() => setAdding(null)}
        />
      )}
      {adding === 'rule' && <StandardsRuleForm year={formYear} onClose={() => setAdding(null)} />}
    </Card>
  );
}
