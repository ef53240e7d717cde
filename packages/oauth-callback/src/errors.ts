import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.oauth-callback.error');

/**
 * Why a callback was refused, or why the library could not do what it was asked.
 *
 * Refusals of a callback request (a 4xx: the browser or the provider sent something the app must not
 * act on): `invalid_callback`, `token_in_callback`, `unexpected_response_mode`, `issuer_missing`,
 * `issuer_mismatch`, `state_mismatch`, `provider_error`.
 * Mistakes in the app's own setup (a 500): `invalid_options`, `state_is_code_verifier`,
 * `unsupported_server`. The provider failing a pushed authorization request (a 502):
 * `authorization_server_error`.
 */
export type OAuthCallbackErrorCode =
  | 'invalid_callback'
  | 'token_in_callback'
  | 'unexpected_response_mode'
  | 'issuer_missing'
  | 'issuer_mismatch'
  | 'state_mismatch'
  | 'provider_error'
  | 'state_is_code_verifier'
  | 'invalid_options'
  | 'unsupported_server'
  | 'authorization_server_error';

const statusOf: Record<OAuthCallbackErrorCode, number> = {
  invalid_callback: 400,
  token_in_callback: 400,
  unexpected_response_mode: 400,
  issuer_missing: 400,
  issuer_mismatch: 400,
  state_mismatch: 400,
  provider_error: 400,
  state_is_code_verifier: 500,
  invalid_options: 500,
  unsupported_server: 500,
  authorization_server_error: 502,
};

/** Every code, for parsing one back from a URL (see `protectCallback`). */
export const oauthCallbackErrorCodes = Object.keys(statusOf) as OAuthCallbackErrorCode[];

/** What the provider said when it answered with `error=` (RFC 6749 §4.1.2.1). */
export interface ProviderErrorDetails {
  error: string;
  description?: string;
}

/**
 * The error class of `@clerkship/oauth-callback`, with a stable `code` and the HTTP `status` it maps
 * to. Messages never contain a code, a token, a state or a verifier.
 *
 * @example
 * try {
 *   await validateCallback(request, check);
 * } catch (error) {
 *   if (OAuthCallbackError.isInstance(error) && error.code === 'provider_error') showDenied(error.provider);
 *   else throw error;
 * }
 */
export class OAuthCallbackError extends ClerkshipError<OAuthCallbackErrorCode> {
  override readonly name = 'OAuthCallbackError';
  /** The HTTP status this error maps to: 4xx for a refused callback, 5xx for a setup mistake. */
  declare readonly status: number;
  /** With `provider_error`: the provider's `error` and `error_description`. */
  readonly provider: ProviderErrorDetails | undefined;

  constructor(
    code: OAuthCallbackErrorCode,
    message: string,
    options: { cause?: unknown; provider?: ProviderErrorDetails } = {},
  ) {
    super('oauth-callback', code, message, { status: statusOf[code], cause: options.cause });
    this.provider = options.provider;
    Object.defineProperty(this, marker, { value: true });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is OAuthCallbackError {
    return isClerkshipError(value) && marker in value;
  }
}
