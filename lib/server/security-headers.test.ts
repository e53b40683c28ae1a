/** next.config.js's security headers: the page policy everywhere, `sandbox` for evidence files, HSTS over https only. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { EVIDENCE_CSP, evidenceResponse } from './evidence-response';

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}
const load = createRequire(path.join(process.cwd(), 'package.json'));
const nextConfig = load('./next.config.js') as { headers: () => Promise<HeaderRule[]> };

/** The headers Next sends for a path: every matching rule in order, a later rule's key replacing an earlier one. */
async function headersFor(pathname: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rule of await nextConfig.headers()) {
    const re = new RegExp('^' + rule.source.replace('/:path*', '(?:/.*)?').replace(/:[a-z]+/gi, '[^/]+') + '$');
    if (re.test(pathname)) for (const h of rule.headers) out.set(h.key.toLowerCase(), h.value);
  }
  return out;
}

const saved = { url: process.env.NEXTAUTH_URL };
afterEach(() => {
  if (saved.url === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved.url;
});

test('pages: a CSP of self (inline styles for antd, inline scripts for Next), no framing, no referrer, nosniff', async () => {
  process.env.NEXTAUTH_URL = 'http://localhost:3000';
  for (const p of ['/login', '/matching/lists/1', '/workstation', '/api/lists']) {
    const h = await headersFor(p);
    const csp = h.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/, p);
    assert.match(csp, /script-src 'self' 'unsafe-inline'(;|$)/, p);
    assert.match(csp, /style-src 'self' 'unsafe-inline'/, p);
    assert.match(csp, /frame-ancestors 'none'/, p);
    assert.match(csp, /object-src 'none'/, p);
    assert.equal(h.get('x-frame-options'), 'DENY');
    assert.equal(h.get('x-content-type-options'), 'nosniff');
    assert.equal(h.get('referrer-policy'), 'no-referrer');
    assert.equal(h.has('strict-transport-security'), false, 'no HSTS over http');
  }
});

test('HSTS and upgrade-insecure-requests when the portal is served over https', async () => {
  process.env.NEXTAUTH_URL = 'https://yibao.example.cn';
  const h = await headersFor('/login');
  assert.match(h.get('strict-transport-security') ?? '', /^max-age=\d{7,}/);
  assert.match(h.get('content-security-policy') ?? '', /upgrade-insecure-requests/);
});

test('evidence files: sandboxed, nosniff — by the config rule and by the response itself', async () => {
  for (const p of ['/api/evidence/7', '/api/certifications/evidence/7', '/api/workstation/evidence/7']) {
    const h = await headersFor(p);
    assert.equal(h.get('content-security-policy'), EVIDENCE_CSP, p);
    assert.equal(h.get('x-content-type-options'), 'nosniff');
  }
  const r = evidenceResponse({
    ok: true,
    data: { content: Buffer.from('%PDF-1.4'), mimeType: 'application/pdf', fileName: '证明.pdf' },
  });
  assert.equal(r.headers.get('content-security-policy'), EVIDENCE_CSP);
  assert.match(r.headers.get('content-security-policy') ?? '', /^sandbox/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});
