/**
 * The one place that turns a request's headers into the client address (audit log, login rate
 * limit): lib/domain/client-ip.ts's rule over the direct peer, X-Forwarded-For and TRUSTED_PROXIES.
 *
 * Next.js does not hand the TCP peer to route handlers or server actions, so the portal's server
 * (scripts/serve.ts) writes it into PEER_HEADER on every request, replacing whatever the client
 * sent, and sets PEER_HEADER_ENV. Without that server (a bare `next start`) the header could be
 * forged, so it is not read and the peer is unknown (null).
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '@/lib/domain/client-ip';

export const PEER_HEADER = 'x-portal-peer-address';
export const PEER_HEADER_ENV = 'PORTAL_PEER_HEADER';

/** Fetch-style headers (`headers()`, Request) or a plain object (next-auth's `req.headers`). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | null {
  if (typeof source.get === 'function') return (source as { get(name: string): string | null }).get(name);
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

let cached: { text: string | undefined; trusted: TrustedProxies } | null = null;

function trustedProxies(text: string | undefined): TrustedProxies {
  if (cached && cached.text === text) return cached.trusted;
  const trusted = parseTrustedProxies(text);
  if (trusted.invalid.length) console.warn(`[TRUSTED_PROXIES] 忽略无效的地址：${trusted.invalid.join(', ')}`);
  cached = { text, trusted };
  return trusted;
}

type Env = Readonly<Record<string, string | undefined>>;

export function clientIp(source: HeaderSource, env: Env = process.env): string | null {
  return clientAddress({
    peer: env[PEER_HEADER_ENV] === '1' ? header(source, PEER_HEADER) : null,
    forwardedFor: header(source, 'x-forwarded-for'),
    trusted: trustedProxies(env.TRUSTED_PROXIES).addresses,
  });
}

/** For scripts/serve.ts: the socket's address in PEER_HEADER, never the client's own value. */
export function stampPeer(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_HEADER] = peer;
  else delete req.headers[PEER_HEADER];
}
