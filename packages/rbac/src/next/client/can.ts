import { useAuth } from '@clerk/nextjs';
import { createContext, createElement, Fragment, type ReactNode, useContext } from 'react';
import type { Access, AccessResource, AccessSnapshot, PermissionKey, RoleKey } from '../../define-access';

/** Props of `<Can>`. */
export interface CanProps<P extends PermissionKey> {
  permission: P;
  resource?: AccessResource;
  children: ReactNode;
  /** Rendered instead when the check denies (or while Clerk loads). */
  fallback?: ReactNode;
}

/** Props of `<AccessProvider>`. */
export interface AccessProviderProps<P extends PermissionKey> {
  /** `access.snapshot(await auth())`, made on the server; `null` when signed out. */
  snapshot: AccessSnapshot<P> | null;
  children: ReactNode;
}

/** The React bindings for one access definition. */
export interface ReactAccess<P extends PermissionKey> {
  /**
   * Hands the server's view of the session to client components, so `<Can>` and `useCan()` agree with
   * the server from the first render, before (or without) Clerk's browser SDK.
   */
  AccessProvider(props: AccessProviderProps<P>): ReactNode;
  /** Whether the signed-in user may use `permission` (on `resource`); `false` while Clerk loads. */
  useCan(permission: P, resource?: AccessResource): boolean;
  /** Renders `children` only when the check passes. For UI only: the server checks again. */
  Can(props: CanProps<P>): ReactNode;
}

const unset = Symbol('no AccessProvider');

/**
 * `<Can>`, `useCan()` and `<AccessProvider>` with the same keys and rules as the server. Inside an
 * `AccessProvider` they read its server-made snapshot; otherwise Clerk's `useAuth()`. They hide or
 * disable UI; they are not a security boundary (every server action and route checks).
 *
 * @example
 * 'use client';
 * export const { AccessProvider, Can, useCan } = createReactAccess(access);
 *
 * <Can permission="org:tasks:edit" resource={task} fallback={<span>Read only</span>}>
 *   <EditButton />
 * </Can>
 */
export function createReactAccess<P extends PermissionKey, R extends RoleKey>(
  access: Access<P, R>,
): ReactAccess<P> {
  const SnapshotContext = createContext<AccessSnapshot<P> | null | typeof unset>(unset);

  function AccessProvider({ snapshot, children }: AccessProviderProps<P>): ReactNode {
    return createElement(SnapshotContext.Provider, { value: snapshot }, children);
  }

  function useClerkCan(permission: P, resource?: AccessResource): boolean {
    const auth = useAuth();
    return auth.isLoaded === true && access.can(auth, permission, resource);
  }

  function useCan(permission: P, resource?: AccessResource): boolean {
    const snapshot = useContext(SnapshotContext);
    // Under an AccessProvider, Clerk's client is never asked (it may not be there at all). Whether a
    // provider is above a component does not change while it is mounted, so the hooks called stay the
    // same from render to render.
    if (snapshot !== unset) return access.can(snapshot, permission, resource);
    return useClerkCan(permission, resource);
  }

  function Can({ permission, resource, children, fallback = null }: CanProps<P>): ReactNode {
    return createElement(Fragment, null, useCan(permission, resource) ? children : fallback);
  }

  return { AccessProvider, useCan, Can };
}
