import { ClerkshipError } from '../clerkship-error';

const marker = Symbol.for('clerkship.guard.error');

/**
 * Why the guard itself refused: `signed_out` (401) before any requirement ran, or `invalid_input`
 * (400) from `guard.parse` on a body, form or parameter that does not match its schema.
 */
export type GuardErrorCode = 'signed_out' | 'invalid_input';

/**
 * Thrown by `guard.action` (and answered as 401 by `guard.route`) when there is no signed-in, active
 * session: signed out, a pending session (tasks such as choosing an organization are not done), or claims
 * that cannot be read; and by `guard.parse` (answered as 400) for input that does not match its schema.
 * Requirements' own denials are their packages' errors.
 *
 * @example
 * if (GuardError.isInstance(error) && error.code === 'signed_out') redirect('/sign-in');
 */
export class GuardError extends ClerkshipError<GuardErrorCode> {
  override readonly name = 'GuardError';
  declare readonly status: number;

  constructor(code: GuardErrorCode, message?: string) {
    super(
      'guard',
      code,
      message ?? 'no signed-in, active session. Sign in (a pending session counts as signed out).',
      { status: code === 'signed_out' ? 401 : 400 },
    );
    Object.defineProperty(this, marker, { value: true });
  }

  /** `instanceof` that also holds across packages and installed copies. */
  static isInstance(value: unknown): value is GuardError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
