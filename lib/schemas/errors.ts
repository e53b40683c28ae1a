import { z } from 'zod';

// Zod's own messages in Chinese wherever a schema does not give its own.
z.config(z.locales.zhCN());

/** One readable Chinese sentence for a failed parse (the first issue, with its field). */
export function zodErrorMessage(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return '输入有误';
  return first.message || '输入有误';
}
