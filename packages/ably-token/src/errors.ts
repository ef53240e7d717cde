import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.ably-token.error');

/** Why a token could not be made. */
export type AblyTokenErrorCode =
  | 'invalid_api_key'
  | 'invalid_client_id'
  | 'invalid_ttl'
  | 'invalid_capability'
  | 'empty_capability'
  | 'invalid_claim'
  | 'token_too_large'
  | 'missing_api_key';

/**
 * The error class of `@clerkship/ably-token`: every bad input to `createAblyJwt` and the policy is one
 * of these, with a stable `code`. Messages never contain the API key secret.
 *
 * @example
 * if (AblyTokenError.isInstance(error) && error.code === 'token_too_large') shrinkClaims();
 */
export class AblyTokenError extends ClerkshipError<AblyTokenErrorCode> {
  override readonly name = 'AblyTokenError';

  constructor(code: AblyTokenErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super('ably-token', code, message, options);
    Object.defineProperty(this, marker, { value: true });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is AblyTokenError {
    return isClerkshipError(value) && marker in value;
  }
}
