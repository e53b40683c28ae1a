'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { DB_UNAVAILABLE_DIGEST, DB_UNAVAILABLE_MESSAGE } from '@/lib/server/pg-errors';

/**
 * What a page that failed shows (app/error.tsx, app/global-error.tsx): the database-away message
 * when the server said so (the error's digest), otherwise a general one; and a retry that renders
 * the page again on the server. Plain elements: it must render even when the app's shell cannot.
 */
export function ErrorNotice({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const databaseAway = error.digest === DB_UNAVAILABLE_DIGEST;
  const retry = () =>
    startRetry(() => {
      router.refresh();
      reset();
    });
  return (
    <div role="alert" style={{ padding: 48, textAlign: 'center' }}>
      <h2>{databaseAway ? '数据库暂时无法连接' : '页面加载出错'}</h2>
      <p>{databaseAway ? DB_UNAVAILABLE_MESSAGE : '页面暂时无法显示，请稍后重试；如多次出现，请联系系统管理员。'}</p>
      {error.digest && !databaseAway ? <p style={{ color: '#888' }}>错误编号：{error.digest}</p> : null}
      <button type="button" onClick={retry} disabled={retrying} style={{ padding: '4px 16px', cursor: 'pointer' }}>
        {retrying ? '正在重试…' : '重试'}
      </button>{' '}
      <Link href="/">返回首页</Link>
    </div>
  );
}
