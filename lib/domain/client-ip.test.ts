import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress, normalizeAddress, parseTrustedProxies } from './client-ip';

const trusted = parseTrustedProxies('10.0.0.1, 10.0.0.2 ,::1').addresses;
const ip = (peer: string | null, forwardedFor?: string) => clientAddress({ peer, forwardedFor, trusted });

test('addresses are normalized: IPv4-mapped IPv6, brackets, ports, case', () => {
  assert.equal(normalizeAddress('::ffff:192.168.1.20'), '192.168.1.20');
  assert.equal(normalizeAddress(' 203.0.113.7:51234 '), '203.0.113.7');
  assert.equal(normalizeAddress('[2001:DB8::1]:443'), '2001:db8::1');
  assert.equal(normalizeAddress('2001:db8::1'), '2001:db8::1');
  assert.equal(normalizeAddress('::1'), '::1');
  assert.equal(normalizeAddress('fe80::1%eth0'), 'fe80::1%eth0');
  for (const bad of [
    '',
    'unknown',
    'example.com',
    '999.1.1.1',
    '1.2.3',
    '1:2',
    '1::2::3',
    '<script>',
    null,
    undefined,
  ]) {
    assert.equal(normalizeAddress(bad), null, String(bad));
  }
});

test('TRUSTED_PROXIES: commas or spaces, invalid entries reported and ignored', () => {
  const parsed = parseTrustedProxies(' 10.0.0.1,,proxy.local  ::ffff:10.0.0.3 ');
  assert.deepEqual([...parsed.addresses], ['10.0.0.1', '10.0.0.3']);
  assert.deepEqual(parsed.invalid, ['proxy.local']);
  assert.equal(parseTrustedProxies(undefined).addresses.size, 0);
});

test('an untrusted peer is the client, whatever X-Forwarded-For claims', () => {
  assert.equal(ip('198.51.100.9', '1.1.1.1'), '198.51.100.9');
  assert.equal(ip('198.51.100.9', '10.0.0.1'), '198.51.100.9');
  assert.equal(ip('::ffff:198.51.100.9'), '198.51.100.9');
  // Nothing is trusted by default: the header never counts.
  assert.equal(clientAddress({ peer: '10.0.0.1', forwardedFor: '1.1.1.1', trusted: new Set() }), '10.0.0.1');
});

test('an unknown peer gives no address', () => {
  assert.equal(ip(null, '1.1.1.1'), null);
  assert.equal(ip('', '1.1.1.1'), null);
  assert.equal(ip('garbage', '1.1.1.1'), null);
});

test('behind trusted proxies: the rightmost untrusted address of the chain', () => {
  // The client forged "6.6.6.6"; the first proxy appended the real client 203.0.113.7.
  assert.equal(ip('10.0.0.1', '6.6.6.6, 203.0.113.7'), '203.0.113.7');
  assert.equal(ip('10.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.2'), '203.0.113.7');
  assert.equal(ip('::ffff:10.0.0.1', '6.6.6.6,203.0.113.7:4711'), '203.0.113.7');
  // A forged trusted address on the left does not help: the real client is to its right.
  assert.equal(ip('10.0.0.1', '10.0.0.2, 203.0.113.7'), '203.0.113.7');
});

test('behind trusted proxies: no header, only proxies, or garbage in the chain', () => {
  assert.equal(ip('10.0.0.1'), '10.0.0.1');
  assert.equal(ip('10.0.0.1', '  '), '10.0.0.1');
  assert.equal(ip('10.0.0.1', '10.0.0.2'), '10.0.0.2');
  assert.equal(ip('10.0.0.1', 'unknown, 10.0.0.2'), '10.0.0.2');
  assert.equal(ip('10.0.0.1', 'unknown'), '10.0.0.1');
});
