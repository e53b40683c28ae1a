/** Uploads as the import routes store them: a file stored for a user, and the header its preview detected, confirmed. */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Db } from '@/db';
import type { ConfirmedHeader } from '@/lib/domain/header-confirmation';
import type { ImportKind } from '@/lib/domain/header-recognition';
import { previewTable } from '@/lib/import/preview';
import { storeUpload } from '@/lib/import/upload-store';
import { sessionUser } from './helpers';

export async function storeFile(db: Db, username: string, filePath: string, fileName: string) {
  const user = await sessionUser(db, username);
  const body = Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>;
  return storeUpload(db, { userId: user.id }, fileName, body);
}

/** The header the recognizer detects in a file, as the user would confirm it unchanged. */
export async function detectedHeader(filePath: string, kind: ImportKind): Promise<ConfirmedHeader> {
  const p = await previewTable(
    { path: filePath, fileName: 'f' },
    { kind, shapeSample: () => ({ status: 'ok', values: {}, problems: [] }) },
  );
  if (!p.header) throw new Error('no header detected');
  return { headerRowNo: p.header.headerRowNo, mapping: p.header.mapping, ignored: [] };
}

export async function storedWithHeader(db: Db, username: string, filePath: string, fileName: string, kind: ImportKind) {
  const upload = await storeFile(db, username, filePath, fileName);
  return { uploadId: upload.uploadId, header: JSON.stringify(await detectedHeader(filePath, kind)) };
}
