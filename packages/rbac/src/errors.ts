const marker = Symbol.for('@clerkship/rbac.error');

/** What went wrong, as a stable code. */
export type RbacErrorCode = 'unauthenticated' | 'forbidden' | 'invalid_definition';

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
 * The error class of `@clerkship/rbac`.
 *
 * @example
 * if (RbacError.isInstance(error) && error.code === 'invalid_definition') console.error(error.message);
 */
export class RbacError extends Error {
  readonly [marker] = true;
  override name = 'RbacError';
  readonly code: RbacErrorCode;

  constructor(code: RbacErrorCode, message: string, options?: { cause?: unknown }) {
    super(`@clerkship/rbac: ${message}`, options);
    this.code = code;
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is RbacError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/**
 * Thrown by `require()` and the Next.js guards when a check denies. `code` is `unauthenticated` (answer
 * 401 / send to sign-in) or `forbidden` (answer 403 / 404); `reason` says which rule denied.
 *
 * @example
 * try {
 *   access.require(await auth(), 'org:tasks:edit', task);
 * } catch (error) {
 *   if (ForbiddenError.isInstance(error)) return { error: error.reason };
 *   throw error;
 * }
 */
export class ForbiddenError extends RbacError {
  override name = 'ForbiddenError';
  readonly permission: string | undefined;
  readonly reason: DenialReason;

  constructor(reason: DenialReason, permission: string | undefined) {
    super(reason === 'signed_out' ? 'unauthenticated' : 'forbidden', describe(reason, permission));
    this.permission = permission;
    this.reason = reason;
  }

  /** The HTTP status a server should answer with: 401 when signed out, else 403. */
  get status(): 401 | 403 {
    return this.code === 'unauthenticated' ? 401 : 403;
  }

  static override isInstance(value: unknown): value is ForbiddenError {
    return RbacError.isInstance(value) && (value.code === 'unauthenticated' || value.code === 'forbidden');
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
      return `the active organization role is not in this access definition, so it grants nothing. Add the role to defineAccess({ roles }).`;
    case 'missing_permission':
      return `the session does not carry ${what}. Grant it to the member's role in Clerk (tokens refresh within 60 s).`;
    case 'not_creator':
      return `${what} covers only resources the signed-in user created.`;
    case 'other_tenant':
      return 'the resource belongs to another organization or user than the active one.';
  }
}
