import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.rbac.error');

/**
 * What went wrong, as a stable code. `signed_out` (401): no signed-in, active session. `forbidden`
 * (403): a check denied; `reason` says which rule. `invalid_definition`: `defineAccess` was given keys
 * Clerk would not accept.
 */
export type RbacErrorCode = 'signed_out' | 'forbidden' | 'invalid_definition';

/**
 * Why a check denied. `signed_out`: no signed-in, active session. `unknown_permission`: the permission
 * is not in the definition. `unknown_role`: the active role is not in the definition. `missing_permission`:
 * the session does not carry the permission. `not_creator`: the permission covers only resources the
 * subject created. `other_tenant`: the resource belongs to another organization or user.
 */
export type DenialReason =
  | 'signed_out'
  | 'unknown_permission'
  | 'unknown_role'
  | 'missing_permission'
  | 'not_creator'
  | 'other_tenant';

/**
 * The error class of `@clerkship/rbac`. A denial (`signed_out`, `forbidden`) carries the `permission`
 * checked and the `reason`; guards answer it with its `status` (401 or 403).
 *
 * @example
 * try {
 *   access.require(session, 'org:tasks:edit', task);
 * } catch (error) {
 *   if (RbacError.isInstance(error) && error.code === 'forbidden') console.log(error.reason); // 'not_creator'
 *   throw error;
 * }
 */
export class RbacError extends ClerkshipError<RbacErrorCode> {
  override readonly name = 'RbacError';
  /** The permission a denial is about. */
  readonly permission: string | undefined;
  /** Which rule denied, for `signed_out` and `forbidden`. */
  readonly reason: DenialReason | undefined;

  constructor(
    code: RbacErrorCode,
    message: string,
    options: { permission?: string; reason?: DenialReason; cause?: unknown } = {},
  ) {
    super('rbac', code, message, {
      status: code === 'signed_out' ? 401 : code === 'forbidden' ? 403 : undefined,
      cause: options.cause,
    });
    this.permission = options.permission;
    this.reason = options.reason;
    Object.defineProperty(this, marker, { value: true });
  }

  /** The denial for `reason` on `permission`. */
  static denial(reason: DenialReason, permission: string | undefined): RbacError & { status: number } {
    return new RbacError(reason === 'signed_out' ? 'signed_out' : 'forbidden', describe(reason, permission), {
      permission,
      reason,
    }) as RbacError & { status: number };
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is RbacError {
    return isClerkshipError(value) && marker in value;
  }
}

function describe(reason: DenialReason, permission: string | undefined): string {
  const what = permission ? `"${permission}"` : 'this';
  switch (reason) {
    case 'signed_out':
      return 'no signed-in, active session. Sign in (a pending session counts as signed out).';
    case 'unknown_permission':
      return `${what} is not a permission of this access definition. Add it to defineAccess({ permissions }) or fix the key.`;
    case 'unknown_role':
      return 'the active organization role is not in this access definition, so it grants nothing. Add the role to defineAccess({ roles }).';
    case 'missing_permission':
      return `the session does not carry ${what}. Grant it to the member's role in Clerk (tokens refresh within 60 s).`;
    case 'not_creator':
      return `${what} covers only resources the signed-in user created. Ask the creator or a member whose role grants more.`;
    case 'other_tenant':
      return 'the resource belongs to another organization or user than the active one. Switch to the organization that owns it.';
  }
}
