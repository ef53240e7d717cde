import { afterEach, describe, expect, it, vi } from 'vitest';
import { bob, instance } from './__fixtures__/clerk';
import { httpV2Event } from './__fixtures__/events';
import { jwksOf, sessionClaims, signedToken, tokenFor } from './__fixtures__/tokens';
import { createClerkAuthorizer } from './create-clerk-authorizer';
import { ApiGatewayError } from './errors';

const trusted = {
  issuer: instance.issuer,
  authorizedParties: [instance.authorizedParty],
  jwtKey: instance.keys.jwtKey,
};

/** The code a token is refused with by an HTTP API 2.0 authorizer, or `'allowed'`. */
async function outcomeOf(token: string, options: Partial<typeof trusted> = {}): Promise<string> {
  const onRefusal = vi.fn<(error: ApiGatewayError) => void>();
  const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, ...options, onRefusal });
  const { isAuthorized } = await handler(httpV2Event(`Bearer ${token}`));
  return isAuthorized ? 'allowed' : (onRefusal.mock.calls[0]?.[0].code ?? 'refused without a reason');
}

describe('only RS256 is accepted, whatever the token asks for', () => {
  it('a token signed with HS256 and the public PEM as the secret (algorithm confusion): invalid_algorithm', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims(), { alg: 'HS256' }))).toBe('invalid_algorithm');
  });

  it('a token of the right key signed with RS512: invalid_algorithm (Clerk mints RS256 only)', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims(), { alg: 'RS512' }))).toBe('invalid_algorithm');
  });

  it('the same claims signed with RS256 pass', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims()))).toBe('allowed');
  });
});

describe("what Clerk's own verification checks, kept", () => {
  it('a typ other than JWT is malformed; no typ at all passes, as with Clerk', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims(), { typ: 'at+jwt' }))).toBe('malformed_token');
    expect(await outcomeOf(await signedToken(sessionClaims(), { typ: undefined }))).toBe('allowed');
  });

  it('a token without azp is refused: it could have been minted for any origin', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims({ azp: undefined })))).toBe(
      'invalid_authorized_party',
    );
  });

  it('no sub, a numeric sub, or no exp: malformed', async () => {
    for (const claims of [{ sub: undefined }, { sub: 42 }, { exp: undefined }, { exp: 'soon' }]) {
      expect(await outcomeOf(await signedToken(sessionClaims(claims)))).toBe('malformed_token');
    }
  });

  it('iat 2 minutes in the future (nbf in the past) is not active yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await outcomeOf(await signedToken(sessionClaims({ iat: now + 120 })))).toBe(
      'token_not_active_yet',
    );
  });

  it('nbf within the clock skew passes; beyond it, not yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await outcomeOf(await signedToken(sessionClaims({ nbf: now + 3, iat: now })))).toBe('allowed');
    expect(await outcomeOf(await signedToken(sessionClaims({ nbf: now + 30, iat: now })))).toBe(
      'token_not_active_yet',
    );
  });
});

describe('refusals say what the token carried and what was expected, never the token', () => {
  it('another issuer, another audience', async () => {
    const onRefusal = vi.fn<(error: ApiGatewayError) => void>();
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      ...trusted,
      audience: 'ClerkJwtAuthorizer',
      onRefusal,
    });
    const foreign = await signedToken(
      sessionClaims({ iss: 'https://clerk.evil.test', aud: 'ClerkJwtAuthorizer' }),
    );
    const otherAudience = await signedToken(sessionClaims({ aud: 'Other' }));
    await handler(httpV2Event(`Bearer ${foreign}`));
    await handler(httpV2Event(`Bearer ${otherAudience}`));
    const [issuerError, audienceError] = onRefusal.mock.calls.map(([error]) => error);
    expect(issuerError?.message).toBe(
      '@clerkship/api-gateway: the session token was refused: its iss "https://clerk.evil.test" is not https://clerk.clerkship.test. Set `issuer` to your Frontend API URL (Clerk Dashboard, API keys).',
    );
    expect(audienceError?.message).toContain('its aud "Other" is not one of ["ClerkJwtAuthorizer"]');
    for (const [error] of onRefusal.mock.calls) {
      expect(error.message).not.toContain(foreign.split('.')[2]);
      expect(error.message).not.toContain(otherAudience.split('.')[2]);
    }
  });
});

