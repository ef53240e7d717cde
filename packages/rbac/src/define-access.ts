import { type AccessSubject, type Requirement, resolveSubject } from '@clerkship/internal';
import { type DenialReason, RbacError } from './errors';

/** A Clerk custom permission key: `org:<feature>:<action>`. */
export type PermissionKey = `org:${string}:${string}`;
/** A Clerk organization role key: `org:<role>`. */
export type RoleKey = `org:${string}`;

/** How a permission is granted. */
export interface PermissionRule<P extends string = string> {
  /** Granted only on resources the subject created (`resource.createdById === userId`). */
  own?: boolean;
  /** Permissions this one also grants, on any resource of the tenant (e.g. manage includes edit). */
  includes?: readonly P[];
  /** What it allows, for people reading the definition. */
  description?: string;
}

/**
 * What a personal account (no active organization) may do in its own workspace: `'all'` declared
 * permissions, `'none'` (the default), or a list.
 */
export type PersonalAccountPolicy<P extends string> = 'all' | 'none' | readonly P[];

/** The single source of truth for roles and permissions. */
export interface AccessDefinition<P extends PermissionKey, R extends RoleKey> {
  permissions: { readonly [K in P]: PermissionRule<NoInfer<P>> };
  roles: { readonly [K in R]: readonly NoInfer<P>[] };
  personalAccount?: PersonalAccountPolicy<NoInfer<P>>;
}

/**
 * Data a check can be made on. `tenantId` is who owns it (organization id, or user id for a personal
 * account); `createdById` the user who created it, for permissions declared `own`.
 */
export interface AccessResource {
  tenantId: string;
  createdById?: string | null;
}

/**
 * A plain, serialisable copy of what a subject holds, made on the server with `access.snapshot()`.
 * It is itself a subject: `can()` gives the same answers on it as on the auth object it came from.
 */
export interface AccessSnapshot<P extends PermissionKey = PermissionKey> {
  userId: string;
  orgId: string | null;
  orgRole: string | null;
  orgPermissions: P[];
}

/** The object `defineAccess` returns. */
export interface Access<P extends PermissionKey, R extends RoleKey> {
  /** The definition, as given. */
  readonly definition: AccessDefinition<P, R>;
  /** Every declared permission key. */
  readonly permissions: readonly P[];
  /** Every declared role key. */
  readonly roles: readonly R[];
  /**
   * Whether the subject may use `permission`, on `resource` if given. Never throws: signed-out,
   * pending, malformed subjects and unknown permissions are denied.
   */
  can(subject: AccessSubject, permission: P, resource?: AccessResource): boolean;
  /**
   * Like `can`, but throws an `RbacError` saying why when it denies. Use it on a resource loaded after
   * the guard: a guard answers the error as 401/403.
   *
   * @throws {RbacError} `signed_out` when signed out, `forbidden` otherwise (with `reason`).
   */
  require(subject: AccessSubject, permission: P, resource?: AccessResource): void;
  /**
   * The guard requirement "holds `permission` (on `resource`)", for the app's one guard (`createGuard`
   * from any package's `/next` entry), composable with other packages' requirements.
   *
   * @example
   * const { tenantId } = await guard.page(access.permission('org:tasks:view'));
   */
  permission(permission: P, resource?: AccessResource): Requirement;
  /** Why the subject may not use `permission` (on `resource`), or `null` when it may. */
  denialReason(subject: AccessSubject, permission: P, resource?: AccessResource): DenialReason | null;
  /** The tenant that owns data created now: the active organization id, else the user id; `null` when signed out. */
  tenantId(subject: AccessSubject): string | null;
  /**
   * A serialisable snapshot of the subject for client components (see `/react`'s `AccessProvider`),
   * or `null` when signed out. Carries only declared permissions the session holds.
   */
  snapshot(subject: AccessSubject): AccessSnapshot<P> | null;
}

const permissionKeyPattern = /^org:[a-z0-9_-]+:[a-z0-9_-]+$/i;
const roleKeyPattern = /^org:[a-z0-9_-]+$/i;

function invalid(message: string): never {
  throw new RbacError('invalid_definition', message);
}

