import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { github, redirectUri, server } from './__fixtures__/provider';
import { type AuthorizationUrlOptions, buildAuthorizationUrl } from './build-authorization-url';
import { OAuthCallbackError, type OAuthCallbackErrorCode } from './errors';

const base = { clientId: 'tasks', redirectUri, scope: 'openid email' } as const;

/** A PAR endpoint that records what it was sent and answers like RFC 9126 §2.2. */
function parEndpoint(
  answer: () => Response = () =>
    Response.json({ request_uri: 'urn:par:abc', expires_in: 60 }, { status: 201 }),
) {
  const received: { url?: string; body?: URLSearchParams; authorization?: string | null } = {};
  const fetch = async (url: string, init: RequestInit) => {
    received.url = url;
    received.body = new URLSearchParams(String(init.body));
    received.authorization = new Headers(init.headers).get('authorization');
    return answer();
  };
  return { received, fetch: fetch as unknown as typeof globalThis.fetch };
}

async function refusal(options: AuthorizationUrlOptions): Promise<OAuthCallbackErrorCode> {
  try {
    await buildAuthorizationUrl(options);
  } catch (error) {
    if (OAuthCallbackError.isInstance(error)) return error.code;
    throw error;
  }
  throw new Error('the URL was built');
}

describe('buildAuthorizationUrl without PAR (GitHub)', () => {
  it('pins response_type=code, response_mode=query and PKCE S256 with a fresh verifier and state', async () => {
    const { url, expected, pushed } = await buildAuthorizationUrl({
      ...base,
      server: github,
      scope: 'read:user',
    });
    expect(pushed).toBe(false);
    expect(`${url.origin}${url.pathname}`).toBe(github.authorization_endpoint);
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      client_id: 'tasks',
      redirect_uri: redirectUri,
      response_type: 'code',
      response_mode: 'query',
      scope: 'read:user',
      state: expected.state,
      code_challenge_method: 'S256',
      code_challenge: await oauth.calculatePKCECodeChallenge(expected.codeVerifier),
    });
    expect(url.href).not.toContain(expected.codeVerifier);
    expect(expected).toMatchObject({ issuer: github.issuer, issuerRequired: false });
  });

  it('never reuses a state or a verifier, and never makes them equal', async () => {
    const first = await buildAuthorizationUrl({ ...base, server: github });
    const second = await buildAuthorizationUrl({ ...base, server: github });
    expect(first.expected.state).not.toBe(first.expected.codeVerifier);
    expect(second.expected.state).not.toBe(first.expected.state);
    expect(second.expected.codeVerifier).not.toBe(first.expected.codeVerifier);
  });

  it('adds extra parameters', async () => {
    const { url } = await buildAuthorizationUrl({
      ...base,
      server: github,
      parameters: { prompt: 'consent' },
    });
    expect(url.searchParams.get('prompt')).toBe('consent');
  });

  it.each(['response_type', 'response_mode', 'code_challenge_method', 'state'])(
    'refuses an extra parameter that overrides %s (invalid_options)',
    async (name) => {
      expect(await refusal({ ...base, server: github, parameters: { [name]: 'token' } })).toBe(
        'invalid_options',
      );
    },
  );

  it('refuses a relative redirect URI (invalid_options)', async () => {
    expect(await refusal({ ...base, server: github, redirectUri: '/callback' })).toBe('invalid_options');
  });
});

describe('buildAuthorizationUrl with PAR (the metadata lists an endpoint)', () => {
  it('pushes every parameter with client authentication and sends the browser only client_id and request_uri', async () => {
    const par = parEndpoint();
    const { url, expected, pushed } = await buildAuthorizationUrl({
      ...base,
      server,
      clientSecret: 's3cret',
      fetch: par.fetch,
    });
    expect(pushed).toBe(true);
    expect(par.received.url).toBe(server.pushed_authorization_request_endpoint);
    expect(Object.fromEntries(par.received.body ?? [])).toMatchObject({
      response_type: 'code',
      response_mode: 'query',
      state: expected.state,
      code_challenge_method: 'S256',
      redirect_uri: redirectUri,
    });
    expect(par.received.authorization).toBe(`Basic ${btoa('tasks:s3cret')}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'tasks', request_uri: 'urn:par:abc' });
    expect(expected.issuerRequired).toBe(true);
  });

  it('can be turned off when the server does not require it', async () => {
    const { pushed, url } = await buildAuthorizationUrl({
      ...base,
      server,
      pushedAuthorizationRequests: false,
    });
    expect(pushed).toBe(false);
    expect(url.searchParams.get('response_type')).toBe('code');
  });

  it('reports a refused pushed request (authorization_server_error, 502)', async () => {
    const par = parEndpoint(() => Response.json({ error: 'invalid_client' }, { status: 401 }));
    const attempt = buildAuthorizationUrl({ ...base, server, clientSecret: 'wrong', fetch: par.fetch });
    await expect(attempt).rejects.toMatchObject({ code: 'authorization_server_error', status: 502 });
  });
});

describe('buildAuthorizationUrl refuses a server that cannot run the pinned flow (unsupported_server)', () => {
  it.each([
    ['no authorization endpoint', { authorization_endpoint: undefined }],
    ['no response_type code', { response_types_supported: ['token'] }],
    ['no PKCE S256', { code_challenge_methods_supported: ['plain'] }],
    ['no response_mode query', { response_modes_supported: ['fragment'] }],
  ])('%s', async (_, change) => {
    expect(await refusal({ ...base, server: { ...server, ...change } })).toBe('unsupported_server');
  });

  it('PAR asked of a server without it', async () => {
    expect(await refusal({ ...base, server: github, pushedAuthorizationRequests: true })).toBe(
      'unsupported_server',
    );
  });

  it('PAR turned off for a server that requires it', async () => {
    const strict = { ...server, require_pushed_authorization_requests: true };
    expect(await refusal({ ...base, server: strict, pushedAuthorizationRequests: false })).toBe(
      'unsupported_server',
    );
  });
});
