import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CsvFormatError, csvRecords } from '@/lib/import/csv-records';

async function records(chunks: string[], delimiter = ',', max = 1_000_000): Promise<string[][]> {
  async function* text() {
    yield* chunks;
  }
  const out: string[][] = [];
  for await (const batch of csvRecords(text(), delimiter, max)) out.push(...batch);
  return out;
}

/** csv-parse with the options readTable used before this parser replaced it: the reference. */
function reference(text: string, delimiter = ','): string[][] | 'error' {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: false,
    });
  } catch {
    return 'error';
  }
}

/** `text` cut at random places. */
function chunked(text: string, rnd: () => number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(rnd() * 6);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

describe('csvRecords', () => {
  test('fields, quotes, escaped quotes, line breaks inside quotes, CR/LF/CRLF, blank lines', async () => {
    assert.deepEqual(await records(['a,b\r\n"c,d","e""f"\n\n"g\nh",\r张"三,"x"y\n']), [
      ['a', 'b'],
      ['c,d', 'e"f'],
      [''],
      ['g\nh', ''],
      ['张"三', '"x"y'],
    ]);
    assert.deepEqual(await records(['a\tb,c\n'], '\t'), [['a', 'b,c']]);
    assert.deepEqual(await records(['a,b']), [['a', 'b']], 'no line break at the end');
    assert.deepEqual(await records(['a,b\n']), [['a', 'b']], 'a final line break adds no record');
    assert.deepEqual(await records(['""']), [['']]);
  });

  test('an unclosed quote and an endless record are errors with the line', async () => {
    await assert.rejects(
      records(['a,b\n"c,d\ne,f\n']),
      (e) => e instanceof CsvFormatError && e.code === 'quote_not_closed' && e.line === 2,
    );
    await assert.rejects(
      records(['a\n"', 'x'.repeat(50), 'y'.repeat(60)], ',', 100),
      (e) => e instanceof CsvFormatError && e.code === 'record_too_long',
    );
  });

  test('the same records as csv-parse with the options it had, on random text cut at random places', async () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 4294967296;
    };
    const alphabet = ['a', 'b', '张', ',', '\t', '"', '"', '\n', '\r', '\r\n', ' '];
    for (let round = 0; round < 3000; round++) {
      const length = Math.floor(rnd() * 30);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const delimiter = round % 5 === 0 ? '\t' : ',';
      const expected = reference(text, delimiter);
      const actual = await records(chunked(text, rnd), delimiter).catch(() => 'error' as const);
      assert.deepEqual(actual, expected, `text ${JSON.stringify(text)}, delimiter ${JSON.stringify(delimiter)}`);
    }
  });
});
