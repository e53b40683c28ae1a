'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { confirmSuggestionAction, rejectSuggestionAction } from '@/app/(portal)/matching/actions';
import { settleAction } from '@/lib/client/settle-action';
import { MATCH_CLASS_LABELS, type MatchClass } from '@/lib/domain/classification';
import { fetchSuggestions, matchingKeys } from './api';
import { EvidenceTable } from './EvidenceTable';
import { MatchClassTag } from './match-class';
import { asEvidence, type SuggestionItem } from './types';

interface Props {
  listId: number;
  rowId: number;
  townNames: Record<string, string>;
  canWork: boolean;
  onClose: () => void;
}

const STATUS_TAGS: Record<string, { color: string; label: string }> = {
  confirmed: { color: 'green', label: '已确认' },
  rejected: { color: 'default', label: '已否决' },
};

/** A list row's match suggestions with their evidence; staff confirm one (the row takes that person's ID) or reject. */
export function SuggestionDrawer({ listId, rowId, townNames, canWork, onClose }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<number | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: matchingKeys.suggestions(rowId),
    queryFn: () => fetchSuggestions(rowId),
    staleTime: 0,
  });

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: matchingKeys.suggestions(rowId) }),
      queryClient.invalidateQueries({ queryKey: matchingKeys.rows(listId) }),
      queryClient.invalidateQueries({ queryKey: matchingKeys.overview(listId) }),
      queryClient.invalidateQueries({ queryKey: matchingKeys.lists }),
    ]);

  async function decide(s: SuggestionItem, confirm: boolean) {
    setBusy(s.id);
    try {
      const result = confirm
        ? await settleAction(confirmSuggestionAction({ id: s.id }))
        : await settleAction(rejectSuggestionAction({ id: s.id }));
      if (!result.ok) {
        message.error(result.error);
        return;
      }
      if (confirm) {
        const cls = (result.data as { matchClass: MatchClass }).matchClass;
        message.success(`已确认为${s.name}，比对结果：${MATCH_CLASS_LABELS[cls] ?? cls}`);
        onClose();
      } else message.success('已否决该建议');
      await refresh();
    } finally {
      setBusy(null);
    }
  }

  const row = data?.row;
  return (
    <Drawer open title="匹配建议" size={720} onClose={onClose} destroyOnHidden>
      {isLoading && <Spin />}
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {row && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={2}
            title="名单行"
            items={[
              { key: 'rowNo', label: '原始行号', children: row.rowNo },
              { key: 'name', label: '姓名', children: row.name },
              {
                key: 'id',
                label: '身份证号',
                children: <span style={{ fontFamily: 'monospace' }}>{row.maskedId || '—'}</span>,
              },
              { key: 'class', label: '比对结果', children: <MatchClassTag value={row.matchClass} /> },
              { key: 'err', label: '身份证号问题', span: 2, children: row.idError ?? '—' },
            ]}
          />
          <Typography.Text type="secondary">
            以下为登记库中姓名相同的人员，按相似程度排序。确认后，该行的身份证号更正为所选人员的号码并重新比对（记入审计日志）；未参保的将生成销号任务。
          </Typography.Text>
          {data.outsideScope.note && (
            <Alert type="info" showIcon title={data.outsideScope.note} data-testid="suggestions-outside-scope" />
          )}
          {data.suggestions.length === 0 && !data.outsideScope.note && <Empty description="没有匹配建议" />}
          {data.suggestions.map((s) => {
            const ev = asEvidence(s.evidence);
            const pending = s.status === 'pending';
            return (
              <Card
                key={s.id}
                size="small"
                data-testid={`suggestion-${s.id}`}
                title={
                  <Space>
                    <span>{s.name}</span>
                    <Tag color={ev.strength === 'strong' ? 'blue' : 'default'}>
                      {ev.strength === 'strong' ? '强匹配' : '弱匹配'}
                    </Tag>
                    <Typography.Text type="secondary">相似度 {s.score}</Typography.Text>
                    {STATUS_TAGS[s.status] && (
                      <Tag color={STATUS_TAGS[s.status].color}>{STATUS_TAGS[s.status].label}</Tag>
                    )}
                  </Space>
                }
                extra={
                  canWork &&
                  pending && (
                    <Space>
                      <Popconfirm
                        title="确认匹配"
                        description={`确认该行就是${s.name}？`}
                        okText="确定"
                        cancelText="取消"
                        onConfirm={() => decide(s, true)}
                      >
                        <Button type="primary" size="small" loading={busy === s.id}>
                          确认匹配
                        </Button>
                      </Popconfirm>
                      <Button size="small" danger disabled={busy != null} onClick={() => decide(s, false)}>
                        否决
                      </Button>
                    </Space>
                  )
                }
              >
                <Space size={[4, 4]} wrap style={{ marginBottom: 8 }}>
                  {ev.reasons.map((r) => (
                    <Tag key={r}>{r}</Tag>
                  ))}
                </Space>
                <EvidenceTable fields={ev.fields} townNames={townNames} />
              </Card>
            );
          })}
        </Space>
      )}
    </Drawer>
  );
}
