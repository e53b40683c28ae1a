'use client';

import { ReferenceLine, XAxis } from 'recharts';

/** Shared chart pieces: colours, a category axis whose long town names stay legible, the 100 % line. */

export const COLORS = {
  blue: '#1d5fb4',
  green: '#389e0d',
  orange: '#d46b08',
  red: '#cf1322',
  purple: '#722ed1',
  cyan: '#08979c',
  grey: '#8c8c8c',
};
export const SERIES = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.purple, COLORS.cyan, COLORS.red, COLORS.grey];

export const CHART_MARGIN = { top: 20, right: 40, bottom: 8, left: 8 };

const LABEL_CHARS = 8;
const short = (v: unknown) => {
  const text = String(v ?? '');
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
};

/**
 * X axis of names (towns, hospitals, diseases): every label, slanted when they would not fit side by
 * side, long ones cut short (the table beside has them whole). Called as a function (not as a
 * component) so the chart gets an XAxis element itself.
 */
export function nameAxis(dataKey: string, names: string[]) {
  const longest = Math.min(LABEL_CHARS, Math.max(0, ...names.map((n) => n.length)));
  const slant = names.length > 4 && names.length * longest > 24;
  return (
    <XAxis
      dataKey={dataKey}
      interval={0}
      angle={slant ? -35 : 0}
      textAnchor={slant ? 'end' : 'middle'}
      height={slant ? 16 + longest * 9 : 30}
      tick={{ fontSize: 12 }}
      tickFormatter={short}
    />
  );
}

/** The 100 % line of rate charts (coverage may pass it). */
export function fullLine() {
  return (
    <ReferenceLine
      y={1}
      stroke={COLORS.red}
      strokeDasharray="4 4"
      label={{ value: '100%', position: 'right', fontSize: 12 }}
    />
  );
}

/** A pointer cursor on clickable chart elements. */
export const CLICKABLE = { cursor: 'pointer' } as const;
