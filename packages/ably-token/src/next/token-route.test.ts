import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiKey, chatPolicy, guest, keySecret, member } from '../__fixtures__/chat';
import { createAblyTokenRoute } from './token-route';

const request = new Request('http://localhost:3000/api/ably');

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the /api/ably route', () => {
  it('answers 401 JSON to a signed-out visitor instead of crashing', async () => {
    const GET = createAblyTokenRoute(chatPolicy, {
      apiKey,
      auth: async () => ({ isAuthenticated: false, userId: null }),
    });
    const response = await GET(request);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: 'signed_out' });
  });

  it('answers 401 to a pending session, as to a signed-out one (the README says so)', async () => {
    const pending = { ...member, sessionStatus: 'pending' };
    const response = await createAblyTokenRoute(chatPolicy, { apiKey, auth: async () => pending })(request);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'signed_out' });
  });

  it('uses the session a guard already read, without calling auth() again', async () => {
    let calls = 0;
    const GET = createAblyTokenRoute(chatPolicy, {
      apiKey,
      auth: async () => {
        calls++;
        return guest;
      },
    });
    const response = await GET(request, { session: { auth: member } });
    expect(response.status).toBe(200);
    expect(calls).toBe(0);
  });

  it('answers 403 when the roles grant no channel', async () => {
    const response = await createAblyTokenRoute(chatPolicy, { apiKey, auth: async () => guest })(request);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'empty_capability' });
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

  it('reads ABLY_API_KEY when no key is given, and answers a clear JSON 500 when it is missing', async () => {
    const GET = createAblyTokenRoute(chatPolicy, { auth: async () => member });
    vi.stubEnv('ABLY_API_KEY', apiKey);
    expect((await GET(request)).status).toBe(200);
    vi.stubEnv('ABLY_API_KEY', '');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await GET(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: 'missing_api_key',
      message: expect.stringMatching(
        /^@clerkship\/ably-token: the server has no Ably API key\. Set ABLY_API_KEY/,
      ),
    });
    expect(errors).toHaveBeenCalledOnce();
  });
});
