'use client';

import { Card, Skeleton, Statistic, Typography } from 'antd';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { drillHref, type Drill } from './types';

export interface HeadlineProps {
  title: string;
  value: string;
  /** Unit after the value (人, 人次, 件). */
  suffix?: string;
  /** Smaller figures under the value (rates, the parts of a total). */
  lines?: ReactNode[];
  /** The list the value is counted from. */
  drill?: Drill | null;
  loading?: boolean;
}

/** One headline figure; the whole card opens the list behind it. */
export function Headline({ title, value, suffix, lines = [], drill, loading }: HeadlineProps) {
  const card = (
    <Card size="small" hoverable={!!drill} style={{ height: '100%' }} data-testid={`headline-${title}`}>
      {loading ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : (
        <>
          <Statistic title={title} value={value} suffix={value === '—' ? undefined : suffix} />
          {lines.map((line, i) => (
            <Typography.Text key={i} type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {line}
            </Typography.Text>
          ))}
        </>
      )}
    </Card>
  );
  return drill ? (
    <Link href={drillHref(drill)} aria-label={`${title}：查看明细`} style={{ display: 'block', height: '100%' }}>
      {card}
    </Link>
  ) : (
    card
  );
}
