import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.posthog-identify.error');

/** What went wrong. */
export type PostHogIdentifyErrorCode = 'invalid_user' | 'invalid_organization';

/**
 * The error class of `@clerkship/posthog-identify`.
 *
 * @example
 * if (PostHogIdentifyError.isInstance(error)) console.error(error.code);
 */
export class PostHogIdentifyError extends ClerkshipError<PostHogIdentifyErrorCode> {
  readonly [marker] = true;
  override readonly name = 'PostHogIdentifyError';

  constructor(code: PostHogIdentifyErrorCode, message: string) {
    super('posthog-identify', code, message);
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is PostHogIdentifyError {
    return isClerkshipError(value) && marker in value;
  }
}
