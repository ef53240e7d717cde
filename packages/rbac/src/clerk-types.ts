import type { Access, PermissionKey, RoleKey } from './define-access';

/**
 * Clerk's `ClerkAuthorization` shape for a definition, so Clerk's own `has()`, `auth.protect()` and
 * `<Show>` autocomplete the same keys.
 *
 * @example
 * declare global {
 *   interface ClerkAuthorization extends ClerkAuthorizationOf<typeof access> {}
 * }
 */
export type ClerkAuthorizationOf<A> =
  A extends Access<infer P extends PermissionKey, infer R extends RoleKey>
    ? { permission: P; role: R }
    : never;
