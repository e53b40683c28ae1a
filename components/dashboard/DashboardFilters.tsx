'use client';

import { Button, Form, Tag } from 'antd';
import { FilterSelect } from '@/components/common/Filters';
import type { DashboardFilter } from '@/lib/schemas/dashboard';

export interface TownOption {
  code: string;
  name: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));

function yearOptions(selected: number) {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (!years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年` }));
}

interface Props {
  filters: DashboardFilter;
  towns: TownOption[];
  /** Town staff: their one town, shown instead of the town filter. */
  ownTown: TownOption | null;
  onChange: (changes: Partial<Record<keyof DashboardFilter, string | number | undefined>>) => void;
}

/** Year, town (the towns of the caller's scope) and month range; every change goes into the URL. */
export function DashboardFilters({ filters, towns, ownTown, onChange }: Props) {
  const { year, townCode, monthFrom, monthTo } = filters;
  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      <FilterSelect
        label="年度"
        required
        width={110}
        value={year}
        options={yearOptions(year)}
        onChange={(y) => onChange({ year: y })}
      />
      {ownTown ? (
        <Form.Item label="镇街">
          <Tag color="blue">{ownTown.name}</Tag>
        </Form.Item>
      ) : (
        <FilterSelect
          label="镇街"
          placeholder="全部镇街"
          width={160}
          value={townCode}
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(code) => onChange({ townCode: code })}
        />
      )}
      <FilterSelect
        label="起始月份"
        placeholder="1月"
        width={90}
        value={monthFrom}
        options={MONTHS.filter((m) => !monthTo || m.value <= monthTo)}
        onChange={(m) => onChange({ monthFrom: m })}
      />
      <FilterSelect
        label="截止月份"
        placeholder="12月"
        width={90}
        value={monthTo}
        options={MONTHS.filter((m) => !monthFrom || m.value >= monthFrom)}
        onChange={(m) => onChange({ monthTo: m })}
      />
      <Form.Item>
        <Button
          onClick={() => onChange({ year: undefined, townCode: undefined, monthFrom: undefined, monthTo: undefined })}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
