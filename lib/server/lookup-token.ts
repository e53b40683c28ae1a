/**
 * Issues and checks the workstation's lookup tokens (lib/domain/lookup-token.ts) with the key
 * derived from NEXTAUTH_SECRET. Without a secret (development, tests) the key is one of this
 * process: its tokens do not outlive it. In production a missing secret is an error.
 */
import crypto from 'node:crypto';
import {
  lookupTokenKey,
  signLookupToken,
  verifyLookupToken,
  type LookupClaims,
  type LookupTokenCheck,
} from '@/lib/domain/lookup-token';

let processSecret: string | undefined;
const keys = new Map<string, Buffer>();

function key(): Buffer {
  let secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    if (process.env.NODE_ENV === 'production') throw new Error('NEXTAUTH_SECRET 未设置：无法签发或核验工作站查询凭据');
    secret = processSecret ??= crypto.randomBytes(32).toString('hex');
  }
  let k = keys.get(secret);
  if (!k) keys.set(secret, (k = lookupTokenKey(secret)));
  return k;
}

/** A token for a lookup the user just made (30 minutes). */
export function issueLookupToken(claims: LookupClaims, now = new Date()): string {
  return signLookupToken(key(), claims, now);
}

/** Checks a filing's token against the caller (and the person the request names, if any). */
export function checkLookupToken(
  token: string | null | undefined,
  expected: { userId: number; hospitalId: number; personId?: number },
  now = new Date(),
): LookupTokenCheck {
  return verifyLookupToken(key(), token, expected, now);
}
