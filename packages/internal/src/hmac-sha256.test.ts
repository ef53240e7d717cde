import { base64url, SignJWT } from 'jose';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { base64UrlOf, createHmacSha256, createWebCryptoHmacSha256 } from './hmac-sha256';

// Test runners expose Node's globals even in the edge-runtime environment, so the Web Crypto path
// (what Vercel Edge and Workers run) is exercised here directly, against the runtime's default.
const secret = 'c2VjcmV0LXRoYXQtbXVzdC1zdGF5LW9uLXRoZS1zZXJ2ZXI';
const inputs = ['', 'eyJ0eXAiOiJKV1QifQ.eyJpYXQiOjF9', 'ünïcödé ✓ and emoji 🚀', 'x'.repeat(5000)];

describe('HMAC-SHA256, base64url (JWS, as Ably tokens use)', () => {
  it.each(inputs)('the Web Crypto signer and the default agree on %j', async (data) => {
    const expected = await createHmacSha256(secret, 'base64url')(data);
    expect(await createWebCryptoHmacSha256(secret, 'base64url')(data)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs an HS256 JWT byte for byte as jose does', async () => {
    const header = { alg: 'HS256', typ: 'JWT', kid: 'app.key' };
    const claims = { 'x-ably-clientId': 'user_bob', iat: 1_700_000_000, exp: 1_700_003_600 };
    const token = await new SignJWT(claims).setProtectedHeader(header).sign(new TextEncoder().encode(secret));
    const [encodedHeader, encodedClaims] = token.split('.');
    const signature = await createHmacSha256(secret, 'base64url')(`${encodedHeader}.${encodedClaims}`);
    expect(`${encodedHeader}.${encodedClaims}.${signature}`).toBe(token);
  });

  it.each(inputs)('base64url of %j matches jose', (text) => {
    expect(base64UrlOf(text)).toBe(base64url.encode(text));
  });
});

describe('HMAC-SHA256, base64 (Svix webhooks)', () => {
  it('signs "<id>.<timestamp>.<body>" as svix does, in parts', async () => {
    const key = new Uint8Array(32).map((_, index) => index * 7);
    const webhook = new Webhook(key, { format: 'raw' });
    const timestamp = new Date(1_700_000_000_000);
    const body = '{"type":"user.created","data":{"id":"user_1"}}';
    const expected = webhook.sign('msg_1', timestamp, body).replace(/^v1,/, '');
    expect(await createHmacSha256(key, 'base64')('msg_1.1700000000.', body)).toBe(expected);
    expect(await createWebCryptoHmacSha256(key, 'base64')('msg_1.1700000000.', body)).toBe(expected);
  });
});
