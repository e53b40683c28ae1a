'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { SessionProvider } from 'next-auth/react';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { installRequestKeys } from '@/lib/client/request-keys';

dayjs.locale('zh-cn');
// The portal's Content-Security-Policy (next.config.js) has no 'unsafe-eval': zod would otherwise
// probe `new Function` on its first parse (a CSP violation report) before doing without.
z.config({ jitless: true });
// Every write carries its intent's idempotency key: a double click or a retry runs once (lib/client/request-keys.ts).
if (typeof window !== 'undefined') installRequestKeys(window);

/** One object for every render: antd keys its computed tokens by the theme object. */
const THEME = { zeroRuntime: true, token: { colorPrimary: '#1d5fb4' } };
const BUTTON = { autoInsertSpace: false };

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 15_000, retry: false, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <SessionProvider refetchOnWindowFocus>
      <QueryClientProvider client={queryClient}>
        <ConfigProvider locale={zhCN} button={BUTTON} theme={THEME}>
          <App>{children}</App>
        </ConfigProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