function validated<P extends PermissionKey, R extends RoleKey>(definition: AccessDefinition<P, R>): void {
  if (typeof definition !== 'object' || definition === null)
    invalid('defineAccess needs { permissions, roles }.');
  const permissions = Object.keys(definition.permissions ?? {});
  if (permissions.length === 0) invalid('declare at least one permission, e.g. { "org:tasks:view": {} }.');
  const known = new Set(permissions);
  for (const permission of permissions) {
    if (!permissionKeyPattern.test(permission)) {
      invalid(
        `"${permission}" is not a Clerk permission key. Keys read org:<feature>:<action>, e.g. org:tasks:edit.`,
      );
    }
    if (permission.startsWith('org:sys_')) {
      invalid(
        `"${permission}" is a system permission, which Clerk never puts in session tokens. Check the role instead.`,
      );
    }
    for (const included of definition.permissions[permission as P].includes ?? []) {
      if (!known.has(included)) invalid(`"${permission}" includes "${included}", which is not declared.`);
    }
  }
  for (const [role, granted] of Object.entries<readonly string[]>(definition.roles ?? {})) {
    if (!roleKeyPattern.test(role))
      invalid(`"${role}" is not a Clerk role key. Keys read org:<role>, e.g. org:member.`);
    for (const permission of granted) {
      if (!known.has(permission)) invalid(`role "${role}" grants "${permission}", which is not declared.`);
    }
  }
  const policy = definition.personalAccount ?? 'none';
  if (Array.isArray(policy)) {
    for (const permission of policy) {
      if (!known.has(permission)) invalid(`personalAccount grants "${permission}", which is not declared.`);
    }
  } else if (policy !== 'all' && policy !== 'none') {
    invalid('personalAccount must be "all", "none" or a list of declared permissions.');
  }
}

/**
 * Declares roles and permissions once, typed: keys autocomplete everywhere and a typo is a type error.
 * Checks read the verified session (claims first, zero Backend API calls), with ownership and tenant
 * rules declared here rather than in `if`s at call sites.
 *
 * @example
 * export const access = defineAccess({
 *   permissions: {
 *     'org:tasks:view': {},
 *     'org:tasks:edit': { own: true },
 *     'org:tasks:manage': { includes: ['org:tasks:edit'] },
 *   },
 *   roles: {
 *     'org:manager': ['org:tasks:view', 'org:tasks:edit', 'org:tasks:manage'],
 *     'org:member': ['org:tasks:view', 'org:tasks:edit'],
 *     'org:viewer': ['org:tasks:view'],
 *   },
 *   personalAccount: 'all',
 * });
 * access.can(await auth(), 'org:tasks:edit', task);
 *
 * @throws {RbacError} `invalid_definition` for malformed keys, system permissions or undeclared references.
 */
export function defineAccess<const P extends PermissionKey, const R extends RoleKey>(
  definition: AccessDefinition<P, R>,
): Access<P, R> {
  validated(definition);
  const permissions = Object.keys(definition.permissions) as P[];
  const roles = Object.keys(definition.roles) as R[];
  const declaredRoles = new Set<string>(roles);
  const policy = definition.personalAccount ?? 'none';
  const personal = new Set<string>(policy === 'all' ? permissions : policy === 'none' ? [] : policy);
  // For each permission, the permissions that grant it: itself, then those that include it.
  const grantors = new Map<string, Array<{ permission: string; own: boolean }>>();
  for (const permission of permissions) {
    grantors.set(permission, [{ permission, own: definition.permissions[permission].own === true }]);
  }
  for (const permission of permissions) {
    for (const included of definition.permissions[permission].includes ?? []) {
      grantors.get(included)?.push({ permission, own: definition.permissions[permission].own === true });
    }
  }

  function denialReason(
    subject: AccessSubject,
    permission: P,
    resource?: AccessResource,
  ): DenialReason | null {
    const resolved = resolveSubject(subject);
    if (!resolved) return 'signed_out';
    const ways = grantors.get(permission);
    if (!ways) return 'unknown_permission';
    if (
      resource !== undefined &&
      (typeof resource !== 'object' || resource === null || resource.tenantId !== resolved.tenantId)
    ) {
      return 'other_tenant';
    }
    if (resolved.orgId && (!resolved.orgRole || !declaredRoles.has(resolved.orgRole))) return 'unknown_role';
    const holds = resolved.orgId ? resolved.holds : (key: string) => personal.has(key);
    let reason: DenialReason = 'missing_permission';
    for (const way of ways) {
      if (!holds(way.permission)) continue;
      if (!way.own || resource === undefined || resource.createdById === resolved.userId) return null;
      reason = 'not_creator';
    }
    return reason;
  }

  return {
    definition,
    permissions,
    roles,
    denialReason,
    can: (subject, permission, resource) => denialReason(subject, permission, resource) === null,
    require(subject, permission, resource) {
      const reason = denialReason(subject, permission, resource);
      if (reason) throw RbacError.denial(reason, permission);
    },
    permission(permission, resource) {
      return {
        name: `rbac:${permission}`,
        check(subject) {
          const reason = denialReason(subject, permission, resource);
          return reason ? RbacError.denial(reason, permission) : null;
        },
      };
    },
    tenantId(subject) {
      return resolveSubject(subject)?.tenantId ?? null;
    },
    snapshot(subject) {
      const resolved = resolveSubject(subject);
      if (!resolved) return null;
      const roleKnown = resolved.orgRole !== null && declaredRoles.has(resolved.orgRole);
      return {
        userId: resolved.userId,
        orgId: resolved.orgId,
        orgRole: resolved.orgRole,
        orgPermissions:
          resolved.orgId && roleKnown ? permissions.filter((permission) => resolved.holds(permission)) : [],
      };
    },
  };
}
