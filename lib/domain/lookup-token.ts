/**
 * The workstation's lookup token: proof that this hospital user, at this hospital, looked this
 * person up by exact ID number a short while ago. A filing names its person only by such a token,
 * so a hospital cannot file for — or learn anything about — a person it did not look up.
 *
 * Stateless (no table): `v1.<userId>.<hospitalId>.<personId>.<expiresAt>.<mac>`, expiresAt in Unix
 * seconds, mac = base64url HMAC-SHA256 of everything before it under a key derived from the server
 * secret. Pure: the key and the clock are passed in (lib/server/lookup-token.ts supplies them).
 */
import crypto from 'node:crypto';

/** How long a lookup stays good for filing. */
export const LOOKUP_TOKEN_TTL_MS = 30 * 60_000;

export interface LookupClaims {
  userId: number;
  hospitalId: number;
  personId: number;
}
export type SignedLookupClaims = LookupClaims & { expiresAt: number };

export type LookupTokenRefusal =
  'missing' | 'malformed' | 'forged' | 'other_user' | 'other_hospital' | 'other_person' | 'expired';

/** Why a token was refused, for the audit row (never shown to the hospital: it gets one message for all). */
export const LOOKUP_TOKEN_REFUSALS: Record<LookupTokenRefusal, string> = {
  missing: '未附查询凭据（未先按身份证号查询该人员）',
  malformed: '查询凭据格式错误',
  forged: '查询凭据签名无效（伪造或被篡改）',
  other_user: '查询凭据是另一用户查询时签发的',
  other_hospital: '查询凭据是在另一医院查询时签发的',
  other_person: '申请的人员与查询凭据中的人员不符',
  expired: '查询凭据已过期',
};

export type LookupTokenCheck =
  | { ok: true; claims: SignedLookupClaims }
  /** `claims` only when the signature is genuine (then the person is one we did look up, for someone). */
  | { ok: false; reason: LookupTokenRefusal; claims?: SignedLookupClaims };

const CONTEXT = 'yibao-portal/workstation-lookup-token/v1';
const TOKEN = /^v1\.([1-9]\d{0,9})\.([1-9]\d{0,9})\.([1-9]\d{0,9})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/;

/**
 * The signing key, derived from the server secret for this one purpose, so a token's MAC is never
 * a MAC the secret makes anywhere else (and the secret itself never signs client-held data here).
 */
export function lookupTokenKey(secret: string): Buffer {
  if (!secret) throw new Error('lookup token secret is empty');
  return crypto.createHmac('sha256', secret).update(CONTEXT).digest();
}

const macOf = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url');

function assertId(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 1 || value > 9_999_999_999) throw new RangeError(`${name} 应为正整数`);
}

/** A token for `claims`, good until `now + ttlMs` (to the second). */
export function signLookupToken(key: Buffer, claims: LookupClaims, now: Date, ttlMs = LOOKUP_TOKEN_TTL_MS): string {
  assertId('userId', claims.userId);
  assertId('hospitalId', claims.hospitalId);
  assertId('personId', claims.personId);
  const expiresAt = Math.floor((now.getTime() + ttlMs) / 1000);
  const payload = `v1.${claims.userId}.${claims.hospitalId}.${claims.personId}.${expiresAt}`;
  return `${payload}.${macOf(key, payload)}`;
}

/**
 * Checks a token against the caller (user and hospital) and, when the request also names one,
 * the person. Order: shape, signature (constant-time), caller, person, expiry — so an expired
 * token of another user is reported as another user's.
 */
export function verifyLookupToken(
  key: Buffer,
  token: string | null | undefined,
  expected: { userId: number; hospitalId: number; personId?: number },
  now: Date,
): LookupTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const mac = m[5];
  const given = Buffer.from(mac, 'ascii');
  const wanted = Buffer.from(macOf(key, token.slice(0, -mac.length - 1)), 'ascii');
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) return { ok: false, reason: 'forged' };
  const claims = { userId: Number(m[1]), hospitalId: Number(m[2]), personId: Number(m[3]), expiresAt: Number(m[4]) };
  if (claims.userId !== expected.userId) return { ok: false, reason: 'other_user', claims };
  if (claims.hospitalId !== expected.hospitalId) return { ok: false, reason: 'other_hospital', claims };
  if (expected.personId !== undefined && claims.personId !== expected.personId)
    return { ok: false, reason: 'other_person', claims };
  if (claims.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
