import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LOOKUP_TOKEN_REFUSALS,
  LOOKUP_TOKEN_TTL_MS,
  lookupTokenKey,
  signLookupToken,
  verifyLookupToken,
} from './lookup-token';

const key = lookupTokenKey('test-secret');
const t0 = new Date('2026-11-22T08:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const claims = { userId: 7, hospitalId: 3, personId: 12345 };
const caller = { userId: 7, hospitalId: 3 };
const token = signLookupToken(key, claims, t0);

test('a token verifies for its user and hospital until it expires after 30 minutes', () => {
  assert.match(token, /^v1\.7\.3\.12345\.\d+\.[A-Za-z0-9_-]{43}$/);
  const r = verifyLookupToken(key, token, caller, plus(LOOKUP_TOKEN_TTL_MS - 1000));
  assert.deepEqual(r, { ok: true, claims: { ...claims, expiresAt: (t0.getTime() + LOOKUP_TOKEN_TTL_MS) / 1000 } });
  assert.equal(verifyLookupToken(key, token, { ...caller, personId: 12345 }, t0).ok, true);
  const late = verifyLookupToken(key, token, caller, plus(LOOKUP_TOKEN_TTL_MS));
  assert.equal(!late.ok && late.reason, 'expired');
  assert.equal(!late.ok && late.claims?.personId, 12345, 'an expired genuine token still names its person');
});

test('signing is deterministic for the same key, claims and clock', () => {
  assert.equal(signLookupToken(key, claims, t0), token);
  assert.notEqual(signLookupToken(lookupTokenKey('another'), claims, t0), token);
});

test('missing and malformed tokens', () => {
  for (const t of [undefined, null, ''])
    assert.deepEqual(verifyLookupToken(key, t, caller, t0), { ok: false, reason: 'missing' });
  for (const t of [
    'abc',
    `${token}x`,
    token.replace('v1.', 'v2.'),
    token.replace('.7.', '.07.'),
    `${token} `,
    '12345',
  ]) {
    assert.deepEqual(verifyLookupToken(key, t, caller, t0), { ok: false, reason: 'malformed' }, t);
  }
});

test('any change to the payload or the MAC, or another key, is a forgery (and reveals no claims)', () => {
  const [v, u, h, p, e, mac] = token.split('.');
  const variants = [
    [v, u, h, String(Number(p) + 1), e, mac], // another person
    [v, u, h, p, String(Number(e) + 3600), mac], // a later expiry
    [v, '8', h, p, e, mac], // relabelled for another user
    [v, u, h, p, e, (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)],
  ].map((parts) => parts.join('.'));
  for (const t of [...variants, signLookupToken(lookupTokenKey('another'), claims, t0)]) {
    assert.deepEqual(verifyLookupToken(key, t, caller, t0), { ok: false, reason: 'forged' }, t);
  }
});

test("another user's, another hospital's or another person's token is refused with that reason", () => {
  const reason = (expected: Parameters<typeof verifyLookupToken>[2], t = token, now = t0) => {
    const r = verifyLookupToken(key, t, expected, now);
    return r.ok ? 'ok' : r.reason;
  };
  assert.equal(reason({ userId: 8, hospitalId: 3 }), 'other_user');
  assert.equal(reason({ userId: 7, hospitalId: 4 }), 'other_hospital');
  assert.equal(reason({ ...caller, personId: 12346 }), 'other_person');
  // The caller mismatch is reported before the expiry.
  assert.equal(reason({ userId: 8, hospitalId: 3 }, token, plus(2 * LOOKUP_TOKEN_TTL_MS)), 'other_user');
});

test('every refusal has an audit text; ids must be positive integers; the secret must not be empty', () => {
  for (const text of Object.values(LOOKUP_TOKEN_REFUSALS)) assert.ok(text.length > 0);
  assert.throws(() => signLookupToken(key, { ...claims, personId: 0 }, t0), RangeError);
  assert.throws(() => signLookupToken(key, { ...claims, userId: 1.5 }, t0), RangeError);
  assert.throws(() => lookupTokenKey(''));
});
