import type { OperationResult } from '@/lib/server/operation';

/** What a form says when a server action's call itself failed (the network, or the server answering with an error page). */
export const ACTION_UNANSWERED =
  '未能确认操作结果：网络中断或服务器出错。请稍后再次提交（同一操作重复提交不会重复执行），或刷新页面查看是否已完成';

/**
 * A server action's answer — or, when the call itself fails (the connection drops, the server answers with
 * an error page), a failed result with a Chinese message instead of a rejected promise. So a form or dialog
 * stops waiting and says what happened, as it does for any refusal. Every screen calls its actions through
 * this (eslint.config.mjs). A second submit of the same input reuses the intent's request key
 * (lib/client/request-keys.ts): if the first did arrive, the second only answers that it was done.
 */
export async function settleAction<T>(call: Promise<OperationResult<T>>): Promise<OperationResult<T>> {
  try {
    return await call;
  } catch {
    return { ok: false, status: 503, error: ACTION_UNANSWERED };
  }
}
