import { useAuth } from '@clerk/nextjs';
import { createElement, Fragment, type ReactNode } from 'react';
import type { Access, AccessResource, PermissionKey, RoleKey } from '../define-access';

/** Props of `<Can>`. */
export interface CanProps<P extends PermissionKey> {
  permission: P;
  resource?: AccessResource;
  children: ReactNode;
  /** Rendered instead when the check denies (or while Clerk loads). */
  fallback?: ReactNode;
}

/** The React bindings for one access definition. */
export interface ReactAccess<P extends PermissionKey> {
  /** Whether the signed-in user may use `permission` (on `resource`); `false` while Clerk loads. */
  useCan(permission: P, resource?: AccessResource): boolean;
  /** Renders `children` only when the check passes. For UI only: the server checks again. */
  Can(props: CanProps<P>): ReactNode;
}

/**
 * `<Can>` and `useCan()` on top of Clerk's `useAuth()`, with the same keys and rules as the server.
 * They hide or disable UI; they are not a security boundary (every server action and route checks).
 *
 * @example
 * 'use client';
 * const { Can, useCan } = createReactAccess(access);
 *
 * <Can permission="org:tasks:edit" resource={task} fallback={<span>Read only</span>}>
 *   <EditButton />
 * </Can>
 */
export function createReactAccess<P extends PermissionKey, R extends RoleKey>(
  access: Access<P, R>,
): ReactAccess<P> {
  function useCan(permission: P, resource?: AccessResource): boolean {
    const auth = useAuth();
    return auth.isLoaded === true && access.can(auth, permission, resource);
  }
  function Can({ permission, resource, children, fallback = null }: CanProps<P>): ReactNode {
    return createElement(Fragment, null, useCan(permission, resource) ? children : fallback);
  }
  return { useCan, Can };
}
