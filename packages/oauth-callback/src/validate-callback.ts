import { constantTimeEqual } from '@clerkship/internal';
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { parseCallbackParameters, tokenParameters } from './callback-parameters';
import { OAuthCallbackError } from './errors';

/**
 * What the app expects of a callback: the values it kept (server side, or in an encrypted cookie) when
 * it sent the user to the provider. `buildAuthorizationUrl` returns one ready to keep.
 */
export interface ExpectedCallback {
  /** The `state` sent with the authorization request. */
  state: string;
  /** The issuer identifier of the server the user was sent to (its metadata's `issuer`). */
  issuer: string;
  /**
   * Whether that server sends `iss` with every response (metadata
   * `authorization_response_iss_parameter_supported`, RFC 9207 §3). Then a callback without `iss` is
   * refused: it may come from another server the app also uses (a mix-up attack).
   */
  issuerRequired?: boolean;
  /** The PKCE `code_verifier` of the request: checked to differ from `state`, never sent anywhere. */
  codeVerifier?: string;
}

/** An accepted callback. */
export interface ValidatedCallback {
  /** The authorization code, to exchange at the token endpoint with the PKCE verifier. */
  code: string;
  state: string;
  /** The `iss` the server sent (equal to the expected issuer), if it sent one. */
  issuer: string | undefined;
  /**
   * The callback's query, accepted by `oauth4webapi`'s `authorizationCodeGrantRequest` (it only takes
   * parameters that went through its `validateAuthResponse`, which this function also runs).
   */
  parameters: URLSearchParams;
}

const expectedSchema = z.object({
  state: z.string().min(1, 'is empty'),
  issuer: z.string().min(1, 'is empty'),
  issuerRequired: z.boolean().optional(),
  codeVerifier: z.string().min(1, 'is empty').optional(),
});

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `\`${issue.path.join('.')}\` ${issue.message}`).join('; ');
}

/** Token-bearing parameter names present in a query or a form body. */
function tokenParametersIn(parameters: URLSearchParams): string[] {
  return tokenParameters.filter((name) => parameters.has(name));
}

async function formBodyOf(request: Request): Promise<URLSearchParams | undefined> {
  const type = request.headers.get('content-type') ?? '';
  if (request.method !== 'POST' || !type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return undefined;
  }
  return new URLSearchParams(await request.clone().text());
}

/**
 * Checks an OAuth authorization-code callback before the app acts on it, and returns the code.
 *
 * In order: refuses a callback carrying `access_token`, `id_token`, `token` or `refresh_token` in its
 * query or form body (`token_in_callback`); refuses a POST (`form_post`) or JARM response
 * (`unexpected_response_mode`); reads `code`, `state`, `iss` and `error` from the query only, each at
 * most once (`invalid_callback`); refuses an `expected` whose `state` equals its PKCE verifier
 * (`state_is_code_verifier`); checks `iss` against the expected issuer (RFC 9207: `issuer_mismatch`,
 * and `issuer_missing` when the server always sends it); compares `state` in constant time
 * (`state_mismatch`); turns `error=` into `provider_error`; requires a `code` (`invalid_callback`).
 *
 * A refusal changes nothing: no code is exchanged. Wrap the route in `protectCallback` so that a
 * refusal also clears the URL fragment a token may sit in.
 *
 * @param input The callback request (or its URL).
 * @param expected What was kept when the user was sent to the provider; `undefined` (nothing kept:
 *   this browser started no sign-in) is refused as `state_mismatch`.
 * @throws {OAuthCallbackError} with the codes above; `invalid_options` when `expected` is malformed.
 * @example
 * const { code, parameters } = await validateCallback(request, JSON.parse(await readSealedCookie()));
 * const response = await oauth.authorizationCodeGrantRequest(server, client, auth, parameters, redirectUri, expected.codeVerifier);
 */
