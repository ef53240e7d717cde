import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.api-gateway.error');

/**
 * Why a request was refused or the authorizer could not answer.
 *
 * 401, the caller is not signed in (REST: `Error('Unauthorized')`): `missing_token`,
 * `invalid_authorization_scheme`, `malformed_token`, `invalid_algorithm`, `invalid_signature`,
 * `unknown_signing_key`, `token_expired`, `token_not_active_yet`, `invalid_issuer`,
 * `invalid_authorized_party`, `invalid_audience`, `session_pending`.
 *
 * 403, signed in but not allowed (a `Deny` policy): `forbidden`.
 *
 * 500, a fault of the deployment, never of the caller: `invalid_options`, `invalid_event`,
 * `jwks_unavailable`, `invalid_context`, `authorize_failed`.
 */
export type ApiGatewayErrorCode =
  | 'missing_token'
  | 'invalid_authorization_scheme'
  | 'malformed_token'
  | 'invalid_algorithm'
  | 'invalid_signature'
  | 'unknown_signing_key'
  | 'token_expired'
  | 'token_not_active_yet'
  | 'invalid_issuer'
  | 'invalid_authorized_party'
  | 'invalid_audience'
  | 'session_pending'
  | 'forbidden'
  | 'invalid_options'
  | 'invalid_event'
  | 'jwks_unavailable'
  | 'invalid_context'
  | 'authorize_failed';

const forbiddenCodes: ReadonlySet<ApiGatewayErrorCode> = new Set(['forbidden']);
const serverCodes: ReadonlySet<ApiGatewayErrorCode> = new Set([
  'invalid_options',
  'invalid_event',
  'jwks_unavailable',
  'invalid_context',
  'authorize_failed',
]);

function statusOf(code: ApiGatewayErrorCode): 401 | 403 | 500 {
  return serverCodes.has(code) ? 500 : forbiddenCodes.has(code) ? 403 : 401;
}

/**
 * The error class of `@clerkship/api-gateway`. Refusals (401, 403) are never thrown out of an authorizer:
 * they become the flavour's exact refusal and reach `onRefusal`. Faults of the deployment (500) are
 * thrown, so API Gateway answers 500 and the Lambda logs say what to fix. Messages never contain a token.
 *
 * @example
 * createClerkAuthorizer({ ..., onRefusal: (error) => console.warn(error.code, error.message) });
 * if (ApiGatewayError.isInstance(error) && error.status === 401) askTheClientToRefreshItsToken();
 */
export class ApiGatewayError extends ClerkshipError<ApiGatewayErrorCode> {
  readonly [marker] = true;
  override readonly name = 'ApiGatewayError';
  /** The HTTP status the code maps to: 401 not signed in, 403 denied, 500 a deployment fault. */
  declare readonly status: 401 | 403 | 500;

  constructor(code: ApiGatewayErrorCode, message: string, options: { cause?: unknown } = {}) {
    super('api-gateway', code, message, { status: statusOf(code), cause: options.cause });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is ApiGatewayError {
    return isClerkshipError(value) && marker in value;
  }
}
