import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  idDifference,
  outsideScopeNote,
  shownEvidence,
  suggestMatches,
  type SuggestionCandidate,
} from '@/lib/domain/suggestions';

const ZHANG: SuggestionCandidate = {
  personId: 1,
  name: '张三',
  idNumber: '371003198506120414',
  birthDate: '1985-06-12',
  townCode: '371003110',
};
const ZHANG_OTHER: SuggestionCandidate = {
  personId: 2,
  name: '张三',
  idNumber: '370404199203080621',
  birthDate: '1992-03-08',
  townCode: '371003001',
};
const LI: SuggestionCandidate = {
  personId: 3,
  name: '李四',
  idNumber: '371003198506120430',
  birthDate: '1985-06-12',
  townCode: '371003110',
};

describe('idDifference', () => {
  test('kinds and 1-based positions', () => {
    assert.deepEqual(idDifference('371003198506120414', '371003198506120414'), { kind: 'same' });
    assert.deepEqual(idDifference('371003198506120404', '371003198506120414'), { kind: 'one_digit', position: 17 });
    assert.deepEqual(idDifference('271003198506120414', '371003198506120414'), { kind: 'one_digit', position: 1 });
    assert.deepEqual(idDifference('371003198560120414', '371003198506120414'), { kind: 'transposition', position: 11 });
    assert.deepEqual(idDifference('371003198506120441', '371003198506120414'), { kind: 'transposition', position: 17 });
    assert.deepEqual(idDifference('371003198506120400', '371003198506120414'), { kind: 'other' });
    assert.deepEqual(idDifference('371003198560120415', '371003198506120414'), { kind: 'other' });
    assert.deepEqual(idDifference('37100319850612041', '371003198506120414'), { kind: 'other' });
    assert.deepEqual(idDifference('', '371003198506120414'), { kind: 'other' });
  });
});

describe('suggestMatches', () => {
  test('drops other names; name + birth date derived from the raw ID is strong', () => {
    const s = suggestMatches({ name: '张 三', idNumber: '371003198506120400' }, [LI, ZHANG_OTHER, ZHANG]);
    assert.deepEqual(
      s.map((x) => x.personId),
      [1, 2],
    );
    assert.equal(s[0].strength, 'strong');
    assert.equal(s[0].score, 70);
    assert.ok(s[0].reasons.includes('出生日期相同（由名单身份证号推算）'));
    const birth = s[0].evidence.find((e) => e.field === 'birthDate');
    assert.deepEqual(birth, {
      field: 'birthDate',
      row: '1985年',
      candidate: '1985年',
      agrees: true,
      note: '出生日期一致（名单出生日期由其身份证号第 7-14 位推算）',
    });
    assert.equal(s[1].strength, 'none');
    assert.equal(s[1].score, 30);
  });

  test('one-digit difference: strong, evidence masked with a position note', () => {
    const [top] = suggestMatches({ name: '张三', idNumber: '371003198506120404', townCode: '371003110' }, [ZHANG]);
    assert.equal(top.strength, 'strong');
    assert.equal(top.score, 100);
    assert.ok(top.reasons.includes('身份证号仅第 17 位不同'));
    const id = top.evidence.find((e) => e.field === 'idNumber');
    assert.deepEqual(id, {
      field: 'idNumber',
      row: '371003**********04',
      candidate: '371003**********14',
      agrees: false,
      note: '第 17 位不同',
    });
    for (const e of top.evidence) {
      assert.doesNotMatch(`${e.row} ${e.candidate}`, /\d{18}|\d{17}X/, 'no unmasked ID in evidence');
      assert.doesNotMatch(`${e.row} ${e.candidate}`, /\d{4}-\d{2}-\d{2}/, 'no whole birth date in evidence');
    }
  });

  test('adjacent transposition in the birth date part: strong via the ID, birth disagrees', () => {
    const [top] = suggestMatches({ name: '张三', idNumber: '371003198560120414' }, [ZHANG]);
    assert.equal(top.strength, 'strong');
    assert.equal(top.score, 75);
    assert.ok(top.reasons.includes('身份证号第 11、12 位顺序颠倒'));
    const birth = top.evidence.find((e) => e.field === 'birthDate');
    assert.equal(birth?.row, null);
    assert.equal(birth?.agrees, false);
  });

  test("row's own birth date field wins; name + town only is weak", () => {
    const s = suggestMatches({ name: '张三', idNumber: '', birthDate: '1992/3/8', townCode: '371003110' }, [
      ZHANG,
      ZHANG_OTHER,
    ]);
    assert.deepEqual(
      s.map((x) => [x.personId, x.score, x.strength]),
      [
        [2, 70, 'strong'],
        [1, 50, 'weak'],
      ],
    );
    assert.ok(s[0].reasons.includes('出生日期相同'));
    assert.equal(s[1].evidence.find((e) => e.field === 'idNumber')?.note, '名单未填身份证号');
    assert.equal(s[1].evidence.find((e) => e.field === 'idNumber')?.row, null);
    assert.ok(s[1].reasons.includes('同一乡镇(街道)'));
  });

  test('empty name or no same-name candidate → nothing', () => {
    assert.deepEqual(suggestMatches({ name: '', idNumber: '371003198506120404' }, [ZHANG]), []);
    assert.deepEqual(suggestMatches({ name: '王五', idNumber: '371003198506120404' }, [ZHANG, LI]), []);
  });
});

