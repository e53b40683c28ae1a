/**
 * One fuzzed file through the real upload routes, as the import screens send it: the preview
 * (raw body, `kind`, `fileName`), then — when the preview offers a header with nothing left to
 * decide — the import route with that header confirmed, then the import's status polled until it
 * leaves `running`. The outcome says what the database may hold afterwards.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Target } from './fuzz-files';

export type Outcome =
  | 'refused_preview' // 4xx at the preview: nothing may remain
  | 'question' // a preview that asks the user something: the stored upload remains
  | 'refused_import' // 4xx at the import: the stored upload remains (kept to correct the mapping)
  | 'failed_import' // the import ran and failed: the upload and the failed import's record remain
  | 'imported'
  | 'server_error'; // 5xx, a network error or an import that never ended

export interface SendResult {
  outcome: Outcome;
  statuses: number[];
  detail?: string;
}

const MiB = 1024 * 1024;
/**
 * What each outcome may add (table → rows) for a file of `size` bytes; the log tables aside,
 * nothing else may change. A stored upload is one `uploads` row and its 1 MiB `upload_chunks`.
 */
export function allowed(outcome: Outcome, size: number): Record<string, number> {
  const upload = { uploads: 1, upload_chunks: Math.ceil(size / MiB) };
  if (outcome === 'question' || outcome === 'refused_import') return upload;
  if (outcome === 'failed_import') return { ...upload, imports: 1 };
  return {};
}

const ROUTE: Record<Target, string> = { list: 'lists', registry: 'registry', assistance: 'assistance' };
const EXTRA: Record<Target, Record<string, string>> = {
  list: { source: 'fupin', listDate: '2026-03-01', year: '2026' },
  registry: {},
  assistance: {},
};

interface PreviewBody {
  uploadId: string;
  preview?: {
    header: { headerRowNo: number; mapping: Record<string, number>; columns: { index: number }[] } | null;
    problems: string[];
  };
}

export interface Sender {
  baseUrl: string;
  cookie: string;
  /** How long an import may stay `running` before it counts as hung. */
  importTimeoutMs: number;
}

async function call(s: Sender, method: string, url: string, body?: Buffer | string) {
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers: { cookie: s.cookie, 'content-type': 'application/octet-stream', accept: 'application/json' },
  };
  if (typeof body === 'string') {
    init.body = Readable.toWeb(fs.createReadStream(body)) as ReadableStream;
    init.duplex = 'half';
  } else if (body) init.body = new Blob([new Uint8Array(body)]);
  const res = await fetch(`${s.baseUrl}${url}`, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json: json as Record<string, unknown> | null, text };
}

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

export interface Sent extends SendResult {
  /** The import to send next, when the preview offered a header with nothing left to decide. */
  next?: { target: Target; uploadId: string; header: string };
}

/** The preview of one file (`body`: the bytes, or a path to stream from). */
export async function sendPreview(
  s: Sender,
  file: { target: Target; fileName: string; body: Buffer | string },
): Promise<Sent> {
  const statuses: number[] = [];
  const fail = (detail: string): Sent => ({ outcome: 'server_error', statuses, detail });
  try {
    const source: Record<string, string> = file.target === 'list' ? { source: EXTRA.list.source } : {};
    const p = await call(
      s,
      'POST',
      `/api/imports/preview?${qs({ kind: file.target, fileName: file.fileName, ...source })}`,
      file.body,
    );
    statuses.push(p.status);
    if (p.status >= 500) return fail(`preview ${p.status}: ${p.text.slice(0, 300)}`);
    if (p.status !== 200) {
      if (typeof p.json?.error !== 'string')
        return fail(`preview ${p.status} without a message: ${p.text.slice(0, 200)}`);
      return { outcome: 'refused_preview', statuses, detail: p.json.error };
    }
    const { uploadId, preview } = p.json as unknown as PreviewBody;
    const h = preview?.header;
    if (!h || preview!.problems.length > 0) return { outcome: 'question', statuses };
    const used = new Set(Object.values(h.mapping));
    const header = {
      headerRowNo: h.headerRowNo,
      mapping: h.mapping,
      ignored: h.columns.map((c) => c.index).filter((i) => !used.has(i)),
    };
    return { outcome: 'question', statuses, next: { target: file.target, uploadId, header: JSON.stringify(header) } };
  } catch (err) {
    return fail(`request failed: ${(err as Error).message}`);
  }
}

/** The import of a previewed file with its header confirmed, followed until it leaves `running`. */
export async function sendImport(
  s: Sender,
  next: NonNullable<Sent['next']>,
  statuses: number[] = [],
): Promise<SendResult> {
  const fail = (detail: string): SendResult => ({ outcome: 'server_error', statuses, detail });
  try {
    const { target, uploadId, header } = next;
    const imp = await call(s, 'POST', `/api/imports/${ROUTE[target]}?${qs({ uploadId, header, ...EXTRA[target] })}`);
    statuses.push(imp.status);
    if (imp.status >= 500) return fail(`import ${imp.status}: ${imp.text.slice(0, 300)}`);
    if (imp.status !== 200) return { outcome: 'refused_import', statuses, detail: String(imp.json?.error ?? '') };
    const importId = imp.json?.importId;
    if (typeof importId !== 'number') return { outcome: 'imported', statuses, detail: 'no import id' };
    const deadline = Date.now() + s.importTimeoutMs;
    for (let wait = 50; Date.now() < deadline; wait = Math.min(wait * 2, 1000)) {
      const st = await call(s, 'GET', `/api/imports/${importId}`);
      if (st.status >= 500) return fail(`status ${st.status}: ${st.text.slice(0, 300)}`);
      const status = st.json?.status;
      if (status === 'completed') return { outcome: 'imported', statuses };
      if (status === 'failed')
        return {
          outcome: 'failed_import',
          statuses,
          detail: JSON.stringify(st.json?.problem ?? st.json?.message ?? ''),
        };
      await new Promise((r) => setTimeout(r, wait));
    }
    return fail(`import ${importId} still running after ${s.importTimeoutMs} ms`);
  } catch (err) {
    return fail(`request failed: ${(err as Error).message}`);
  }
}
