import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectEvidenceType, evidenceProblem, MAX_EVIDENCE_BYTES } from './evidence';

test('recognizes PDF, JPEG and PNG by content', () => {
  assert.equal(detectEvidenceType(Buffer.from('%PDF-1.7\n')), 'application/pdf');
  assert.equal(detectEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(detectEvidenceType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png');
});

test('refuses other content whatever the name, empty files and files over 10 MB', () => {
  assert.match(evidenceProblem(Buffer.from('MZ executable')) ?? '', /PDF、JPG 或 PNG/);
  assert.match(evidenceProblem(Buffer.alloc(0)) ?? '', /为空/);
  const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1);
  big.write('%PDF-');
  assert.match(evidenceProblem(big) ?? '', /10 MB/);
  assert.equal(evidenceProblem(Buffer.from('%PDF-1.4 ok')), null);
});
