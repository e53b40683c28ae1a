import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  MATCH_CLASSES,
  MATCH_CLASS_LABELS,
  classifyListRow,
  needsCase,
  type ClassifyInput,
  type MatchClass,
} from '@/lib/domain/classification';

type E = ClassifyInput['enrollments'][number];
const res = (status: E['status'] = 'active'): E => ({ scheme: 'resident', status });
const emp = (status: E['status'] = 'active'): E => ({ scheme: 'employee', status });
const found = (enrollments: E[]): ClassifyInput => ({ idValid: true, personFound: true, enrollments });

describe('classifyListRow', () => {
  test('invalid ID wins over everything', () => {
    assert.equal(classifyListRow({ idValid: false, personFound: true, enrollments: [res()] }), 'invalid_id');
    assert.equal(classifyListRow({ idValid: false, personFound: false, enrollments: [] }), 'invalid_id');
  });

  test('not found', () => {
    assert.equal(classifyListRow({ idValid: true, personFound: false, enrollments: [] }), 'not_found');
  });

  test('single active enrollment', () => {
    assert.equal(classifyListRow(found([res()])), 'enrolled_resident');
    assert.equal(classifyListRow(found([emp()])), 'enrolled_employee');
    assert.equal(classifyListRow(found([res('terminated'), emp()])), 'enrolled_employee');
    assert.equal(classifyListRow(found([res(), emp('suspended')])), 'enrolled_resident');
  });

  test('duplicates: both schemes, or two active records of one scheme', () => {
    assert.equal(classifyListRow(found([res(), emp()])), 'duplicate');
    assert.equal(classifyListRow(found([res(), res()])), 'duplicate');
    assert.equal(classifyListRow(found([emp(), emp(), res('terminated')])), 'duplicate');
  });

  test('none active → not enrolled', () => {
    assert.equal(classifyListRow(found([])), 'not_enrolled');
    assert.equal(classifyListRow(found([res('suspended'), emp('terminated')])), 'not_enrolled');
  });
});

describe('labels and cases', () => {
  test('Chinese labels', () => {
    assert.deepEqual(MATCH_CLASS_LABELS, {
      enrolled_resident: '已参保(居民)',
      enrolled_employee: '已参保(职工)',
      duplicate: '重复参保',
      not_enrolled: '未参保',
      invalid_id: '身份证号有误',
      not_found: '查无此人',
    });
    assert.equal(MATCH_CLASSES.length, 6);
  });

  test('needsCase only for not_enrolled and duplicate', () => {
    const yes: MatchClass[] = MATCH_CLASSES.filter(needsCase);
    assert.deepEqual(yes.sort(), ['duplicate', 'not_enrolled']);
  });
});
