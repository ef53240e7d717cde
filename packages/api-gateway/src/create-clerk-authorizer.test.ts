import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { alice, bob, instance } from './__fixtures__/clerk';
import {
  authorizerTypes,
  eventFor,
  httpV2Event,
  restRequestEvent,
  restTokenEvent,
} from './__fixtures__/events';
import { badTokens, tokenFor } from './__fixtures__/tokens';
import type { AuthorizerType } from './authorizer-options';
import { createClerkAuthorizer } from './create-clerk-authorizer';
import { ApiGatewayError } from './errors';

const trusted = {
  issuer: instance.issuer,
  authorizedParties: [instance.authorizedParty],
  jwtKey: instance.keys.jwtKey,
};
const stage = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/*/*';
const cases = await badTokens();

describe('a signed-in user passes every authorizer type', () => {
  for (const version of [1, 2] as const) {
    it(`Bob's v${version} token is allowed on a REST TOKEN authorizer, with his identity as scalar context`, async () => {
      const handler = createClerkAuthorizer({ type: 'rest-token', ...trusted });
      const token = await tokenFor(bob, { version });
      const result = await handler(restTokenEvent(`Bearer ${token}`));
      expect(result).toEqual({
        principalId: 'user_bob',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [stage] }],
        },
        context: {
          userId: 'user_bob',
          sessionId: 'sess_bob',
          orgId: 'org_acme',
          orgRole: 'org:member',
          orgSlug: 'acme',
          orgPermissions: 'org:tasks:view',
        },
      });
    });
  }

  it('REST REQUEST and HTTP API 1.0 read the Authorization header in any case', async () => {
    const token = await tokenFor(alice);
    for (const type of ['rest-request', 'http-v1'] as const) {
      const event = eventFor(type, undefined);
      event.headers = { ...event.headers, AUTHORIZATION: `bearer ${token}` };
      const result = await createClerkAuthorizer({ type, ...trusted })(event);
      expect(result.principalId).toBe('user_alice');
      expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
      expect(result.context?.orgPermissions).toBe('org:reports:read,org:tasks:edit,org:tasks:view');
    }
  });

  it('HTTP API 2.0 answers a simple response with the context', async () => {
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted });
    const result = await handler(httpV2Event(`Bearer ${await tokenFor(alice)}`));
    expect(result).toEqual({
      isAuthorized: true,
      context: {
        userId: 'user_alice',
        sessionId: 'sess_alice',
        orgId: 'org_acme',
        orgRole: 'org:manager',
        orgSlug: 'acme',
        orgPermissions: 'org:reports:read,org:tasks:edit,org:tasks:view',
      },
    });
  });

  it('a personal account (no organization) gets only userId and sessionId', async () => {
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted });
    const result = await handler(httpV2Event(`Bearer ${await tokenFor({ userId: 'user_carol' })}`));
    expect(result.context).toEqual({ userId: 'user_carol', sessionId: 'sess_carol' });
  });

  it('a custom context is merged over the default, scalars only', async () => {
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      ...trusted,
      context: (claims) => ({ plan: 'pro', beta: claims.sub === 'user_bob', seats: 3, nothing: null }),
    });
    const result = await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`));
    expect(result.context).toMatchObject({ userId: 'user_bob', plan: 'pro', beta: true, seats: 3 });
    expect(result.context).not.toHaveProperty('nothing');
  });
});

describe('every bad token gets the exact refusal of its authorizer type, and nothing crashes', () => {
  const audienceCase = { name: 'no aud while an audience is required', code: 'invalid_audience' };

  async function expectRefusal(
    type: AuthorizerType,
    authorization: string | undefined,
    code: string,
    audience?: string,
  ) {
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({ type, ...trusted, onRefusal, ...(audience ? { audience } : {}) });
    const outcome = handler(eventFor(type, authorization));
    if (type === 'rest-token' || type === 'rest-request') {
      // API Gateway answers 401 only for exactly this message; anything else is a 500.
      const error = await outcome.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(Error);
      expect(ApiGatewayError.isInstance(error)).toBe(false);
      expect((error as Error).message).toBe('Unauthorized');
    } else if (type === 'http-v1') {
      expect(await outcome).toStrictEqual({
        principalId: 'anonymous',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [stage] }],
        },
      });
    } else {
      expect(await outcome).toStrictEqual({ isAuthorized: false });
    }
    expect(onRefusal).toHaveBeenCalledOnce();
    const [error] = onRefusal.mock.calls[0] as [ApiGatewayError];
    expect(error.code).toBe(code);
    expect(error.status).toBe(401);
    const secret = authorization?.replace(/^\w+ /, '') ?? '';
    if (secret.length > 20) expect(error.message).not.toContain(secret);
  }

  for (const type of authorizerTypes) {
    describe(type, () => {
      for (const { name, authorization, code } of cases) {
        it(`${name}: ${code}`, () => expectRefusal(type, authorization, code));
      }
      it(`${audienceCase.name}: ${audienceCase.code}`, async () =>
        expectRefusal(type, `Bearer ${await tokenFor(bob)}`, audienceCase.code, 'ClerkJwtAuthorizer'));
    });
  }
});

describe('audience', () => {
  it('a token whose template adds the configured aud passes', async () => {
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, audience: ['ClerkJwtAuthorizer'] });
    const token = await tokenFor({ ...bob, claims: { aud: 'ClerkJwtAuthorizer' } });
    expect((await handler(httpV2Event(`Bearer ${token}`))).isAuthorized).toBe(true);
  });

  it('a token for another audience is refused', async () => {
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      ...trusted,
      audience: 'ClerkJwtAuthorizer',
      onRefusal,
    });
    const token = await tokenFor({ ...bob, claims: { aud: ['SomethingElse'] } });
    expect(await handler(httpV2Event(`Bearer ${token}`))).toStrictEqual({ isAuthorized: false });
    expect(onRefusal.mock.calls[0]?.[0].code).toBe('invalid_audience');
  });
});

describe('clock skew', () => {
  it('a token that expired 3 s ago passes with the default 5 s of skew, and not with 0', async () => {
    const token = await tokenFor(bob, { issuedAt: new Date(Date.now() - 63_000) });
    const lenient = createClerkAuthorizer({ type: 'http-v2', ...trusted });
    const strict = createClerkAuthorizer({ type: 'http-v2', ...trusted, clockSkewInMs: 0 });
    expect((await lenient(httpV2Event(`Bearer ${token}`))).isAuthorized).toBe(true);
    expect((await strict(httpV2Event(`Bearer ${token}`))).isAuthorized).toBe(false);
  });
});

describe('authorization: a signed-in user who may not call the API gets 403', () => {
  const adminsOnly = (claims: { sub: string }) => claims.sub === 'user_alice';

  it('REST: a Deny policy for the whole stage, with the user as principal', async () => {
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({
      type: 'rest-token',
      ...trusted,
      authorize: adminsOnly,
      onRefusal,
    });
    expect(await handler(restTokenEvent(`Bearer ${await tokenFor(bob)}`))).toStrictEqual({
      principalId: 'user_bob',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [stage] }],
      },
    });
    expect(onRefusal.mock.calls[0]?.[0]).toMatchObject({ code: 'forbidden', status: 403 });
    const allowed = await handler(restTokenEvent(`Bearer ${await tokenFor(alice)}`));
    expect(allowed.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('HTTP API 2.0: { isAuthorized: false }', async () => {
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, authorize: adminsOnly });
    expect(await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`))).toStrictEqual({
      isAuthorized: false,
    });
  });

  it('authorize receives the verified claims and the event', async () => {
    const authorize = vi.fn(() => true);
    const handler = createClerkAuthorizer({ type: 'rest-request', ...trusted, authorize });
    const event = restRequestEvent(`Bearer ${await tokenFor(bob)}`);
    await handler(event);
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({ sub: 'user_bob', iss: instance.issuer }),
      event,
    );
  });

  it('only a literal true allows: a truthy object is a denial', async () => {
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      ...trusted,
      authorize: (() => ({ allowed: false })) as unknown as () => boolean,
    });
    expect(await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`))).toStrictEqual({
      isAuthorized: false,
    });
  });
});

describe('per-route rules name every route in the policy', () => {
  const routes = {
    'GET /tasks': (claims: { sub: string }) => claims.sub.startsWith('user_'),
    'GET /reports/{id}': (claims: { sub: string }) => claims.sub === 'user_alice',
    'ANY /admin/{proxy+}': () => false,
  };
  const api = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/test';

  it("Bob's policy allows tasks and denies reports and admin, whatever route he called first", async () => {
    const handler = createClerkAuthorizer({ type: 'rest-token', ...trusted, routes });
    const result = (await handler(
      restTokenEvent(`Bearer ${await tokenFor(bob)}`, { method: 'GET', route: '/tasks' }),
    )) as APIGatewayAuthorizerResult;
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${api}/GET/tasks`] },
      {
        Action: 'execute-api:Invoke',
        Effect: 'Deny',
        Resource: [`${api}/GET/reports/*`, `${api}/*/admin/*`],
      },
    ]);
  });

  it('HTTP API 2.0 evaluates the rule of the requested routeKey; unlisted routes are denied', async () => {
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, routes });
    const token = `Bearer ${await tokenFor(bob)}`;
    expect((await handler(httpV2Event(token, { method: 'GET', route: '/tasks' }))).isAuthorized).toBe(true);
    expect(
      (await handler(httpV2Event(token, { method: 'GET', route: '/reports/{id}', path: '/reports/7' })))
        .isAuthorized,
    ).toBe(false);
    expect((await handler(httpV2Event(token, { method: 'DELETE', route: '/tasks' }))).isAuthorized).toBe(
      false,
    );
  });
});

describe('deployment faults are 500s that say what to fix', () => {
  it('invalid_options: a missing issuer, no authorized party, a skew over 60 s, a bad route key, a non-PEM key', () => {
    const attempts = [
      { type: 'rest-token', authorizedParties: ['https://app.test'] },
      { type: 'rest-token', issuer: instance.issuer, authorizedParties: [] },
      { ...trusted, type: 'rest-token', clockSkewInMs: 120_000 },
      { ...trusted, type: 'rest-token', routes: { '/tasks': () => true } },
      { ...trusted, type: 'rest-token', jwtKey: 'sk_live_not_a_pem' },
      { ...trusted, type: 'websocket' },
    ];
    for (const options of attempts) {
      let thrown: unknown;
      try {
        createClerkAuthorizer(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(ApiGatewayError.isInstance(thrown) && thrown.code).toBe('invalid_options');
      expect((thrown as ApiGatewayError).status).toBe(500);
    }
  });

  it('invalid_event: a TOKEN handler attached to a REQUEST authorizer', async () => {
    const handler = createClerkAuthorizer({ type: 'rest-token', ...trusted });
    await expect(handler(restRequestEvent('Bearer x') as never)).rejects.toMatchObject({
      code: 'invalid_event',
      status: 500,
    });
  });

  it('invalid_event: an ARN that is not execute-api', async () => {
    const handler = createClerkAuthorizer({ type: 'rest-token', ...trusted });
    const event = restTokenEvent(`Bearer ${await tokenFor(bob)}`);
    event.methodArn = 'arn:aws:lambda:us-east-1:123456789012:function:x';
    await expect(handler(event)).rejects.toMatchObject({ code: 'invalid_event' });
  });

  it('invalid_context: an array in the context', async () => {
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      ...trusted,
      context: () => ({ roles: ['a', 'b'] }) as never,
    });
    await expect(handler(httpV2Event(`Bearer ${await tokenFor(bob)}`))).rejects.toMatchObject({
      code: 'invalid_context',
      message: expect.stringContaining('"roles" is an array'),
    });
  });

  it('authorize_failed: a rule that throws refuses with 500, never allows', async () => {
    const handler = createClerkAuthorizer({
      type: 'rest-token',
      ...trusted,
      authorize: () => {
        throw new TypeError('claims.metadata is undefined');
      },
    });
    await expect(handler(restTokenEvent(`Bearer ${await tokenFor(bob)}`))).rejects.toMatchObject({
      code: 'authorize_failed',
      cause: expect.any(TypeError),
    });
  });
});

describe('a token verified once is remembered until it expires', () => {
  it('an expired token is refused even after it was allowed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, clockSkewInMs: 0 });
      const event = httpV2Event(`Bearer ${await tokenFor(bob)}`);
      expect((await handler(event)).isAuthorized).toBe(true);
      vi.setSystemTime(Date.now() + 61_000);
      expect(await handler(event)).toStrictEqual({ isAuthorized: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a byte of the signature changed is verified again, and refused', async () => {
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, onRefusal });
    const token = await tokenFor(bob);
    expect((await handler(httpV2Event(`Bearer ${token}`))).isAuthorized).toBe(true);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await handler(httpV2Event(`Bearer ${tampered}`))).toStrictEqual({ isAuthorized: false });
    expect(onRefusal.mock.calls[0]?.[0].code).toBe('invalid_signature');
  });
});
