const marker = Symbol.for('@clerkship/waitlist.error');

/** What went wrong. */
export type WaitlistErrorCode =
  | 'unauthenticated'
  | 'waitlisted'
  | 'forbidden'
  | 'invalid_argument'
  | 'backend_api';

/**
 * The error class of `@clerkship/waitlist`. `status` is the HTTP status a server should answer with.
 *
 * @example
 * if (WaitlistError.isInstance(error) && error.code === 'waitlisted') redirect('/waitlist');
 */
export class WaitlistError extends Error {
  readonly [marker] = true;
  override readonly name = 'WaitlistError';
  readonly code: WaitlistErrorCode;
  readonly status: number;

  constructor(code: WaitlistErrorCode, message: string, options?: { status?: number; cause?: unknown }) {
    super(
      `@clerkship/waitlist: ${message}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.status =
      options?.status ??
      { unauthenticated: 401, waitlisted: 403, forbidden: 403, invalid_argument: 400, backend_api: 502 }[
        code
      ];
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is WaitlistError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
