import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { apiKey, keySecret } from './__fixtures__/chat';
import { createAblyJwt } from './create-ably-jwt';
import { AblyTokenError } from './errors';

const secret = new TextEncoder().encode(keySecret);
const capability = { 'chat:general': ['subscribe', 'publish'], 'chat:announcements': ['subscribe'] } as const;

describe('createAblyJwt', () => {
  it('signs HS256 with the key secret and names the key (appId.keyId) in kid', async () => {
    const token = await createAblyJwt({ apiKey, clientId: 'user_bob', capability });
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'HS256', kid: 'appId123.keyId456' });
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    expect(payload['x-ably-clientId']).toBe('user_bob');
    expect(JSON.parse(payload['x-ably-capability'] as string)).toEqual({
      'chat:announcements': ['subscribe'],
      'chat:general': ['publish', 'subscribe'],
    });
    expect(typeof payload['x-ably-capability']).toBe('string');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('is refused by a verifier holding another secret', async () => {
    const token = await createAblyJwt({ apiKey, capability });
    await expect(jwtVerify(token, new TextEncoder().encode('other'))).rejects.toThrow();
  });

  it('carries channel claims as strings, objects as JSON', async () => {
    const token = await createAblyJwt({
      apiKey,
      capability,
      channelClaims: { 'chat:*': { moderator: false }, 'chat:general': 'plain' },
    });
    const { payload } = await jwtVerify(token, secret);
    expect(payload['ably.channel.chat:*']).toBe('{"moderator":false}');
    expect(payload['ably.channel.chat:general']).toBe('plain');
  });

  it('honours ttlSeconds up to 24 hours and the issue time', async () => {
    const issuedAt = new Date('2026-11-01T00:00:00Z');
    const token = await createAblyJwt({ apiKey, capability, ttlSeconds: 86_400, issuedAt });
    const { payload } = await jwtVerify(token, secret, { currentDate: new Date('2026-11-01T01:00:00Z') });
    expect(payload.iat).toBe(issuedAt.getTime() / 1000);
    expect(payload.exp).toBe(issuedAt.getTime() / 1000 + 86_400);
  });

  it.each([
    ['invalid_api_key', { apiKey: 'not-a-key', capability }],
    ['invalid_api_key', { apiKey: 'appId123:secret', capability }],
    ['invalid_api_key', { apiKey: undefined, capability }],
    ['invalid_ttl', { apiKey, capability, ttlSeconds: 86_401 }],
    ['invalid_ttl', { apiKey, capability, ttlSeconds: 0 }],
    ['invalid_ttl', { apiKey, capability, ttlSeconds: 1.5 }],
    ['invalid_capability', { apiKey, capability: { 'chat:general': ['publish', 'shout'] } }],
    ['invalid_capability', { apiKey, capability: { 'chat:general': [] } }],
    ['invalid_capability', { apiKey, capability: ['chat:general'] }],
    ['empty_capability', { apiKey, capability: {} }],
    ['invalid_client_id', { apiKey, capability, clientId: 'user*' }],
    ['invalid_client_id', { apiKey, capability, clientId: '' }],
    ['invalid_claim', { apiKey, capability, channelClaims: { 'chat:*': 42 } }],
  ])('%s: %j', async (code, options) => {
    const error = await createAblyJwt(options as never).catch((caught: unknown) => caught);
    expect(AblyTokenError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code, message: expect.stringMatching(/^@clerkship\/ably-token: /) });
    expect((error as Error).message).not.toContain(keySecret);
  });

  it('token_too_large: more than about 8 KB of channels', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 300 }, (_, index) => [`chat:room-${index}`, ['subscribe']] as const),
    );
    await expect(createAblyJwt({ apiKey, capability: many })).rejects.toMatchObject({
      code: 'token_too_large',
    });
  });
});
