/**
 * A minimal zip writer for the upload fuzzer (bench/fuzz-files.ts): hostile .xlsx files need
 * control no zip library gives — a central directory that lies about sizes, entries declared
 * small that inflate to gigabytes, deflate streams built from repeated blocks. Store (0) or
 * deflate (8); no zip64, no encryption.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Default true (deflate). */
  deflate?: boolean;
  /** Already deflated bytes (raw deflate) and the size they inflate to: data is then ignored. */
  raw?: { deflated: Buffer; size: number; crc: number };
  /** Overrides the uncompressed size written in both headers (a lying directory). */
  declaredSize?: number;
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    let body: Buffer;
    let size: number;
    let crc: number;
    let method: number;
    if (p.raw) {
      [body, size, crc, method] = [p.raw.deflated, p.raw.size, p.raw.crc, 8];
    } else {
      const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
      method = p.deflate === false ? 0 : 8;
      body = method === 8 ? zlib.deflateRawSync(data, { level: 6 }) : data;
      size = data.length;
      crc = zlib.crc32(data);
    }
    const declared = p.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(declared, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(Math.min(declared, 0xfffffffe), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

/**
 * Raw deflate of `head` + `block` × `times` + `tail` without holding the whole text: ~1 MB of
 * blocks is deflated once with a sync flush (byte-aligned, not final, no reference outside
 * itself) and that output repeated, then the tail as the final block — a gigabyte of XML costs
 * kilobytes of memory. Returns the compressed bytes, the inflated size and its CRC-32.
 */
export function deflateRepeated(head: string, block: string, times: number, tail: string) {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 9 };
  const one = Buffer.from(block, 'utf8');
  const per = Math.max(1, Math.min(times, Math.floor((1 << 20) / one.length)));
  const chunk = Buffer.concat(Array(per).fill(one));
  const chunkDeflated = zlib.deflateRawSync(chunk, flush);
  const chunkCrc = (crc: number) => zlib.crc32(chunk, crc);
  const h = Buffer.from(head, 'utf8');
  const out: Buffer[] = [zlib.deflateRawSync(h, flush)];
  let crc = zlib.crc32(h);
  let size = h.length;
  let left = times;
  for (; left >= per; left -= per) {
    out.push(chunkDeflated);
    crc = chunkCrc(crc);
    size += chunk.length;
  }
  const rest = Buffer.concat([...Array(left).fill(one), Buffer.from(tail, 'utf8')]);
  out.push(zlib.deflateRawSync(rest));
  crc = zlib.crc32(rest, crc);
  size += rest.length;
  return { deflated: Buffer.concat(out), size, crc: crc >>> 0 };
}

/** Raw deflate of `head` + `line(0…n-1)` + `tail`, about 1 MB at a time (each chunk flushed and
 *  independent, as in deflateRepeated): large generated XML without holding it whole. */
export function deflateLines(head: string, n: number, line: (i: number) => string, tail: string) {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 1 };
  const out: Buffer[] = [];
  let crc = 0;
  let size = 0;
  let text = head;
  const emit = (final: boolean) => {
    const b = Buffer.from(text, 'utf8');
    crc = zlib.crc32(b, crc);
    size += b.length;
    out.push(final ? zlib.deflateRawSync(b) : zlib.deflateRawSync(b, flush));
    text = '';
  };
  for (let i = 0; i < n; i++) {
    text += line(i);
    if (text.length > 1 << 20) emit(false);
  }
  text += tail;
  emit(true);
  return { deflated: Buffer.concat(out), size, crc: crc >>> 0 };
}
