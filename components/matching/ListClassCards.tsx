'use client';

import { Card, Flex, Statistic } from 'antd';
import { MATCH_CLASS_LABELS, type MatchClass } from '@/lib/domain/classification';
import { CLASS_COUNT_KEYS, MATCH_CLASS_COLORS } from './match-class';
import type { ClassCountsView } from './types';

const COLOR_HEX: Record<string, string> = {
  green: '#389e0d',
  cyan: '#08979c',
  orange: '#d46b08',
  red: '#cf1322',
  magenta: '#c41d7f',
  purple: '#531dab',
};

interface Props {
  totals: ClassCountsView;
  active?: string;
  onSelect: (matchClass: MatchClass | undefined) => void;
}

/** One card per class (and the total); clicking one filters the rows table, clicking it again clears. */
export function ListClassCards({ totals, active, onSelect }: Props) {
  const cards: { key: MatchClass | undefined; title: string; value: number; color?: string }[] = [
    { key: undefined, title: '全部人员', value: totals.total },
    ...CLASS_COUNT_KEYS.map(([field, cls]) => ({
      key: cls,
      title: MATCH_CLASS_LABELS[cls],
      value: totals[field],
      color: COLOR_HEX[MATCH_CLASS_COLORS[cls]],
    })),
  ];
  return (
    <Flex wrap gap={10}>
      {cards.map((c) => {
        const selected = c.key === undefined ? !active : active === c.key;
        return (
          <Card
            key={c.key ?? 'all'}
            size="small"
            hoverable
            role="button"
            tabIndex={0}
            aria-pressed={selected}
            data-testid={`class-card-${c.key ?? 'all'}`}
            onClick={() => onSelect(selected && c.key ? undefined : c.key)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') onSelect(selected && c.key ? undefined : c.key);
            }}
            style={{
              flex: '1 1 110px',
              minWidth: 110,
              borderColor: selected ? '#1d5fb4' : undefined,
              boxShadow: selected ? '0 0 0 1px #1d5fb4' : undefined,
            }}
          >
            <Statistic
              title={c.title}
              value={c.value}
              styles={{ content: { color: c.value > 0 ? c.color : undefined } }}
            />
          </Card>
        );
      })}
    </Flex>
  );
}
