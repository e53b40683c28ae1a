import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  complianceRate,
  drawSample,
  newSeed,
  sampleSize,
  seededUint32,
  SAMPLING_ALGORITHM,
  type SampleSpec,
} from '@/lib/domain/sampling';

const items = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, label: `认定 ${from + i}` }));
const ids = (xs: { id: number }[]) => xs.map((x) => x.id);

describe('sampleSize', () => {
  test('percent → ceil(n·p/100), at least 1 when n > 0', () => {
    assert.equal(sampleSize(100, { percent: 5 }), 5);
    assert.equal(sampleSize(101, { percent: 5 }), 6);
    assert.equal(sampleSize(10, { percent: 5 }), 1);
    assert.equal(sampleSize(1, { percent: 0.1 }), 1);
    assert.equal(sampleSize(0, { percent: 5 }), 0);
    assert.equal(sampleSize(1537, { percent: 5 }), 77);
    assert.equal(sampleSize(100, { percent: 7 }), 7);
    assert.equal(sampleSize(1000, { percent: 0.7 }), 7);
    assert.equal(sampleSize(300, { percent: 1.1 }), 4);
    assert.equal(sampleSize(20, { percent: 100 }), 20);
  });
  test('count capped at n', () => {
    assert.equal(sampleSize(10, { count: 3 }), 3);
    assert.equal(sampleSize(10, { count: 30 }), 10);
    assert.equal(sampleSize(10, { count: 0 }), 0);
  });
  test('bad specs throw', () => {
    assert.throws(() => sampleSize(10, {}), /须且只能填写一项/);
    assert.throws(() => sampleSize(10, { percent: 5, count: 1 }), /须且只能填写一项/);
    for (const percent of [0, -1, 101, Number.NaN]) assert.throws(() => sampleSize(10, { percent }), /抽查比例/);
    for (const count of [-1, 1.5]) assert.throws(() => sampleSize(10, { count }), /抽查数量/);
  });
});

describe('drawSample', () => {
  test('reproducible, sorted by id, and independent of input order', () => {
    const xs = items(200);
    const a = drawSample(xs, { percent: 5 }, 'seed-1');
    assert.equal(a.length, 10);
    assert.deepEqual(drawSample(xs, { percent: 5 }, 'seed-1'), a);
    assert.deepEqual(drawSample([...xs].reverse(), { percent: 5 }, 'seed-1'), a);
    assert.deepEqual(
      ids(a),
      [...ids(a)].sort((x, y) => x - y),
    );
    assert.ok(
      a.every((x) => xs.includes(x)),
      'returns the original objects',
    );
  });

  test('a known draw stays the same (changing the algorithm must bump SAMPLING_ALGORITHM)', () => {
    assert.equal(SAMPLING_ALGORITHM, 'cyrb128-sfc32-fisher-yates-v1');
    assert.equal(seededUint32('abc')(), 3135866217);
    assert.notEqual(seededUint32('abd')(), 3135866217);
    assert.deepEqual(ids(drawSample(items(50).reverse(), { count: 5 }, 'golden')), [10, 16, 18, 26, 40]);
  });

  test('different seeds give different samples for a large population', () => {
    const xs = items(1000);
    const samples = new Set(
      Array.from({ length: 30 }, (_, i) => ids(drawSample(xs, { percent: 5 }, `s${i}`)).join(',')),
    );
    assert.equal(samples.size, 30);
  });

  test('edge cases: empty, all, duplicates, empty seed', () => {
    assert.deepEqual(drawSample([], { percent: 5 }, 'x'), []);
    assert.deepEqual(ids(drawSample(items(7), { count: 99 }, 'x')), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(ids(drawSample(items(7), { percent: 100 }, 'x')), [1, 2, 3, 4, 5, 6, 7]);
    assert.throws(() => drawSample([{ id: 1 }, { id: 1 }], { count: 1 }, 'x'), /编号重复/);
    assert.throws(() => drawSample(items(3), { count: 1 }, ''), /种子不能为空/);
  });

  test('uniformity: each item is chosen about percent of the time over many seeds', () => {
    const xs = items(20);
    const runs = 4000;
    const hits = new Map<number, number>();
    for (let r = 0; r < runs; r++)
      for (const x of drawSample(xs, { percent: 25 }, `u-${r}`)) hits.set(x.id, (hits.get(x.id) ?? 0) + 1);
    // expected 1000 each; sd ≈ 27, so ±150 is over 5 sd.
    for (const x of xs) {
      const h = hits.get(x.id) ?? 0;
      assert.ok(h > 850 && h < 1150, `id ${x.id} chosen ${h} times`);
    }
    // position bias check: the first and last ids are not favoured over the middle ones.
    const first = Array.from({ length: runs }, (_, r) => drawSample(xs, { count: 1 }, `p-${r}`)[0].id);
    const low = first.filter((id) => id <= 10).length;
    assert.ok(low > 1800 && low < 2200, `first half chosen ${low} of ${runs}`);
  });

  test('property: size rules, subset, sorted, unique, deterministic, order-independent', () => {
    const arb = fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 300 }).chain((idList) =>
      fc.record({
        xs: fc.constant(idList.map((id) => ({ id }))),
        shuffled: fc.shuffledSubarray(idList, { minLength: idList.length, maxLength: idList.length }),
        spec: fc.oneof(
          fc.record({ percent: fc.double({ min: 0.01, max: 100, noNaN: true }) }),
          fc.record({ count: fc.nat({ max: 400 }) }),
        ) as fc.Arbitrary<SampleSpec>,
        seed: fc.string({ minLength: 1 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ xs, shuffled, spec, seed }) => {
        const s = drawSample(xs, spec, seed);
        const n = xs.length;
        const want =
          spec.count !== undefined
            ? Math.min(spec.count, n)
            : n === 0
              ? 0
              : Math.max(1, Math.ceil((n * spec.percent!) / 100 - 1e-9));
        assert.equal(s.length, Math.min(n, want));
        const got = ids(s);
        assert.deepEqual(
          got,
          [...got].sort((a, b) => a - b),
        );
        assert.equal(new Set(got).size, got.length);
        assert.ok(got.every((id) => xs.some((x) => x.id === id)));
        assert.deepEqual(drawSample(xs, spec, seed), s);
        assert.deepEqual(
          ids(
            drawSample(
              shuffled.map((id) => ({ id })),
              spec,
              seed,
            ),
          ),
          got,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('newSeed', () => {
  test('random UUIDs', () => {
    const a = newSeed();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, newSeed());
  });
});

describe('complianceRate', () => {
  test('counts and rate', () => {
    assert.deepEqual(complianceRate(['compliant', 'non_compliant', null, 'compliant', 'compliant']), {
      checked: 4,
      compliant: 3,
      nonCompliant: 1,
      unchecked: 1,
      rate: 0.75,
    });
  });
  test('nothing checked → rate null', () => {
    assert.equal(complianceRate([]).rate, null);
    assert.deepEqual(complianceRate([null, null]), {
      checked: 0,
      compliant: 0,
      nonCompliant: 0,
      unchecked: 2,
      rate: null,
    });
    assert.equal(complianceRate(['non_compliant']).rate, 0);
  });
});
