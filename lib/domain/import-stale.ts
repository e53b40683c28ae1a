/**
 * An import whose process died (killed, restarted) stays 'running' in the database. After
 * STALE_IMPORT_MINUTES without finishing it is shown as interrupted — computed when it is read
 * (a read writes nothing); the row itself is marked failed when the next import starts. Pure.
 */
export const STALE_IMPORT_MINUTES = 60;

export const INTERRUPTED_MESSAGE = '导入中断（进程退出），未写入任何数据，请重新导入该文件';

interface ImportState {
  status: 'running' | 'completed' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  message: string | null;
}

/** The import as shown: a 'running' import started too long ago reads as failed (interrupted). */
export function importAsShown<T extends ImportState>(imp: T, now: Date = new Date()): T {
  const stale = imp.status === 'running' && now.getTime() - imp.startedAt.getTime() > STALE_IMPORT_MINUTES * 60_000;
  return stale ? { ...imp, status: 'failed', message: INTERRUPTED_MESSAGE } : imp;
}
