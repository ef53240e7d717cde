const marker = Symbol.for('@clerkship/posthog-identify.error');

/** What went wrong. */
export type PostHogIdentifyErrorCode = 'invalid_user' | 'invalid_organization';

/**
 * The error class of `@clerkship/posthog-identify`.
 *
 * @example
 * if (PostHogIdentifyError.isInstance(error)) console.error(error.code);
 */
export class PostHogIdentifyError extends Error {
  readonly [marker] = true;
  override readonly name = 'PostHogIdentifyError';
  readonly code: PostHogIdentifyErrorCode;

  constructor(code: PostHogIdentifyErrorCode, message: string) {
    super(`@clerkship/posthog-identify: ${message}`);
    this.code = code;
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is PostHogIdentifyError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
