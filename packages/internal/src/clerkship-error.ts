const marker = Symbol.for('clerkship.error');

/** What every `@clerkship/*` error carries. */
export interface ClerkshipErrorOptions {
  /** The HTTP status a server answers with when this error reaches it (a 4xx for the caller's fault). */
  status?: number;
  cause?: unknown;
}

/**
 * The base of every package's error class: a stable `code`, an HTTP `status` where one maps, a `cause`,
 * and the message `@clerkship/<package>: <what happened>. <how to fix>`. Each package bundles its own
 * copy of this class, so identity goes through a `Symbol.for` marker, not `instanceof`: two installed
 * copies (or two packages) still recognise each other's errors.
 */
export abstract class ClerkshipError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly status: number | undefined;

  protected constructor(
    packageName: string,
    code: Code,
    message: string,
    options: ClerkshipErrorOptions = {},
  ) {
    super(
      `@clerkship/${packageName}: ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.status = options.status;
    // Not a declared member: a `unique symbol` in the declarations would make each bundled copy of this
    // class a different type, and packages' errors could no longer meet in one guard.
    Object.defineProperty(this, marker, { value: true });
  }
}

/** Any `@clerkship/*` error, from any package or copy. */
export function isClerkshipError(value: unknown): value is ClerkshipError {
  return typeof value === 'object' && value !== null && marker in value;
}

/**
 * A `@clerkship/*` error that answers a request with a 4xx: a refusal (401, 403) or bad input (400, 404,
 * 409, 413, 422). Guards turn these into JSON answers; anything else is a fault and is rethrown.
 */
export function isClientError(value: unknown): value is ClerkshipError & { status: number } {
  return (
    isClerkshipError(value) && typeof value.status === 'number' && value.status >= 400 && value.status < 500
  );
}
