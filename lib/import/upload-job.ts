/**
 * An import job over a stored upload: the upload is written to a private temp file for the
 * reader while the job runs (removed afterwards whatever happens), and deleted from the database
 * once imported. A failed import keeps it, so the user can correct the mapping and run it again
 * (it expires on its own).
 */
import type { Db } from '@/db';
import { deleteUpload, withUploadFile, type StoredUpload } from './upload-store';

export interface StartedJob {
  importId: number;
  done: Promise<{ ok: boolean }>;
}

/** Resolves with the import's id once `start` has started it; rejects if `start` throws (nothing started). */
export function startFromUpload(
  db: Db,
  upload: StoredUpload,
  start: (filePath: string) => Promise<StartedJob>,
): Promise<{ importId: number }> {
  return new Promise((resolve, reject) => {
    let started = false;
    withUploadFile(db, upload, async (filePath) => {
      const job = await start(filePath);
      started = true;
      resolve({ importId: job.importId });
      const result = await job.done;
      if (result.ok) await deleteUpload(db, upload.uploadId);
    }).catch((err: unknown) => {
      if (!started) reject(err);
      else console.error('[import] after the import', err);
    });
  });
}
