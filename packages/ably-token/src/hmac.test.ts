import { describe, expect, it } from 'vitest';
import { base64UrlOf, createHmacSigner, createWebCryptoSigner, portableBase64UrlOf } from './hmac';

// Test runners expose Node's globals even in the edge-runtime environment, so the Web Crypto path
// (what Vercel Edge and Workers run) is exercised here directly, against the runtime's default.
describe('HMAC signers', () => {
  const secret = 'c2VjcmV0LXRoYXQtbXVzdC1zdGF5LW9uLXRoZS1zZXJ2ZXI';
  const inputs = ['', 'eyJ0eXAiOiJKV1QifQ.eyJpYXQiOjF9', 'ünïcödé ✓ and emoji 🚀', 'x'.repeat(5000)];

  it.each(inputs)('the Web Crypto signer and the default agree on %j', async (data) => {
    const expected = await createHmacSigner(secret)(data);
    expect(await createWebCryptoSigner(secret)(data)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each(inputs)('base64url without Buffer matches the default for %j', (text) => {
    expect(portableBase64UrlOf(text)).toBe(base64UrlOf(text));
  });
});
