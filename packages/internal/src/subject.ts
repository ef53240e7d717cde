import { __experimental_JWTPayloadToAuthObjectProperties as authPropertiesFromClaims } from '@clerk/shared/jwtPayloadParser';
import type { JwtPayload } from '@clerk/shared/types';

/**
 * What Clerk gives you about a session, in any of the shapes it comes in: the object from `auth()`
 * (server), from `useAuth()` (client), or a verified session-token payload of claim version 1 or 2.
 */
export type AccessSubject = AuthLike | SessionClaimsLike | null | undefined;

/** The parts of Clerk's `auth()` / `useAuth()` objects a check reads. */
export interface AuthLike {
  userId?: string | null;
  orgId?: string | null;
  orgRole?: string | null;
  orgPermissions?: readonly string[] | null;
  isAuthenticated?: boolean;
  isSignedIn?: boolean;
  sessionStatus?: string | null;
  /** Clerk's `has()`. Typed loosely: with your `ClerkAuthorization` keys, Clerk narrows its parameter. */
  has?: unknown;
  /** The verified session claims, from `auth()` (where custom claims such as metadata live). */
  sessionClaims?: Record<string, unknown> | null;
}

/** A verified session-token payload (`sub`, and `org_*` or `o` claims). */
export interface SessionClaimsLike {
  sub: string;
  [claim: string]: unknown;
}

/** A signed-in, active session reduced to what authorization needs. */
export interface ResolvedSubject {
  userId: string;
  /** The active organization, or `null` on a personal account. */
  orgId: string | null;
  orgRole: string | null;
  /** Who owns data created now: the active organization, else the user. */
  tenantId: string;
  /** The verified session claims (custom claims such as `metadata` live here); `{}` when not given. */
  claims: Readonly<Record<string, unknown>>;
  /** Whether the active membership holds a permission, read from the claims: no Backend API call. */
  holds: (permission: string) => boolean;
}

const resolved = new WeakMap<object, ResolvedSubject | null>();
const resolvedSubjects = new WeakSet<object>();
// Each package bundles its own copy of this file: a subject resolved by one copy (the guard of
// @clerkship/licensing/next) reaches requirements of another (@clerkship/rbac's access.permission), so
// the mark must be shared across copies, like the error markers.
const resolvedMark = Symbol.for('clerkship.resolved-subject');

function isResolved(subject: object): boolean {
  return resolvedSubjects.has(subject) || (subject as { [resolvedMark]?: unknown })[resolvedMark] === true;
}

function markResolved<T extends object>(subject: T): T {
  resolvedSubjects.add(subject);
  Object.defineProperty(subject, resolvedMark, { value: true, enumerable: false });
  return subject;
}

const holdsNothing = () => false;

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function fromPermissionList(permissions: readonly unknown[]): (permission: string) => boolean {
  const held = new Set(permissions.filter(nonEmptyString));
  return (permission) => held.has(permission);
}

const noClaims: Readonly<Record<string, unknown>> = Object.freeze({});

function fromAuth(auth: AuthLike, claims?: Readonly<Record<string, unknown>>): ResolvedSubject | null {
  if (auth.isAuthenticated === false || auth.isSignedIn === false || auth.sessionStatus === 'pending')
    return null;
  if (!nonEmptyString(auth.userId)) return null;
  const orgId = nonEmptyString(auth.orgId) ? auth.orgId : null;
  let holds: (permission: string) => boolean = holdsNothing;
  if (orgId && Array.isArray(auth.orgPermissions)) holds = fromPermissionList(auth.orgPermissions);
  else if (orgId && typeof auth.has === 'function') {
    // Client-side auth objects expose only has(); it reads the active membership.
    const has = auth.has as (params: { permission: string }) => unknown;
    holds = (permission) => has({ permission }) === true;
  }
  const sessionClaims = claims ?? auth.sessionClaims;
  return {
    userId: auth.userId,
    orgId,
    orgRole: orgId && nonEmptyString(auth.orgRole) ? auth.orgRole : null,
    tenantId: orgId ?? auth.userId,
    claims: typeof sessionClaims === 'object' && sessionClaims !== null ? sessionClaims : noClaims,
    holds,
  };
}

function fromClaims(claims: SessionClaimsLike): ResolvedSubject | null {
  if (!nonEmptyString(claims.sub) || claims.sts === 'pending') return null;
  let properties: ReturnType<typeof authPropertiesFromClaims>;
  try {
    // Clerk's own parser: v1 `org_*` claims and v2's compact `o`/`fea`/`fpm` encoding alike.
    properties = authPropertiesFromClaims(claims as unknown as JwtPayload);
  } catch {
    return null;
  }
  return fromAuth({ ...properties, userId: claims.sub, sessionStatus: null }, claims);
}

/**
 * Resolves any supported subject to a signed-in session, or `null` for signed out, pending, missing or
 * malformed input. Results are cached per object, so checking many permissions on one `auth()` result
 * resolves it once.
 */
export function resolveSubject(subject: AccessSubject | unknown): ResolvedSubject | null {
  if (typeof subject !== 'object' || subject === null) return null;
  // A subject the guard already resolved, handed on to a requirement or a check.
  if (isResolved(subject)) return subject as ResolvedSubject;
  const cached = resolved.get(subject);
  if (cached !== undefined) return cached;
  const result = 'sub' in subject ? fromClaims(subject as SessionClaimsLike) : fromAuth(subject as AuthLike);
  resolved.set(subject, result);
  if (result) markResolved(result);
  return result;
}

/**
 * The subject with more fields (the guard adds the auth object), still recognised by `resolveSubject`
 * as resolved: a check on a guarded session reads the same permissions as the guard did.
 */
export function extendSubject<T extends object>(subject: ResolvedSubject, extra: T): ResolvedSubject & T {
  return markResolved({ ...subject, ...extra });
}
