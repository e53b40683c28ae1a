'use client';
import { ErrorNotice } from '@/components/common/ErrorNotice';

/** A page that failed (the database away, or any other error): a Chinese message and 重试, never a blank page. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNotice error={error} reset={reset} />;
}
