'use client';

import { DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';

/** The filter fields of list pages: labelled (also for screen readers and tests), clearable, URL-driven. */

type Value = string | number;

export function FilterSelect<V extends Value>(props: {
  label: string;
  value: V | undefined;
  options: { value: V; label: string }[];
  onChange: (value: V | undefined) => void;
  placeholder?: string;
  width?: number;
  /** Type to filter the options by their label (long lists such as diseases). */
  searchable?: boolean;
  /** Always has a value (no clear button), e.g. the year. */
  required?: boolean;
}) {
  return (
    <Form.Item label={props.label}>
      <Select<V>
        aria-label={props.label}
        allowClear={!props.required}
        showSearch={props.searchable ? { optionFilterProp: 'label' } : undefined}
        placeholder={props.placeholder ?? '全部'}
        style={{ width: props.width ?? 120 }}
        value={props.value}
        options={props.options}
        onChange={(v) => props.onChange(v ?? undefined)}
      />
    </Form.Item>
  );
}

export function FilterSearch(props: {
  label?: string;
  value: string;
  placeholder: string;
  onSearch: (value: string) => void;
  width?: number;
}) {
  const label = props.label ?? '搜索';
  return (
    <Form.Item label={label}>
      <Input.Search
        aria-label={label}
        allowClear
        defaultValue={props.value}
        placeholder={props.placeholder}
        onSearch={(v) => props.onSearch(v.trim())}
        style={{ width: props.width ?? 220 }}
      />
    </Form.Item>
  );
}

/** A from–to day range ('YYYY-MM-DD' each, either may be empty). */
export function FilterDateRange(props: {
  label: string;
  from: string | undefined;
  to: string | undefined;
  onChange: (range: { from?: string; to?: string }) => void;
}) {
  return (
    <Form.Item label={props.label}>
      <DatePicker.RangePicker
        aria-label={props.label}
        value={
          props.from || props.to ? [props.from ? dayjs(props.from) : null, props.to ? dayjs(props.to) : null] : null
        }
        onChange={(range) =>
          props.onChange({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
        }
      />
    </Form.Item>
  );
}
