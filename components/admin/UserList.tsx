'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { setUserDisabledAction } from '@/app/(portal)/admin/users/actions';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/lib/auth/types';
import { fetchJson } from '@/lib/client/fetch-json';
import { settleAction } from '@/lib/client/settle-action';
import { useUrlState } from '@/lib/client/use-url-state';
import type { listUsersOp } from '@/lib/operations/users';
import type { ResultOf } from '@/lib/server/operation';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UnlockButton } from './UnlockButton';
import { UserForm } from './UserForm';
import { urlPagination } from '@/lib/client/table-pagination';
import { FilterSearch, FilterSelect } from '@/components/common/Filters';

type UserListRow = ResultOf<typeof listUsersOp>['data'][number];

/** A list row as it arrives over JSON (dates as strings). */
export type UserRow = Omit<UserListRow, 'lockedUntil' | 'lastLoginAt' | 'createdAt' | 'updatedAt'> & {
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  supervisor: 'purple',
  agency_staff: 'blue',
  hospital_staff: 'cyan',
};
const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

// lib/schemas/users.ts is server-only (it imports argon2), so the URL is read here by hand.
function readQuery(params: URLSearchParams) {
  const int = (key: string, fallback: number, max: number) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
  };
  const role = params.get('role');
  return {
    page: int('page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: int('pageSize', 20, 100),
    q: params.get('q') ?? '',
    role: role && role in ROLE_LABELS ? (role as Role) : undefined,
  };
}

function scopeText(r: UserRow): string {
  if (r.role === 'hospital_staff') return r.hospitalName ?? '（未指定医院）';
  if (r.role === 'agency_staff')
    return [r.districtName ?? r.districtCode, r.townName].filter(Boolean).join(' ') || '（未指定区县）';
  return '全统筹区';
}

function StatusTag({ row }: { row: UserRow }) {
  if (row.disabled) return <Tag color="default">已停用</Tag>;
  if (row.lockedUntil && dayjs(row.lockedUntil).isAfter(dayjs())) return <Tag color="orange">已锁定</Tag>;
  if (row.mustChangePassword) return <Tag color="gold">待本人改密</Tag>;
  return <Tag color="green">正常</Tag>;
}

export function UserList({ currentUserId }: { currentUserId: number }) {
  const { params, update } = useUrlState();
  const query = readQuery(params);
  const apiParams = new URLSearchParams(params.toString());
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: ['users', apiParams.toString()],
    queryFn: () => fetchJson<{ data: UserRow[]; total: number }>(`/api/users?${apiParams}`),
    placeholderData: (prev) => prev,
  });

  async function toggleDisabled(row: UserRow) {
    setToggling(row.id);
    const result = await settleAction(setUserDisabledAction({ id: row.id, disabled: !row.disabled }));
    setToggling(null);
    if (!result.ok) {
      message.error(result.error);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    message.success(row.disabled ? `已启用用户 ${row.username}` : `已停用用户 ${row.username}`);
  }

  const columns: TableProps<UserRow>['columns'] = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v, r) =>
        r.id === currentUserId ? (
          <Space size={4}>
            {v}
            <Tag>本人</Tag>
          </Space>
        ) : (
          v
        ),
    },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'role', render: (v: Role) => <Tag color={ROLE_COLORS[v]}>{ROLE_LABELS[v]}</Tag> },
    { title: '数据范围', key: 'scope', render: (_, r) => scopeText(r) },
    { title: '状态', key: 'status', render: (_, r) => <StatusTag row={r} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(r)}>
            重置密码
          </Button>
          <UnlockButton user={r} />
          <Popconfirm
            title={r.disabled ? `启用用户 ${r.username}？` : `停用用户 ${r.username}？`}
            description={r.disabled ? undefined : '停用后该用户将立即无法使用系统'}
            okText={r.disabled ? '启用' : '停用'}
            okButtonProps={{ danger: !r.disabled }}
            onConfirm={() => toggleDisabled(r)}
            disabled={!r.disabled && r.id === currentUserId}
          >
            <Button
              type="link"
              size="small"
              danger={!r.disabled}
              loading={toggling === r.id}
              disabled={!r.disabled && r.id === currentUserId}
              title={!r.disabled && r.id === currentUserId ? '不能停用自己的账户' : undefined}
            >
              {r.disabled ? '启用' : '停用'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新建用户
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} key={params.toString()}>
        <FilterSearch value={query.q ?? ''} placeholder="用户名或姓名" onSearch={(q) => update({ q })} />
        <FilterSelect
          label="角色"
          placeholder="全部角色"
          width={180}
          value={query.role}
          options={ROLE_OPTIONS}
          onChange={(role) => update({ role })}
        />
      </Form>
      {error && <Alert type="error" showIcon title={(error as Error).message} style={{ marginBottom: 16 }} />}
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.data ?? []}
        pagination={urlPagination(query, data?.total, '个用户')}
        onChange={(pagination) => update({ page: pagination.current, pageSize: pagination.pageSize })}
      />
      {editing && (
        <UserForm
          initial={editing === 'new' ? null : editing}
          isSelf={editing !== 'new' && editing.id === currentUserId}
          onClose={() => setEditing(null)}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}