export async function validateCallback(
  input: Request | URL | string,
  expected: ExpectedCallback | null | undefined,
): Promise<ValidatedCallback> {
  const options =
    expected === undefined || expected === null ? undefined : expectedSchema.safeParse(expected);
  if (options && !options.success) {
    throw new OAuthCallbackError(
      'invalid_options',
      `the expected callback is malformed: ${describe(options.error)}. Pass the \`expected\` object buildAuthorizationUrl returned.`,
    );
  }

  let url: URL;
  try {
    url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  } catch (cause) {
    throw new OAuthCallbackError(
      'invalid_callback',
      'the callback URL does not parse. Pass the incoming Request or its absolute URL.',
      { cause },
    );
  }
  const body = input instanceof Request ? await formBodyOf(input) : undefined;
  const tokens = [...tokenParametersIn(url.searchParams), ...(body ? tokenParametersIn(body) : [])];
  if (tokens.length > 0) {
    throw new OAuthCallbackError(
      'token_in_callback',
      `the callback carries ${[...new Set(tokens)].join(', ')}. Someone started this flow with a response_type other than code; start a new sign-in with buildAuthorizationUrl().`,
    );
  }
  if (input instanceof Request && input.method === 'POST') {
    throw new OAuthCallbackError(
      'unexpected_response_mode',
      'the callback was POSTed (response_mode=form_post). This app asks for response_mode=query; start a new sign-in with buildAuthorizationUrl().',
    );
  }
  const parsed = parseCallbackParameters(url.searchParams);
  if (!parsed.success) {
    const jarm = parsed.error.issues.some((issue) => issue.path[0] === 'response');
    throw new OAuthCallbackError(
      jarm ? 'unexpected_response_mode' : 'invalid_callback',
      `the callback query is malformed: ${describe(parsed.error)}. Start a new sign-in.`,
    );
  }
  const parameters = parsed.data;

  // Nothing kept: this browser started no sign-in (the Open Response Type attack's own case, the
  // attacker started it). A refusal of the callback, not a setup mistake.
  if (!options) {
    throw new OAuthCallbackError(
      'state_mismatch',
      'no sign-in was started in this browser (nothing was kept for this callback). Start a new sign-in.',
    );
  }
  const { state: expectedState, issuer, issuerRequired, codeVerifier } = options.data;

  if (codeVerifier !== undefined && constantTimeEqual(expectedState, codeVerifier)) {
    throw new OAuthCallbackError(
      'state_is_code_verifier',
      'the expected state equals the PKCE code verifier, so the verifier travelled in the authorization URL and PKCE protects nothing. Generate them separately (buildAuthorizationUrl does).',
    );
  }
  if (parameters.iss === undefined && issuerRequired) {
    throw new OAuthCallbackError(
      'issuer_missing',
      `the callback has no iss parameter, but ${issuer} always sends one (RFC 9207). The response may come from another server; start a new sign-in.`,
    );
  }
  if (parameters.iss !== undefined && parameters.iss !== issuer) {
    throw new OAuthCallbackError(
      'issuer_mismatch',
      `the callback's iss is not ${issuer}, the server this sign-in was sent to (RFC 9207). Start a new sign-in.`,
    );
  }
  if (parameters.state === undefined || !constantTimeEqual(parameters.state, expectedState)) {
    throw new OAuthCallbackError(
      'state_mismatch',
      `the callback's state ${parameters.state === undefined ? 'is missing' : 'does not match the one sent'}. This browser did not start this sign-in (or started another since); start a new sign-in.`,
    );
  }
  if (parameters.error !== undefined) {
    throw new OAuthCallbackError(
      'provider_error',
      `the provider answered ${parameters.error}${parameters.error_description ? ` (${parameters.error_description})` : ''}. Show the user the reason and let them try again.`,
      { provider: { error: parameters.error, description: parameters.error_description } },
    );
  }
  if (parameters.code === undefined) {
    throw new OAuthCallbackError(
      'invalid_callback',
      'the callback query has no code. If the provider put it in the URL fragment, the flow was started with another response_type; start a new sign-in.',
    );
  }

  let validated: URLSearchParams;
  try {
    validated = oauth.validateAuthResponse(
      { issuer, authorization_response_iss_parameter_supported: issuerRequired },
      // Only `client_id`'s presence is checked here; the token request takes the app's own client.
      { client_id: 'validate-callback' },
      url.searchParams,
      oauth.skipStateCheck,
    );
  } catch (cause) {
    throw new OAuthCallbackError(
      'invalid_callback',
      'the callback was refused by oauth4webapi. Start a new sign-in.',
      {
        cause,
      },
    );
  }
  return { code: parameters.code, state: parameters.state, issuer: parameters.iss, parameters: validated };
}
