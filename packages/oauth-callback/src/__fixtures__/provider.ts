import type { AuthorizationServer } from 'oauth4webapi';
import type { ExpectedCallback } from '../validate-callback';

/** An OpenID provider that supports RFC 9207 `iss` and PAR, as Google-like metadata would say. */
export const server: AuthorizationServer = {
  issuer: 'https://id.example.com',
  authorization_endpoint: 'https://id.example.com/authorize',
  token_endpoint: 'https://id.example.com/token',
  pushed_authorization_request_endpoint: 'https://id.example.com/par',
  response_types_supported: ['code', 'token', 'id_token', 'code id_token'],
  response_modes_supported: ['query', 'fragment', 'form_post'],
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  authorization_response_iss_parameter_supported: true,
};

/** GitHub's OAuth app endpoints, written by hand: no discovery, no PAR, no `iss`. */
export const github: AuthorizationServer = {
  issuer: 'https://github.com/login/oauth',
  authorization_endpoint: 'https://github.com/login/oauth/authorize',
  token_endpoint: 'https://github.com/login/oauth/access_token',
};

export const redirectUri = 'https://tasks.example.com/api/oauth/callback';

/** What the app kept when it sent Alice to the provider. */
export const expected: ExpectedCallback = {
  state: 'Zk4-8l0c1m3wS0wQh0bYx7kKp2V9cHc3t6i5rQn1uXo',
  issuer: server.issuer,
  issuerRequired: true,
  codeVerifier: 'o1Qm8y0Vv3Jr6Xc2Tq9Lp5Ws7Hn4Kd1Fb0Ge3Ai6Zu8',
};

/** The callback URL the provider sends the browser to, with these query parameters. */
export function callback(query: Record<string, string> | [string, string][], fragment = ''): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Array.isArray(query) ? query : Object.entries(query))
    url.searchParams.append(name, value);
  return `${url.href}${fragment}`;
}

/** A successful callback for `expected`. */
export const goodCallback = callback({
  code: 'SplxlOBeZQQYbYS6WxSbIA',
  state: expected.state,
  iss: server.issuer,
});
