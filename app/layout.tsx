import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/common/Providers';
import { StyleRegistry } from '@/components/common/StyleRegistry';
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
        <StyleRegistry>
          <Providers>{children}</Providers>
        </StyleRegistry>
      </body>
    </html>
  );
}
