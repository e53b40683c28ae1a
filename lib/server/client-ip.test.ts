import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { clientIp, PEER_HEADER, PEER_HEADER_ENV, stampPeer } from './client-ip';

const served = { [PEER_HEADER_ENV]: '1', TRUSTED_PROXIES: '10.0.0.1' };

test('the peer header counts only behind the portal server, which writes it', () => {
  const headers = { [PEER_HEADER]: '198.51.100.9', 'x-forwarded-for': '1.1.1.1' };
  assert.equal(clientIp(headers, served), '198.51.100.9');
  assert.equal(clientIp(headers, { TRUSTED_PROXIES: '10.0.0.1' }), null);
});

test('plain objects (next-auth) and fetch Headers (next/headers) give the same answer', () => {
  const raw = { [PEER_HEADER]: '::ffff:10.0.0.1', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' };
  assert.equal(clientIp(raw, served), '203.0.113.7');
  assert.equal(clientIp(new Headers(raw), served), '203.0.113.7');
  assert.equal(clientIp({ ...raw, 'x-forwarded-for': ['6.6.6.6', '203.0.113.7'] }, served), '203.0.113.7');
});

test('stampPeer replaces a forged peer header with the socket address', () => {
  const req = { socket: { remoteAddress: '198.51.100.9' }, headers: { [PEER_HEADER]: '10.0.0.1' } };
  stampPeer(req as unknown as IncomingMessage);
  assert.equal(req.headers[PEER_HEADER], '198.51.100.9');
  const gone = { socket: {}, headers: { [PEER_HEADER]: '10.0.0.1' } as Record<string, string> };
  stampPeer(gone as unknown as IncomingMessage);
  assert.equal(gone.headers[PEER_HEADER], undefined);
});
