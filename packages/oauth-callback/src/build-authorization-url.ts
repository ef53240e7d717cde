import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { OAuthCallbackError } from './errors';
import type { ExpectedCallback } from './validate-callback';

/** Options of {@link buildAuthorizationUrl}. */
export interface AuthorizationUrlOptions {
  /**
   * The provider's metadata (RFC 8414 / OpenID discovery), e.g. from `oauth4webapi`'s
   * `discoveryRequest` + `processDiscoveryResponse`, or written by hand for a provider without
   * discovery (GitHub).
   */
  server: oauth.AuthorizationServer;
  clientId: string;
  /** For pushed authorization requests: the client secret (client_secret_basic, or _post when that is all the server lists). */
  clientSecret?: string;
  /** For pushed authorization requests: any `oauth4webapi` client authentication; wins over `clientSecret`. */
  clientAuthentication?: oauth.ClientAuth;
  /** The app's callback URL, exactly as registered with the provider. */
  redirectUri: string;
  scope?: string;
  /** More authorization parameters (`prompt`, `login_hint`, `nonce`...). The pinned ones cannot be overridden. */
  parameters?: Readonly<Record<string, string>>;
  /**
   * Push the request to the server first (RFC 9126, PAR), so the browser only ever carries a
   * `request_uri`. Default: when the metadata lists `pushed_authorization_request_endpoint`.
   */
  pushedAuthorizationRequests?: boolean;
  /** The `fetch` used for the pushed authorization request. */
  fetch?: typeof fetch;
  /** Allow `http:` endpoints (a local provider in development or tests). Never in production. */
  allowInsecureRequests?: boolean;
}

/** The URL to send the user to, and what to keep until the callback. */
export interface AuthorizationRequest {
  url: URL;
  /**
   * Keep this server side (or in an encrypted, HttpOnly cookie) until the callback, then pass it to
   * `validateCallback`. Its `codeVerifier` is also the PKCE verifier for the token request.
   */
  expected: Required<ExpectedCallback>;
  /** Whether the request went through PAR. */
  pushed: boolean;
}

// Parameters the library sets and a caller must not change: they are the point of the library.
const pinnedParameters = [
  'response_type',
  'response_mode',
  'code_challenge',
  'code_challenge_method',
  'redirect_uri',
  'client_id',
  'state',
  'request',
  'request_uri',
] as const;

const optionsSchema = z.object({
  server: z.looseObject({
    issuer: z.string().min(1, 'is empty'),
    authorization_endpoint: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }).optional(),
  }),
  clientId: z.string().min(1, 'is empty'),
  clientSecret: z.string().min(1, 'is empty').optional(),
  redirectUri: z.url({ error: 'is not an absolute URL' }),
  scope: z.string().optional(),
  parameters: z
    .record(z.string(), z.string())
    .refine((parameters) => !pinnedParameters.some((name) => name in parameters), {
      error: `must not set ${pinnedParameters.join(', ')}`,
    })
    .optional(),
  pushedAuthorizationRequests: z.boolean().optional(),
  allowInsecureRequests: z.boolean().optional(),
});

function supports(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.includes(value);
}

function unsupported(issuer: string, what: string): OAuthCallbackError {
  return new OAuthCallbackError(
    'unsupported_server',
    `${issuer} ${what}. This library only runs the authorization code flow with PKCE S256 and response_mode=query; use a provider (or settings) that allows it.`,
  );
}

/** Client authentication for PAR: the caller's, else from the secret and what the server lists. */
function clientAuthenticationFor(options: AuthorizationUrlOptions): oauth.ClientAuth {
  if (options.clientAuthentication) return options.clientAuthentication;
  if (options.clientSecret === undefined) return oauth.None();
  const methods = options.server.token_endpoint_auth_methods_supported;
  return supports(methods, 'client_secret_basic')
    ? oauth.ClientSecretBasic(options.clientSecret)
    : oauth.ClientSecretPost(options.clientSecret);
}

