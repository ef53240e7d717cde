import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { apiKey, chatPolicy, guest, keySecret, member } from '../__fixtures__/chat';
import { createAblyTokenRoute } from './token-route';

const request = new Request('http://localhost:3000/api/ably');

describe('the /api/ably route', () => {
  it('answers 401 JSON to a signed-out visitor instead of crashing', async () => {
    const GET = createAblyTokenRoute(chatPolicy, {
      apiKey,
      auth: async () => ({ isAuthenticated: false, userId: null }),
    });
    const response = await GET(request);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('answers 403 when the roles grant no channel', async () => {
    const response = await createAblyTokenRoute(chatPolicy, { apiKey, auth: async () => guest })(request);
    expect(response.status).toBe(403);
  });

  it('returns the JWT as application/jwt, uncached, with clientId = the Clerk user id on every refresh', async () => {
    const GET = createAblyTokenRoute(chatPolicy, { apiKey, ttlSeconds: 600, auth: async () => member });
    for (let refresh = 0; refresh < 2; refresh++) {
      const response = await GET(request);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/jwt');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const token = await response.text();
      expect(decodeProtectedHeader(token).kid).toBe('appId123.keyId456');
      const { payload } = await jwtVerify(token, new TextEncoder().encode(keySecret));
      expect(payload['x-ably-clientId']).toBe('user_bob');
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
    }
  });

  it('reads ABLY_API_KEY when no key is given, and fails loudly (500) when it is missing', async () => {
    const GET = createAblyTokenRoute(chatPolicy, { auth: async () => member });
    const previous = process.env.ABLY_API_KEY;
    try {
      process.env.ABLY_API_KEY = apiKey;
      expect((await GET(request)).status).toBe(200);
      delete process.env.ABLY_API_KEY;
      await expect(GET(request)).rejects.toMatchObject({ code: 'invalid_api_key' });
    } finally {
      if (previous === undefined) delete process.env.ABLY_API_KEY;
      else process.env.ABLY_API_KEY = previous;
    }
  });
});
