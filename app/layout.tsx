import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/common/Providers';
import 'antd/dist/antd.css';
import './globals.css';

export const metadata: Metadata = {
  title: '医保经办服务平台',
  description: '区医疗保障局经办门户',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <AntdRegistry>
          <Providers>{children}</Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}