/**
 * An authorization URL for the code flow that leaves the attacker nothing to change: `response_type=code`
 * and `response_mode=query` pinned, PKCE S256 with a fresh verifier, a fresh `state` that is never the
 * verifier, and a pushed authorization request (RFC 9126) when the provider supports one. Built on
 * `oauth4webapi`.
 *
 * This hardens the app's own requests; the Open Response Type attack forges its own URL, which only the
 * callback side (`protectCallback`, `validateCallback`) stops.
 *
 * @throws {OAuthCallbackError} `invalid_options` for malformed options or an attempt to override a pinned
 * parameter; `unsupported_server` when the metadata rules out code + S256 + query, or requires PAR the
 * caller turned off; `authorization_server_error` when the pushed request fails.
 * @example
 * const { url, expected } = await buildAuthorizationUrl({
 *   server, clientId: process.env.GITHUB_CLIENT_ID!, redirectUri: 'https://app.example/oauth/github/callback',
 *   scope: 'read:user',
 * });
 * (await cookies()).set('oauth', await seal(expected), { httpOnly: true, secure: true, sameSite: 'lax' });
 * redirect(url.href);
 */
export async function buildAuthorizationUrl(options: AuthorizationUrlOptions): Promise<AuthorizationRequest> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `\`${issue.path.join('.')}\` ${issue.message}`);
    throw new OAuthCallbackError(
      'invalid_options',
      `buildAuthorizationUrl options are malformed: ${problems.join('; ')}. Fix the options.`,
    );
  }
  const { server, clientId, redirectUri } = options;
  if (!server.authorization_endpoint) throw unsupported(server.issuer, 'lists no authorization_endpoint');
  if (!supports(server.response_types_supported, 'code'))
    throw unsupported(server.issuer, 'does not list response_type code');
  if (!supports(server.code_challenge_methods_supported, 'S256'))
    throw unsupported(server.issuer, 'does not list PKCE S256');
  if (!supports(server.response_modes_supported, 'query'))
    throw unsupported(server.issuer, 'does not list response_mode query');
  const canPush = server.pushed_authorization_request_endpoint !== undefined;
  const push = options.pushedAuthorizationRequests ?? canPush;
  if (push && !canPush) throw unsupported(server.issuer, 'lists no pushed_authorization_request_endpoint');
  if (!push && server.require_pushed_authorization_requests) {
    throw unsupported(server.issuer, 'requires pushed authorization requests, which the options turned off');
  }

  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const parameters = new URLSearchParams(options.parameters);
  parameters.set('client_id', clientId);
  parameters.set('redirect_uri', redirectUri);
  parameters.set('response_type', 'code');
  parameters.set('response_mode', 'query');
  if (options.scope !== undefined) parameters.set('scope', options.scope);
  parameters.set('state', state);
  parameters.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  parameters.set('code_challenge_method', 'S256');

  const url = new URL(server.authorization_endpoint);
  if (push) {
    const client: oauth.Client = { client_id: clientId };
    const requestOptions: oauth.PushedAuthorizationRequestOptions = {
      ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
      ...(options.allowInsecureRequests ? { [oauth.allowInsecureRequests]: true } : {}),
    };
    let requestUri: string;
    try {
      const response = await oauth.pushedAuthorizationRequest(
        server,
        client,
        clientAuthenticationFor(options),
        parameters,
        requestOptions,
      );
      ({ request_uri: requestUri } = await oauth.processPushedAuthorizationResponse(
        server,
        client,
        response,
      ));
    } catch (cause) {
      throw new OAuthCallbackError(
        'authorization_server_error',
        `the pushed authorization request to ${server.issuer} failed: ${cause instanceof Error ? cause.message : String(cause)}. Check the client credentials and redirect URI registered with the provider.`,
        { cause },
      );
    }
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('request_uri', requestUri);
  } else {
    for (const [name, value] of parameters) url.searchParams.set(name, value);
  }
  return {
    url,
    expected: {
      state,
      issuer: server.issuer,
      issuerRequired: server.authorization_response_iss_parameter_supported === true,
      codeVerifier,
    },
    pushed: push,
  };
}
