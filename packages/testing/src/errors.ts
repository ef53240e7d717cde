import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.testing.error');

/** Why a test-kit helper refused its input. */
export type TestingErrorCode =
  | 'invalid_keys'
  | 'invalid_persona'
  | 'invalid_permission'
  | 'invalid_token_options'
  | 'invalid_webhook_secret'
  | 'invalid_event'
  | 'postgres_failed'
  | 'invalid_stripe_fake_options';

/**
 * The one error class of `@clerkship/testing`. Every helper throws it (never a bare `Error`) when its
 * arguments cannot produce what Clerk, Svix or Stripe would produce.
 *
 * @example
 * try {
 *   await createSessionToken(keys, { userId: '' });
 * } catch (error) {
 *   if (TestingError.isInstance(error)) console.error(error.code); // 'invalid_persona'
 * }
 */
export class TestingError extends ClerkshipError<TestingErrorCode> {
  readonly [marker] = true;
  override readonly name = 'TestingError';

  constructor(code: TestingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super('testing', code, message, { cause: options.cause });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is TestingError {
    return isClerkshipError(value) && marker in value;
  }
}
