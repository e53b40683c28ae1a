import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  computeCheckCharacter,
  makeIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  upgradeFifteenDigit,
  validateIdNumber,
  type IdValidation,
} from './id-number';

const TODAY = new Date(2026, 0, 1);

/** Same vectors as /work/shared/reference/id-vectors.txt, used if that file is missing. */
const FALLBACK_VECTORS: Array<[string, string]> = [
  ['11010519491231002X', 'VALID'],
  ['440524188001010014', 'VALID'],
  ['371003198506120414', 'VALID'],
  ['370404199203080621', 'VALID'],
  ['370181197809151137', 'VALID'],
  ['140105200101010086', 'VALID'],
  ['371003198506120410', 'INVALID'],
  ['371081850612041', '371081198506120413'],
  ['370181780915113', '370181197809151137'],
];

function loadVectors(): { source: string; vectors: Array<[string, string]> } {
  const file = path.join(process.cwd(), '..', 'shared', 'reference', 'id-vectors.txt');
  if (!fs.existsSync(file)) return { source: 'fallback', vectors: FALLBACK_VECTORS };
  const vectors = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const [input, expected] = line.split('\t').map((s) => s.trim());
      assert.ok(input && expected, `malformed vector line: ${JSON.stringify(line)}`);
      return [input, expected] as [string, string];
    });
  return { source: file, vectors };
}

function expectOk(r: IdValidation): Extract<IdValidation, { ok: true }> {
  assert.equal(r.ok, true, r.ok ? '' : `${r.code}: ${r.message}`);
  return r as Extract<IdValidation, { ok: true }>;
}

function expectFail(r: IdValidation, code?: string): Extract<IdValidation, { ok: false }> {
  assert.equal(r.ok, false, r.ok ? `unexpectedly valid: ${r.id}` : '');
  const f = r as Extract<IdValidation, { ok: false }>;
  if (code) assert.equal(f.code, code, f.message);
  assert.ok(f.message.length > 0);
  return f;
}

describe('reference vectors', () => {
  const { source, vectors } = loadVectors();
  let checked = 0;

  for (const [input, expected] of vectors) {
    test(`${input} → ${expected}`, () => {
      const r = validateIdNumber(input, TODAY);
      if (expected === 'VALID') {
        const ok = expectOk(r);
        assert.equal(ok.id, input);
        assert.equal(ok.upgradedFrom15, false);
      } else if (expected === 'INVALID') {
        expectFail(r);
      } else {
        assert.match(expected, /^\d{17}[\dX]$/);
        assert.equal(upgradeFifteenDigit(input), expected);
        const ok = expectOk(r);
        assert.equal(ok.id, expected);
        assert.equal(ok.upgradedFrom15, true);
      }
      checked++;
    });
  }

  test(`at least 9 vectors were checked (source: ${source})`, () => {
    assert.ok(vectors.length >= 9, `only ${vectors.length} vectors loaded`);
    assert.equal(checked, vectors.length);
  });

  test('the check-character error names expected and actual', () => {
    const f = expectFail(validateIdNumber('371003198506120410', TODAY), 'check_character');
    assert.equal(f.message, '校验位错误：应为 4，实为 0');
  });

  test('old address codes (371081, 370181) are accepted', () => {
    expectOk(validateIdNumber(makeIdNumber('371081', '1985-06-12', 41, 'M'), TODAY));
    expectOk(validateIdNumber('370181197809151137', TODAY));
  });
});

describe('normalization', () => {
  test('spaces inside, incl. full-width space', () => {
    assert.equal(normalizeIdNumber('371003 1985\u30000612 0414'), '371003198506120414');
    expectOk(validateIdNumber('3710 0319 8506 1204 14', TODAY));
  });

  test('full-width digits', () => {
    assert.equal(normalizeIdNumber('３７１００３１９８５０６１２０４１４'), '371003198506120414');
    assert.equal(expectOk(validateIdNumber('３７１００３１９８５０６１２０４１４', TODAY)).id, '371003198506120414');
  });

  test('lower-case and full-width x', () => {
    assert.equal(normalizeIdNumber('11010519491231002x'), '11010519491231002X');
    assert.equal(normalizeIdNumber('11010519491231002ｘ'), '11010519491231002X');
    assert.equal(expectOk(validateIdNumber('11010519491231002x', TODAY)).id, '11010519491231002X');
  });

  test('leading/trailing whitespace', () => {
    assert.equal(normalizeIdNumber(' \t371003198506120414\n\u3000'), '371003198506120414');
  });

  test('does not upgrade 15 → 18', () => {
    assert.equal(normalizeIdNumber('371081850612041'), '371081850612041');
  });

  test('empty input', () => {
    expectFail(validateIdNumber('', TODAY), 'empty');
    expectFail(validateIdNumber(' \u3000 ', TODAY), 'empty');
  });
});

