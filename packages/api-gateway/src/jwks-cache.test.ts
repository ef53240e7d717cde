import { createTestKeys } from '@clerkship/testing';
import { describe, expect, it, vi } from 'vitest';
import { bob, instance } from './__fixtures__/clerk';
import { httpV2Event, restTokenEvent } from './__fixtures__/events';
import { jwksOf, tokenFor } from './__fixtures__/tokens';
import { createClerkAuthorizer } from './create-clerk-authorizer';
import { ApiGatewayError } from './errors';

function jwksServer(body: () => unknown, status = 200) {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => Response.json(body(), { status }));
}

const options = { issuer: instance.issuer, authorizedParties: [instance.authorizedParty] };

describe('without jwtKey, the JWKS is fetched once per Lambda instance', () => {
  it('from <issuer>/.well-known/jwks.json, once for many invocations', async () => {
    const jwks = await jwksOf(instance.keys);
    const fetch = jwksServer(() => jwks);
    const handler = createClerkAuthorizer({ type: 'http-v2', ...options, fetch });
    const token = `Bearer ${await tokenFor(bob)}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => handler(httpV2Event(token))));
    await handler(httpV2Event(token));
    expect(answers.every((answer) => answer.isAuthorized)).toBe(true);
    expect(fetch).toHaveBeenCalledOnce();
    expect(String(fetch.mock.calls[0]?.[0])).toBe('https://clerk.clerkship.test/.well-known/jwks.json');
  });

  it('a token with an unknown kid refetches once (a key rotation), then is refused without refetching', async () => {
    const rotated = await createTestKeys();
    let served = await jwksOf(instance.keys);
    const fetch = jwksServer(() => served);
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({ type: 'http-v2', ...options, fetch, onRefusal });
    expect((await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`))).isAuthorized).toBe(true);

    // Clerk rotated its key: the new kid is not cached yet, so the set is fetched again.
    served = { keys: [...served.keys, ...(await jwksOf(rotated)).keys] };
    const { createSessionToken } = await import('@clerkship/testing');
    expect(
      (await handler(httpV2Event(`Bearer ${await createSessionToken(rotated, bob)}`))).isAuthorized,
    ).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2);

    // Forged kids do not turn the authorizer into a JWKS fetcher: one look, then 30 s of refusals.
    const stranger = await createTestKeys();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await handler(httpV2Event(`Bearer ${await createSessionToken(stranger, bob)}`))).toStrictEqual({
        isAuthorized: false,
      });
    }
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(onRefusal.mock.calls.map(([error]) => error.code)).toEqual([
      'unknown_signing_key',
      'unknown_signing_key',
      'unknown_signing_key',
    ]);
  });

  it('jwks_unavailable (500) when the JWKS cannot be fetched or is not a JWKS', async () => {
    const token = `Bearer ${await tokenFor(bob)}`;
    const down = createClerkAuthorizer({
      type: 'rest-token',
      ...options,
      fetch: jwksServer(() => ({}), 503),
    });
    const garbage = createClerkAuthorizer({
      type: 'rest-token',
      ...options,
      fetch: jwksServer(() => ({ keys: 'nope' })),
    });
    for (const handler of [down, garbage]) {
      const error = await handler(restTokenEvent(token)).catch((thrown: unknown) => thrown);
      expect(ApiGatewayError.isInstance(error) && error.code).toBe('jwks_unavailable');
      expect((error as ApiGatewayError).status).toBe(500);
    }
  });

  it('jwksUrl overrides the location', async () => {
    const jwks = await jwksOf(instance.keys);
    const fetch = jwksServer(() => jwks);
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      ...options,
      jwksUrl: 'https://keys.example.test/jwks',
      fetch,
    });
    await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`));
    expect(String(fetch.mock.calls[0]?.[0])).toBe('https://keys.example.test/jwks');
  });

  it('a token without kid is malformed in JWKS mode', async () => {
    const fetch = jwksServer(async () => jwksOf(instance.keys));
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({ type: 'http-v2', ...options, fetch, onRefusal });
    const header = btoa(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).replace(/=+$/, '');
    const [, payload, signature] = (await tokenFor(bob)).split('.');
    await handler(httpV2Event(`Bearer ${header}.${payload}.${signature}`));
    expect(onRefusal.mock.calls[0]?.[0].code).toBe('malformed_token');
    expect(fetch).not.toHaveBeenCalled();
  });
});
