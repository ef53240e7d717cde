import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { callback, expected, github, goodCallback, redirectUri, server } from './__fixtures__/provider';
import { OAuthCallbackError, type OAuthCallbackErrorCode } from './errors';
import { type ExpectedCallback, validateCallback } from './validate-callback';

async function refusal(
  input: Request | string,
  check: ExpectedCallback = expected,
): Promise<{ code: OAuthCallbackErrorCode; status: number; message: string }> {
  try {
    await validateCallback(input, check);
  } catch (error) {
    if (!OAuthCallbackError.isInstance(error)) throw error;
    return { code: error.code, status: error.status, message: error.message };
  }
  throw new Error('the callback was accepted');
}

describe('validateCallback accepts the callback of the flow this browser started', () => {
  it('returns the code, the state and the issuer', async () => {
    const result = await validateCallback(new Request(goodCallback), expected);
    expect(result).toMatchObject({
      code: 'SplxlOBeZQQYbYS6WxSbIA',
      state: expected.state,
      issuer: server.issuer,
    });
  });

  it('hands oauth4webapi parameters its token request accepts, and the verifier goes to the token endpoint', async () => {
    const { parameters } = await validateCallback(goodCallback, expected);
    let tokenRequest: URLSearchParams | undefined;
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      { client_id: 'tasks' },
      oauth.ClientSecretPost('s3cret'),
      parameters,
      redirectUri,
      expected.codeVerifier ?? '',
      {
        [oauth.customFetch]: async (_url, init) => {
          tokenRequest = new URLSearchParams(String(init.body));
          return Response.json({ access_token: 'at', token_type: 'Bearer' });
        },
      },
    );
    expect(response.status).toBe(200);
    expect(tokenRequest?.get('code')).toBe('SplxlOBeZQQYbYS6WxSbIA');
    expect(tokenRequest?.get('code_verifier')).toBe(expected.codeVerifier);
  });

  it('accepts a callback without iss from a server that does not send one (GitHub)', async () => {
    const check = { state: expected.state, issuer: github.issuer };
    const result = await validateCallback(callback({ code: 'gh-code', state: expected.state }), check);
    expect(result).toMatchObject({ code: 'gh-code', issuer: undefined });
  });

  it('is given no fragment by the browser, and ignores one in a URL it is handed', async () => {
    const result = await validateCallback(`${goodCallback}#access_token=unseen`, expected);
    expect(result.code).toBe('SplxlOBeZQQYbYS6WxSbIA');
  });
});

describe('validateCallback refuses', () => {
  it.each(['access_token', 'id_token', 'token', 'refresh_token'])(
    'a callback with %s in its query (token_in_callback, 400)',
    async (name) => {
      const result = await refusal(
        callback({ code: 'c', state: expected.state, [name]: 'eyJhbGciOi.stolen' }),
      );
      expect(result).toMatchObject({ code: 'token_in_callback', status: 400 });
      expect(result.message).toContain(name);
      expect(result.message).not.toContain('stolen');
    },
  );

  it('a POSTed callback with an id_token in its form body (token_in_callback)', async () => {
    const request = new Request(redirectUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'c', state: expected.state, id_token: 'eyJ.stolen' }),
    });
    expect((await refusal(request)).code).toBe('token_in_callback');
  });

  it('a form_post callback, even without a token (unexpected_response_mode)', async () => {
    const request = new Request(redirectUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'c', state: expected.state }),
    });
    expect(await refusal(request)).toMatchObject({ code: 'unexpected_response_mode', status: 400 });
  });

  it('a JARM response (unexpected_response_mode)', async () => {
    expect((await refusal(callback({ response: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' }))).code).toBe(
      'unexpected_response_mode',
    );
  });

  it('a code that appears twice: parameter pollution (invalid_callback)', async () => {
    const result = await refusal(
      callback([
        ['code', 'first'],
        ['code', 'second'],
        ['state', expected.state],
        ['iss', server.issuer],
      ]),
    );
    expect(result).toMatchObject({ code: 'invalid_callback', status: 400 });
    expect(result.message).toContain('`code` appears more than once');
  });

  it('a code with characters outside printable ASCII (invalid_callback)', async () => {
    const result = await refusal(
      callback({ code: 'caf\u00e9\n', state: expected.state, iss: server.issuer }),
    );
    expect(result.code).toBe('invalid_callback');
  });

  it('a callback whose code landed in the fragment: the server sees no code (invalid_callback)', async () => {
    const result = await refusal(callback({ state: expected.state, iss: server.issuer }, '#code=stolen'));
    expect(result.code).toBe('invalid_callback');
    expect(result.message).toContain('no code');
  });

  it('a string that is not a URL (invalid_callback)', async () => {
    expect((await refusal('/api/oauth/callback?code=c')).code).toBe('invalid_callback');
  });

  it('an iss other than the server the user was sent to: mix-up (issuer_mismatch)', async () => {
    const result = await refusal(callback({ code: 'c', state: expected.state, iss: 'https://evil.example' }));
    expect(result).toMatchObject({ code: 'issuer_mismatch', status: 400 });
  });

  it('no iss from a server that always sends one (issuer_missing)', async () => {
    expect((await refusal(callback({ code: 'c', state: expected.state }))).code).toBe('issuer_missing');
  });

  it.each([
    ['missing', {}],
    ['another flow', { state: 'Ak4-8l0c1m3wS0wQh0bYx7kKp2V9cHc3t6i5rQn1uXo' }],
    ['shorter', { state: 'Zk4' }],
  ])('a state that is %s (state_mismatch)', async (_, state) => {
    const result = await refusal(callback({ code: 'c', iss: server.issuer, ...state }));
    expect(result).toMatchObject({ code: 'state_mismatch', status: 400 });
  });

  it('a callback when this browser started no sign-in: nothing kept (state_mismatch)', async () => {
    await expect(validateCallback(goodCallback, undefined)).rejects.toMatchObject({ code: 'state_mismatch' });
  });

  it('the provider saying the user declined (provider_error) with its error and description', async () => {
    const url = callback({
      error: 'access_denied',
      error_description: 'The user denied access',
      state: expected.state,
      iss: server.issuer,
    });
    await expect(validateCallback(url, expected)).rejects.toMatchObject({
      code: 'provider_error',
      provider: { error: 'access_denied', description: 'The user denied access' },
    });
  });

  it('an expectation whose state is the PKCE verifier (state_is_code_verifier, 500)', async () => {
    const check = { ...expected, state: 'same-value', codeVerifier: 'same-value' };
    const result = await refusal(callback({ code: 'c', state: 'same-value', iss: server.issuer }), check);
    expect(result).toMatchObject({ code: 'state_is_code_verifier', status: 500 });
  });

  it('a malformed expectation, e.g. an empty state read from a missing cookie (invalid_options, 500)', async () => {
    const result = await refusal(goodCallback, { ...expected, state: '' });
    expect(result).toMatchObject({ code: 'invalid_options', status: 500 });
    expect(result.message).toContain('`state` is empty');
  });

  it('without putting the code, the state or the verifier in any message', async () => {
    const result = await refusal(callback({ code: 'SECRETCODE', state: 'WRONGSTATE', iss: server.issuer }));
    expect(result.message).not.toMatch(/SECRETCODE|WRONGSTATE/);
    expect(result.message).not.toContain(expected.state);
  });
});