describe('Excel-mangled numbers', () => {
  for (const input of ['3.71003198506120E+17', '3.71003E+17', '371003198506120000.0', '3.71003e+17']) {
    test(`${input} → excel_number`, () => {
      const f = expectFail(validateIdNumber(input, TODAY), 'excel_number');
      assert.match(f.message, /Excel/);
      assert.match(f.message, /文本/);
    });
  }
});

describe('format', () => {
  for (const input of ['37100319850612041', '3710031985061204145', '37100319850612041A', '071003198506120414', 'abc']) {
    test(`${input} → format`, () => {
      expectFail(validateIdNumber(input, TODAY), 'format');
    });
  }
});

describe('birth date', () => {
  const withCheck = (first17: string) => first17 + computeCheckCharacter(first17);

  test('Feb 30 is rejected', () => {
    expectFail(validateIdNumber(withCheck('37100319850230041'), TODAY), 'birth_date');
  });

  test('1900-02-29 is rejected (1900 is not a leap year)', () => {
    expectFail(validateIdNumber(withCheck('37100319000229041'), TODAY), 'birth_date');
  });

  test('2000-02-29 is valid (2000 is a leap year)', () => {
    assert.equal(expectOk(validateIdNumber(withCheck('37100320000229041'), TODAY)).birthDate, '2000-02-29');
  });

  test('month 13 and day 00 are rejected', () => {
    expectFail(validateIdNumber(withCheck('37100319851301041'), TODAY), 'birth_date');
    expectFail(validateIdNumber(withCheck('37100319850100041'), TODAY), 'birth_date');
  });

  test('future date relative to injected today', () => {
    const id = withCheck('37100320240615041');
    expectFail(validateIdNumber(id, new Date(2024, 5, 14)), 'birth_date');
    expectOk(validateIdNumber(id, new Date(2024, 5, 15)));
  });

  test('before 1850-01-01 is rejected', () => {
    expectFail(validateIdNumber(withCheck('37100318491231041'), TODAY), 'birth_date');
    expectOk(validateIdNumber(withCheck('37100318500101041'), TODAY));
  });

  test('birth date is derived', () => {
    assert.equal(expectOk(validateIdNumber('371003198506120414', TODAY)).birthDate, '1985-06-12');
    assert.equal(expectOk(validateIdNumber('370181780915113', TODAY)).birthDate, '1978-09-15');
  });
});

