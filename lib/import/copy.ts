/**
 * Streaming rows into a table with COPY (text format) from an import: the field encoding and a
 * writer that sends chunks with backpressure. Used by the registry and the poverty-list imports.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CellValue } from './read-table';

/** COPY data is written in chunks of about this many characters. */
const COPY_CHUNK_CHARS = 256 * 1024;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '' };
const NEEDS_ESCAPE = /[\\\t\n\r\0]/;

/** A value for COPY's text format: `\N` for null; backslash, tab, newline, CR escaped; NUL dropped. */
export function copyField(v: string | number | null | undefined): string {
  if (v == null) return '\\N';
  if (typeof v === 'number') return String(v);
  return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r\0]/g, (c) => COPY_ESCAPES[c]) : v;
}

/** Original cell values as JSON for import_errors (NUL characters, which jsonb refuses, dropped). */
export const rawJson = (cells: CellValue[]) => JSON.stringify(cells).replace(/\\u0000/g, '');

/** A COPY in progress: chunked writes with backpressure; the server's error surfaces on the next write. */
export class CopyWriter {
  private chunk = '';
  private error: unknown = null;
  /** Time spent waiting for the server to take the data (backpressure). */
  waitedMs = 0;

  constructor(private readonly stream: Writable) {
    // Always listen: an error with no listener would crash the process.
    stream.on('error', (err) => {
      this.error ??= err;
    });
  }

  /** Buffers a line; returns a promise only when a chunk was sent (await it: backpressure). */
  write(line: string): Promise<void> | undefined {
    this.chunk += line;
    return this.chunk.length >= COPY_CHUNK_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (this.chunk === '') return;
    const ok = this.stream.write(this.chunk);
    this.chunk = '';
    if (!ok) {
      const start = performance.now();
      await once(this.stream, 'drain');
      this.waitedMs += performance.now() - start;
    }
  }

  /** Sends the rest and waits until the server has completed the COPY. */
  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }

  /** Aborts the COPY (CopyFail) and waits for the stream to close, so the transaction can roll back. */
  async abort(reason: unknown): Promise<void> {
    if (this.stream.destroyed) return;
    this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    await finished(this.stream).catch(() => {});
  }
}
