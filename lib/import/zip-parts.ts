/**
 * xlsx: the zip central directory and the zip-bomb guard, and inflating single parts (entries),
 * each held to the size the directory declared.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { formatMiB, notSpreadsheet, TableReadError } from './table-errors';
import { MiB, type FileInfo, type Limits } from './table-types';

/** Up to `length` bytes at `position` (fewer only at the end of the file). */
export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number; // 0 stored, 8 deflate
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const MAX_ENTRIES = 10_000; // a real workbook has dozens
/** Entries this small are exempt from the ratio check (see Limits.maxRatio). */
const RATIO_EXEMPT_BYTES = 1 * MiB;

/**
 * Reads the central directory (the zip's table of contents at its end):
 *   … entries … | central directory: one 46-byte record (+ name, extra, comment) per entry |
 *   [zip64 end record + locator] | end-of-central-directory (EOCD): 22 bytes + comment ≤ 64 KiB
 * Sizes of 0xFFFFFFFF mean "see the zip64 extra field" (id 0x0001).
 */
export async function readCentralDirectory(fh: FileHandle, file: FileInfo): Promise<ZipEntry[]> {
  const broken = () => notSpreadsheet(file.fileName, '文件不完整或已损坏（可能上传中断）');
  // 1. The EOCD record: scan backwards from the end for its signature.
  const tailLength = Math.min(file.size, 22 + 0xffff);
  const tailStart = file.size - tailLength;
  const tail = await readAt(fh, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  let count = tail.readUInt16LE(eocd + 10); // total entries
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);

  // 2. zip64: the locator (20 bytes, just before the EOCD) points to the zip64 end record.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== SIG_ZIP64_LOCATOR) throw broken();
    const z64Offset = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const z64 = await readAt(fh, z64Offset, 56);
    if (z64.length < 56 || z64.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw broken();
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (count > MAX_ENTRIES) {
    throw new TableReadError('zip_bomb', `文件内部包含 ${count} 个部件，结构异常，疑似恶意文件，已拒绝读取。`);
  }
  if (cdOffset + cdSize > file.size) throw broken();

  // 3. The central directory records.
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw broken();
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength > cd.length) throw broken();
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    // zip64 extra field: 8-byte values for exactly those fields that are 0xFFFFFFFF, in order.
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const fields = (['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const).filter(
      (f) => entry[f] === 0xffffffff,
    );
    if (fields.length > 0) {
      let found = false;
      for (let q = 0; q + 4 <= extra.length;) {
        const id = extra.readUInt16LE(q);
        const size = extra.readUInt16LE(q + 2);
        if (id === 0x0001 && q + 4 + fields.length * 8 <= extra.length) {
          fields.forEach((f, k) => (entry[f] = Number(extra.readBigUInt64LE(q + 4 + k * 8))));
          found = true;
          break;
        }
        q += 4 + size;
      }
      if (!found) throw broken();
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The zip-bomb guard on the declared sizes (inflation later holds each entry to them). */
export function checkZipBomb(entries: ZipEntry[], lim: Limits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > RATIO_EXEMPT_BYTES && ratio > lim.maxRatio) {
      throw new TableReadError(
        'zip_bomb',
        `文件内部“${e.name}”的压缩比异常（${Math.round(ratio)} 倍，上限 ${lim.maxRatio} 倍），疑似恶意文件（压缩炸弹），已拒绝读取。`,
      );
    }
  }
  if (total > lim.maxUncompressedBytes) {
    throw new TableReadError(
      'zip_bomb',
      `文件解压后达 ${formatMiB(total)}，超过上限 ${formatMiB(lim.maxUncompressedBytes)}，疑似恶意文件（压缩炸弹），已拒绝读取。如确为正常数据，请拆分后再上传。`,
    );
  }
}

/** Where an entry's data starts: after its local header, whose name/extra lengths may differ
 *  from the central directory's. */
export async function dataStart(fh: FileHandle, file: FileInfo, e: ZipEntry): Promise<number> {
  const h = await readAt(fh, e.localHeaderOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL) throw notSpreadsheet(file.fileName, '文件不完整或已损坏');
  const start = e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  if (start + e.compressedSize > file.size) throw notSpreadsheet(file.fileName, '文件不完整或已损坏（可能上传中断）');
  return start;
}

export interface Part {
  entry: ZipEntry;
  start: number;
}

/**
 * An entry's inflated bytes, streamed. Output beyond the declared uncompressed size is a
 * zip bomb (the directory lied); less is a damaged file. With `alignUtf8`, every chunk ends on a
 * UTF-8 character boundary (see the exceljs bug in xlsx-stream.ts's header comment).
 */
export async function* inflatePart(file: FileInfo, part: Part, alignUtf8: boolean): AsyncGenerator<Buffer> {
  const { entry, start } = part;
  if (entry.flags & 0x1) throw notSpreadsheet(file.fileName, '文件已加密，请取消密码后另存再上传');
  if (entry.method !== 0 && entry.method !== 8)
    throw notSpreadsheet(file.fileName, `不支持的压缩方式（${entry.method}）`);
  let produced = 0;
  if (entry.compressedSize > 0) {
    const raw = fs.createReadStream(file.path, { start, end: start + entry.compressedSize - 1 });
    const out = entry.method === 8 ? pipeline(raw, zlib.createInflateRaw(), () => {}) : raw;
    let carry: Buffer | undefined;
    for await (const chunk of out as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        throw new TableReadError(
          'zip_bomb',
          `文件内部“${entry.name}”解压后的大小与声明不符，疑似恶意文件（压缩炸弹），已拒绝读取。`,
        );
      }
      if (!alignUtf8) {
        yield chunk;
        continue;
      }
      const [whole, rest] = splitUtf8(carry ? Buffer.concat([carry, chunk]) : chunk);
      carry = rest.length > 0 ? rest : undefined;
      if (whole.length > 0) yield whole;
    }
    if (carry) yield carry;
  }
  if (produced !== entry.uncompressedSize) throw notSpreadsheet(file.fileName, '文件不完整或已损坏');
}

/** Splits off an incomplete UTF-8 character at the end of `buf` (at most 3 bytes). */
export function splitUtf8(buf: Buffer): [Buffer, Buffer] {
  const n = buf.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i < need ? [buf.subarray(0, i), buf.subarray(i)] : [buf, buf.subarray(n)];
  }
  return [buf, buf.subarray(n)];
}

/** A small part (workbook, rels, styles) inflated into a string. */
export async function readSmallPart(file: FileInfo, part: Part): Promise<string> {
  if (part.entry.uncompressedSize > 64 * MiB) {
    throw new TableReadError(
      'too_large',
      `文件内部“${part.entry.name}”过大（${formatMiB(part.entry.uncompressedSize)}），无法读取。`,
    );
  }
  const chunks: Buffer[] = [];
  for await (const c of inflatePart(file, part, false)) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}
