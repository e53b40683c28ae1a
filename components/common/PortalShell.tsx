'use client';

import {
  AccountBookOutlined,
  AimOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  DiffOutlined,
  FileSearchOutlined,
  HeartOutlined,
  KeyOutlined,
  LogoutOutlined,
  MedicineBoxOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { PATH_LABELS, SECTION_SEGMENTS, type MenuEntry } from '@/lib/menu';

const ICONS = {
  team: <TeamOutlined />,
  user: <UserOutlined />,
  audit: <AuditOutlined />,
  medicine: <MedicineBoxOutlined />,
  compare: <DiffOutlined />,
  task: <CarryOutOutlined />,
  upload: <UploadOutlined />,
  certificate: <SafetyCertificateOutlined />,
  check: <FileSearchOutlined />,
  book: <BookOutlined />,
  hospital: <BankOutlined />,
  list: <OrderedListOutlined />,
  money: <AccountBookOutlined />,
  refund: <RollbackOutlined />,
  policy: <ProfileOutlined />,
  dashboard: <DashboardOutlined />,
  assistance: <HeartOutlined />,
  target: <AimOutlined />,
};

interface Props {
  menu: MenuEntry[];
  user: { displayName: string; roleLabel: string; scope: string };
  children: ReactNode;
}

export function PortalShell({ menu, user, children }: Props) {
  const pathname = usePathname();
  const router = useRouter();
  // The longest matching entry wins: /certifications/spot-checks selects 认定抽查, not 慢特病认定.
  const selected = menu
    .filter((m) => pathname === m.href || pathname.startsWith(m.href + '/'))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const segments = pathname.split('/').filter(Boolean);
  const crumbs = segments.map((seg, i) => {
    const href = '/' + segments.slice(0, i + 1).join('/');
    const label = PATH_LABELS[seg] ?? (/^\d+$/.test(seg) ? '详情' : seg);
    return {
      title:
        i < segments.length - 1 && PATH_LABELS[seg] && !SECTION_SEGMENTS.has(seg) ? (
          <Link href={href}>{label}</Link>
        ) : (
          label
        ),
    };
  });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" className="no-print" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>医保经办服务平台</div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          aria-label="主菜单"
          items={menu.map((m) => ({ key: m.href, icon: ICONS[m.icon], label: <Link href={m.href}>{m.label}</Link> }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          className="no-print"
          style={{
            background: '#fff',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            padding: '0 24px',
          }}
        >
          <Breadcrumb items={[{ title: '首页' }, ...crumbs]} />
          <Space>
            <Typography.Text data-testid="current-user">{user.displayName}</Typography.Text>
            <Tag color="blue">{user.roleLabel}</Tag>
            <Tag>{user.scope}</Tag>
            <Button icon={<KeyOutlined />} onClick={() => router.push('/account/password')}>
              修改密码
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => signOut({ callbackUrl: '/login' })}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
