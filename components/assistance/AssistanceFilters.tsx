'use client';

import { Form } from 'antd';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';
import { MED_TYPE_LABELS } from '@/lib/domain/assistance';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import type { TownOption } from './types';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR - i).map((y) => ({ value: String(y), label: `${y}年` }));
const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}月` }));
const MED_TYPES = Object.entries(MED_TYPE_LABELS).map(([value, label]) => ({ value, label }));
const CATEGORIES = [
  ...Object.entries(PERSON_CATEGORIES).map(([value, label]) => ({ value, label })),
  { value: 'none', label: '未列入名单' },
];
const CAP = [
  { value: 'true', label: '超过年度上限' },
  { value: 'false', label: '未超过' },
];

/** The list's filters, kept in the URL (year, town, months, 医疗类别, 人员类别, 超上限, name). */
export function AssistanceFilters({
  params,
  update,
  towns,
}: {
  params: URLSearchParams;
  update: (changes: Record<string, string | undefined>) => void;
  towns: TownOption[];
}) {
  const get = (k: string) => params.get(k) || undefined;
  return (
    <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
      <FilterSelect
        label="年度"
        required
        value={get('year') ?? String(THIS_YEAR)}
        options={YEARS}
        onChange={(year) => update({ year })}
        width={100}
      />
      {towns.length > 1 && (
        <FilterSelect
          label="镇街"
          value={get('townCode')}
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
          onChange={(townCode) => update({ townCode })}
          width={150}
        />
      )}
      <FilterSelect
        label="起始月"
        value={get('monthFrom')}
        options={MONTHS}
        onChange={(monthFrom) => update({ monthFrom })}
        width={90}
      />
      <FilterSelect
        label="截止月"
        value={get('monthTo')}
        options={MONTHS}
        onChange={(monthTo) => update({ monthTo })}
        width={90}
      />
      <FilterSelect
        label="医疗类别"
        value={get('medType')}
        options={MED_TYPES}
        onChange={(medType) => update({ medType })}
        width={100}
      />
      <FilterSelect
        label="人员类别"
        value={get('category')}
        options={CATEGORIES}
        onChange={(category) => update({ category })}
        width={150}
      />
      <FilterSelect
        label="年度上限"
        value={get('capExceeded')}
        options={CAP}
        onChange={(capExceeded) => update({ capExceeded })}
        width={130}
      />
      <FilterSearch
        label="姓名"
        value={get('name') ?? ''}
        placeholder="姓名"
        onSearch={(name) => update({ name })}
        width={160}
      />
    </Form>
  );
}