describe("the family's signed-in rule decides who is signed in", () => {
  it('an empty sub is not a user: malformed', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims({ sub: '' })))).toBe('malformed_token');
  });

  it("organization claims Clerk's parser cannot read are refused (401), not a crash (500)", async () => {
    const claims = sessionClaims({ o: { id: 'org_acme', rol: 'member', per: 'view', fpm: '1' }, fea: 'o' });
    expect(await outcomeOf(await signedToken(claims))).toBe('malformed_token');
  });

  it('a pending session of claim version 2 is signed out', async () => {
    expect(await outcomeOf(await signedToken(sessionClaims({ sts: 'pending' })))).toBe('session_pending');
  });
});

describe('the key is imported into Web Crypto once per Lambda instance, not once per token', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('with jwtKey: three users, one import', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted });
    for (const userId of ['user_ann', 'user_ben', 'user_cat']) {
      expect((await handler(httpV2Event(`Bearer ${await tokenFor({ userId })}`))).isAuthorized).toBe(true);
    }
    expect(importKey.mock.calls.filter(([format]) => String(format) === 'spki')).toHaveLength(1);
  });

  it('with the JWKS: three users, one import of the one key', async () => {
    const jwks = await jwksOf(instance.keys);
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const handler = createClerkAuthorizer({
      type: 'http-v2',
      issuer: instance.issuer,
      authorizedParties: [instance.authorizedParty],
      fetch: async () => Response.json(jwks),
    });
    for (const userId of ['user_ann', 'user_ben', 'user_cat']) {
      expect((await handler(httpV2Event(`Bearer ${await tokenFor({ userId })}`))).isAuthorized).toBe(true);
    }
    expect(importKey.mock.calls.filter(([format]) => String(format) === 'jwk')).toHaveLength(1);
  });
});

it('accepts a jwtKey pasted as one line with its newlines written as \\n (an .env file, the Lambda console)', async () => {
  const jwtKey = instance.keys.jwtKey.trim().replaceAll('\n', '\\n');
  expect(jwtKey).not.toContain('\n');
  const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, jwtKey });
  expect((await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`))).isAuthorized).toBe(true);
});

describe('a key that cannot be imported is a deployment fault (500), never a refusal of the caller', () => {
  it('invalid_options: a jwtKey with PEM armour around something that is not a key', async () => {
    const jwtKey = '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----';
    const onRefusal = vi.fn();
    const handler = createClerkAuthorizer({ type: 'http-v2', ...trusted, jwtKey, onRefusal });
    const error = await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`)).catch((thrown) => thrown);
    expect(ApiGatewayError.isInstance(error) && error.code).toBe('invalid_options');
    expect((error as ApiGatewayError).status).toBe(500);
    expect(onRefusal).not.toHaveBeenCalled();
  });

  it('jwks_unavailable: a JWKS whose RSA key is empty, or is not for verifying', async () => {
    const { kid } = instance.keys;
    const { keys } = await jwksOf(instance.keys);
    for (const key of [
      { kid, kty: 'RSA', n: '', e: '' },
      { ...keys[0], key_ops: ['encrypt'] },
    ]) {
      const handler = createClerkAuthorizer({
        type: 'http-v2',
        issuer: instance.issuer,
        authorizedParties: [instance.authorizedParty],
        fetch: async () => Response.json({ keys: [key] }),
      });
      const error = await handler(httpV2Event(`Bearer ${await tokenFor(bob)}`)).catch((thrown) => thrown);
      expect(ApiGatewayError.isInstance(error) && error.code).toBe('jwks_unavailable');
    }
  });
});
