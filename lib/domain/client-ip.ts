/**
 * Who is calling, for the audit log and the login rate limit. X-Forwarded-For is written by whoever
 * sends the request, so it is believed only as far as trusted proxies wrote it: when the direct peer
 * (the TCP address) is a trusted proxy, the chain is read from the right — each entry was appended by
 * the hop to its right — and the first address that is not a trusted proxy is the client. Otherwise
 * the direct peer is the client and the header is ignored. Pure: the caller passes the peer, the
 * header and the trusted list (TRUSTED_PROXIES).
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9a-f:]+(?:\d{1,3}(?:\.\d{1,3}){3})?(?:%[\w.-]+)?$/;

function isIpv4(s: string): boolean {
  const m = IPV4.exec(s);
  return !!m && m.slice(1).every((part) => Number(part) <= 255);
}

function isIpv6(s: string): boolean {
  if (s.length > 64 || !s.includes(':') || !IPV6.test(s)) return false;
  const doubleColons = s.split('::').length - 1;
  const groups = s.split('%')[0].split(':');
  return (
    doubleColons <= 1 &&
    groups.length >= 3 &&
    groups.length <= 8 &&
    groups.every((g) => g.length <= 4 || g.includes('.'))
  );
}

/**
 * One address as written in a socket, a header or the configuration: lower case, IPv4-mapped IPv6
 * (`::ffff:10.0.0.1`) as plain IPv4, without brackets or a port (`[::1]:443`, `10.0.0.1:5000`).
 * Null when it is not an IP address (`unknown`, a host name, garbage).
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let s = (raw ?? '').trim().toLowerCase();
  if (!s) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1];
  if (isIpv4(s) || isIpv6(s)) return s;
  return null;
}

export interface TrustedProxies {
  addresses: ReadonlySet<string>;
  /** Entries that are not IP addresses (ignored, so that a typo trusts nothing rather than anything). */
  invalid: string[];
}

/** TRUSTED_PROXIES: IP addresses separated by commas (or spaces). */
export function parseTrustedProxies(text: string | null | undefined): TrustedProxies {
  const addresses = new Set<string>();
  const invalid: string[] = [];
  for (const entry of (text ?? '').split(/[,\s]+/)) {
    if (!entry) continue;
    const address = normalizeAddress(entry);
    if (address) addresses.add(address);
    else invalid.push(entry);
  }
  return { addresses, invalid };
}

/**
 * The client's address: the direct peer, unless the peer is a trusted proxy — then the rightmost
 * address in X-Forwarded-For that is not a trusted proxy. Null when the peer is unknown.
 */
export function clientAddress(input: {
  peer: string | null | undefined;
  forwardedFor: string | null | undefined;
  trusted: ReadonlySet<string>;
}): string | null {
  const { trusted } = input;
  let nearest = normalizeAddress(input.peer);
  if (!nearest || !trusted.has(nearest)) return nearest;
  const chain = (input.forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normalizeAddress(chain[i]);
    // Not an address: the trusted hop that passed it on is as far as we can tell.
    if (!address) return nearest;
    if (!trusted.has(address)) return address;
    nearest = address;
  }
  // Every hop is a trusted proxy (a proxy calling itself, a health check): the farthest one.
  return nearest;
}
