import { describe, expect, it } from 'vitest';
import { expected, goodCallback, redirectUri } from './__fixtures__/provider';
import { OAuthCallbackError } from './errors';
import { fragmentSafeRedirect } from './fragment-safe-redirect';
import { callbackErrorParameter, protectCallback } from './protect-callback';
import { validateCallback } from './validate-callback';

const GET = protectCallback(async (request: Request) => {
  await validateCallback(request, expected);
  return Response.redirect('https://tasks.example.com/settings/connections', 302);
});

function expectHardened(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('protectCallback', () => {
  it("adds a fragment to the handler's redirect, even an immutable Response.redirect()", async () => {
    const response = await GET(new Request(goodCallback));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://tasks.example.com/settings/connections#');
    expectHardened(response);
  });

  it('keeps a fragment the handler chose and the cookies it set', async () => {
    const handler = protectCallback(
      () =>
        new Response(null, {
          status: 303,
          headers: { location: '/settings#github', 'set-cookie': 'oauth=; Max-Age=0; Path=/' },
        }),
    );
    const response = await handler(new Request(goodCallback));
    expect(response.headers.get('location')).toBe('/settings#github');
    expect(response.headers.get('set-cookie')).toBe('oauth=; Max-Age=0; Path=/');
  });

  it('hardens a page the handler renders', async () => {
    const response = await protectCallback(() => new Response('<p>Connected</p>'))(new Request(goodCallback));
    expect(await response.text()).toBe('<p>Connected</p>');
    expectHardened(response);
  });

  it('sends a refused callback back to its own path with the error code and a fragment: the query (and its code) dropped', async () => {
    const refused = `${redirectUri}?code=c&state=forged&iss=${encodeURIComponent(expected.issuer)}`;
    const response = await GET(new Request(refused));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/api/oauth/callback?${callbackErrorParameter}=state_mismatch#`,
    );
    expectHardened(response);
  });

  it('then answers the error as JSON with its status, without calling the handler again', async () => {
    let calls = 0;
    const handler = protectCallback(() => {
      calls++;
      return new Response('handled');
    });
    const response = await handler(new Request(`${redirectUri}?${callbackErrorParameter}=state_mismatch`));
    expect(calls).toBe(0);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'state_mismatch' });
    expectHardened(response);
  });

  it('answers an unknown error code in the URL as invalid_callback (the parameter is attacker-writable)', async () => {
    const response = await GET(new Request(`${redirectUri}?${callbackErrorParameter}=%3Cscript%3E`));
    expect(await response.json()).toMatchObject({ error: 'invalid_callback' });
  });

  it('sends a refused callback to errorUrl when given, keeping its query', async () => {
    const handler = protectCallback(
      () => {
        throw new OAuthCallbackError('provider_error', 'declined');
      },
      { errorUrl: '/settings?tab=connections' },
    );
    const response = await handler(new Request(goodCallback));
    expect(response.headers.get('location')).toBe(
      `/settings?tab=connections&${callbackErrorParameter}=provider_error#`,
    );
  });

  it('takes an absolute errorUrl', async () => {
    const handler = protectCallback(
      () => {
        throw new OAuthCallbackError('state_mismatch', 'forged');
      },
      { errorUrl: 'https://tasks.example.com/oops' },
    );
    const response = await handler(new Request(goodCallback));
    expect(response.headers.get('location')).toBe(
      `https://tasks.example.com/oops?${callbackErrorParameter}=state_mismatch#`,
    );
  });

  it("rethrows errors that are not its own (Next.js's redirect signal among them)", async () => {
    const signal = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/x;307;' });
    const handler = protectCallback(() => {
      throw signal;
    });
    await expect(handler(new Request(goodCallback))).rejects.toBe(signal);
  });

  it('refuses an errorUrl that is neither absolute nor a path (invalid_options)', () => {
    expect(() => protectCallback(() => fragmentSafeRedirect('/'), { errorUrl: 'settings' })).toThrow(
      expect.objectContaining({ code: 'invalid_options' }),
    );
  });

  it('passes the rest of the arguments (Next.js route context) through', async () => {
    const handler = protectCallback(
      async (_request: Request, context: { params: Promise<{ provider: string }> }) =>
        fragmentSafeRedirect(`/settings/${(await context.params).provider}`),
    );
    const response = await handler(new Request(goodCallback), {
      params: Promise.resolve({ provider: 'github' }),
    });
    expect(response.headers.get('location')).toBe('/settings/github#');
  });
});