describe('gender, mask, makeIdNumber', () => {
  test('gender from the 17th digit', () => {
    assert.equal(expectOk(validateIdNumber('371003198506120414', TODAY)).gender, 'M');
    assert.equal(expectOk(validateIdNumber('370404199203080621', TODAY)).gender, 'F');
    assert.equal(expectOk(validateIdNumber('11010519491231002X', TODAY)).gender, 'F');
    assert.equal(expectOk(validateIdNumber('140105200101010086', TODAY)).gender, 'F');
  });

  test('mask format: the area code and the last 2 characters stay', () => {
    assert.equal(maskIdNumber('371003198506120414'), '371003**********14');
    assert.equal(maskIdNumber('11010519491231002X'), '110105**********2X');
    assert.equal(maskIdNumber('371081850612041'), '371081********1');
    assert.equal(maskIdNumber('37100319850612041'), '371003***********');
    assert.equal(maskIdNumber('123456789'), '*********');
    assert.equal(maskIdNumber(''), '');
  });

  test('the mask hides the birth date and two sequence digits: a birth date beside it leaves many numbers', () => {
    const id = '371003198506120414';
    const masked = maskIdNumber(id);
    assert.equal(masked.slice(6, 16), '*'.repeat(10));
    // Everything a screen may show beside the mask — area, gender, even the whole birth date —
    // still leaves several valid numbers: the sequence digits 15-16 are unknown.
    const consistent = (birth: string) => {
      const found: string[] = [];
      for (let seq = 0; seq < 100; seq++) {
        const first17 = `${masked.slice(0, 6)}${birth.replace(/-/g, '')}${String(seq).padStart(2, '0')}${masked[16]}`;
        if (computeCheckCharacter(first17) === masked[17]) found.push(first17 + masked[17]);
      }
      return found;
    };
    const sameDate = consistent('1985-06-12');
    assert.ok(sameDate.includes(id));
    assert.ok(sameDate.length >= 5, `only ${sameDate.length}`);
    // With the year only (what screens show), thousands.
    let sameYear = 0;
    for (let d = new Date(Date.UTC(1985, 0, 1)); d.getUTCFullYear() === 1985; d.setUTCDate(d.getUTCDate() + 1))
      sameYear += consistent(d.toISOString().slice(0, 10)).length;
    assert.ok(sameYear >= 1000, `only ${sameYear}`);
  });

  test('every valid ID masks to 6 + 10 × * + 2, keeping the gender digit and the check character', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 45_000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom<'M' | 'F'>('M', 'F'),
        (days, seq, gender) => {
          const birth = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
          const id = makeIdNumber('371003', birth, seq, gender);
          const m = maskIdNumber(id);
          assert.match(m, /^371003\*{10}\d[\dX]$/);
          assert.equal(m.slice(-2), id.slice(-2));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('makeIdNumber forces sequence parity deterministically', () => {
    assert.equal(makeIdNumber('371003', '1985-06-12', 41, 'M'), '371003198506120414');
    assert.equal(makeIdNumber('371003', '1985-06-12', 40, 'M'), '371003198506120414');
    assert.equal(makeIdNumber('371003', '1985-06-12', 999, 'F').slice(14, 17), '998');
    assert.equal(makeIdNumber('371003', '1985-06-12', 0, 'M').slice(14, 17), '001');
  });

  test('makeIdNumber rejects bad input', () => {
    assert.throws(() => makeIdNumber('071003', '1985-06-12', 1, 'M'), RangeError);
    assert.throws(() => makeIdNumber('371003', '1985-02-30', 1, 'M'), RangeError);
    assert.throws(() => makeIdNumber('371003', '1985-06-12', 1000, 'M'), RangeError);
  });
});

describe('properties', () => {
  const NUM_RUNS = 500;
  const DAY = 86_400_000;
  const FROM = Date.UTC(1900, 0, 1);
  const TO = Date.UTC(2025, 11, 31);
  const dateArb = (from: number, to: number) =>
    fc
      .integer({ min: 0, max: Math.round((to - from) / DAY) })
      .map((n) => new Date(from + n * DAY).toISOString().slice(0, 10));
  const areaArb = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 99_999 }))
    .map(([a, b]) => `${a}${String(b).padStart(5, '0')}`);
  const genderArb = fc.constantFrom<'M' | 'F'>('M', 'F');
  const idArb = (from = FROM, to = TO) =>
    fc.record({ area: areaArb, birth: dateArb(from, to), seq: fc.integer({ min: 0, max: 999 }), gender: genderArb });
  const CHARS = '0123456789X';

  test('makeIdNumber output validates with the same birth date and gender', () => {
    fc.assert(
      fc.property(idArb(), ({ area, birth, seq, gender }) => {
        const r = expectOk(validateIdNumber(makeIdNumber(area, birth, seq, gender), TODAY));
        assert.equal(r.birthDate, birth);
        assert.equal(r.gender, gender);
        assert.equal(r.upgradedFrom15, false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('any single-digit change among the first 17 fails', () => {
    fc.assert(
      fc.property(idArb(), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
        const id = makeIdNumber(p.area, p.birth, p.seq, p.gender);
        const digit = String((Number(id[pos]) + delta) % 10);
        const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
        assert.notEqual(changed, id);
        assert.equal(validateIdNumber(changed, TODAY).ok, false, changed);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('any other check character fails', () => {
    fc.assert(
      fc.property(idArb(), fc.integer({ min: 1, max: 10 }), (p, delta) => {
        const id = makeIdNumber(p.area, p.birth, p.seq, p.gender);
        const other = CHARS[(CHARS.indexOf(id[17]) + delta) % CHARS.length];
        const r = validateIdNumber(id.slice(0, 17) + other, TODAY);
        expectFail(r, 'check_character');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('15-digit form of a 19xx number upgrades back to the same 18 digits', () => {
    fc.assert(
      fc.property(idArb(FROM, Date.UTC(1999, 11, 31)), (p) => {
        const id = makeIdNumber(p.area, p.birth, p.seq, p.gender);
        const id15 = id.slice(0, 6) + id.slice(8, 17);
        assert.equal(upgradeFifteenDigit(id15), id);
        const r = expectOk(validateIdNumber(id15, TODAY));
        assert.equal(r.id, id);
        assert.equal(r.upgradedFrom15, true);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