describe('shownEvidence', () => {
  test('evidence stored before: masks re-masked, whole birth dates cut to years', () => {
    const stored = {
      reasons: ['姓名相同', '出生日期相同（由名单身份证号推算）'],
      strength: 'strong',
      fields: [
        { field: 'name', row: '张三', candidate: '张三', agrees: true },
        {
          field: 'idNumber',
          row: '371003********0404',
          candidate: '371003********0414',
          agrees: false,
          note: '第 17 位不同',
        },
        {
          field: 'birthDate',
          row: '1985-06-12',
          candidate: '1985-06-12',
          agrees: true,
          note: '由名单身份证号第 7-14 位推算',
        },
        { field: 'townCode', row: null, candidate: '371003110', agrees: false },
      ],
    };
    assert.deepEqual(shownEvidence(stored), {
      ...stored,
      fields: [
        stored.fields[0],
        { ...stored.fields[1], row: '371003**********04', candidate: '371003**********14' },
        {
          field: 'birthDate',
          row: '1985年',
          candidate: '1985年',
          agrees: true,
          note: '出生日期一致（名单出生日期由其身份证号第 7-14 位推算）',
        },
        stored.fields[3],
      ],
    });
  });

  test('disagreeing dates say how; evidence stored now is unchanged', () => {
    const [e] = (
      shownEvidence({
        fields: [{ field: 'birthDate', row: '1985-06-13', candidate: '1985-06-12', agrees: false }],
      }) as { fields: unknown[] }
    ).fields;
    assert.deepEqual(e, {
      field: 'birthDate',
      row: '1985年',
      candidate: '1985年',
      agrees: false,
      note: '出生年份相同，月日不一致',
    });
    const [now] = suggestMatches({ name: '张三', idNumber: '371003198506120404' }, [ZHANG]);
    assert.deepEqual(shownEvidence({ fields: now.evidence }), { fields: now.evidence });
    assert.equal(shownEvidence(null), null);
  });
});

describe('outsideScopeNote', () => {
  test('none outside: no note', () => {
    assert.equal(outsideScopeNote('town', { outside: 0, outsideDistrict: 0 }), null);
  });
  test('a town’s staff: other towns of the district go to district staff, other districts to the area', () => {
    assert.equal(
      outsideScopeNote('town', { outside: 2, outsideDistrict: 0 }),
      '另有 2 个可能匹配的人员不在您的管辖范围内，请区级经办人员核对',
    );
    assert.match(outsideScopeNote('town', { outside: 2, outsideDistrict: 1 })!, /请全统筹区经办人员核对/);
  });
  test('district staff: beyond the district, the area', () => {
    assert.match(
      outsideScopeNote('district', { outside: 1, outsideDistrict: 1 })!,
      /另有 1 个.*请全统筹区经办人员核对/,
    );
  });
});
