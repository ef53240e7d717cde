import { ClerkshipError } from '../clerkship-error';

const marker = Symbol.for('clerkship.guard.error');

/** Why the guard itself refused, before any requirement ran. */
export type GuardErrorCode = 'signed_out';

/**
 * Thrown by `guard.action` (and answered as 401 by `guard.route`) when there is no signed-in, active
 * session: signed out, a pending session (tasks such as choosing an organization are not done), or claims
 * that cannot be read. Requirements' own denials are their packages' errors.
 *
 * @example
 * if (GuardError.isInstance(error) && error.code === 'signed_out') redirect('/sign-in');
 */
export class GuardError extends ClerkshipError<GuardErrorCode> {
  readonly [marker] = true;
  override readonly name = 'GuardError';
  override readonly status = 401;

  constructor(code: GuardErrorCode) {
    super('guard', code, 'no signed-in, active session. Sign in (a pending session counts as signed out).', {
      status: 401,
    });
  }

  /** `instanceof` that also holds across packages and installed copies. */
  static isInstance(value: unknown): value is GuardError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
