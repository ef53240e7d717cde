import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.waitlist.error');

/**
 * What went wrong. `signed_out` (401): no signed-in, active session. `waitlisted` (403): signed in, not
 * approved yet. `forbidden` (403): an admin operation by someone who is not an admin. `invalid_argument`
 * (400): a user id, cursor or limit that could not come from the admin page. `user_not_found` (404).
 * `backend_api` (502, 503 when rate-limited past the retries): Clerk's Backend API failed.
 */
export type WaitlistErrorCode =
  | 'signed_out'
  | 'waitlisted'
  | 'forbidden'
  | 'invalid_argument'
  | 'user_not_found'
  | 'backend_api';

const statusOf: Record<WaitlistErrorCode, number> = {
  signed_out: 401,
  waitlisted: 403,
  forbidden: 403,
  invalid_argument: 400,
  user_not_found: 404,
  backend_api: 502,
};

/**
 * The error class of `@clerkship/waitlist`. `status` is the HTTP status a server answers with; guards
 * answer it for you.
 *
 * @example
 * const result = await approve(userId); // a guard.safeAction
 * if (!result.ok && result.error === 'forbidden') showToast(result.message);
 */
export class WaitlistError extends ClerkshipError<WaitlistErrorCode> {
  override readonly name = 'WaitlistError';
  declare readonly status: number;

  constructor(code: WaitlistErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super('waitlist', code, message, { status: options.status ?? statusOf[code], cause: options.cause });
    Object.defineProperty(this, marker, { value: true });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is WaitlistError {
    return isClerkshipError(value) && marker in value;
  }
}
