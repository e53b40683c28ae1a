'use client';
import { ErrorNotice } from '@/components/common/ErrorNotice';

/** An error in the root layout itself: this replaces the whole document, so it has its own html and body. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body>
        <ErrorNotice error={error} reset={reset} />
      </body>
    </html>
  );
}
