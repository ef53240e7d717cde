import { type AccessSubject, resolveSubject } from '@clerkship/internal';
import { type Capability, mergeCapabilities, normalizedCapability } from './capability';

/** A Clerk permission key, `org:<feature>:<action>`. */
export type PermissionKey = `org:${string}:${string}`;

/**
 * What the policy needs of an access definition: whether a session holds a permission. The result of
 * `@clerkship/rbac`'s `defineAccess()` fits, so chat grants follow the same roles as the rest of the app.
 */
export interface AccessLike<P extends PermissionKey> {
  can(subject: AccessSubject, permission: P): boolean;
}

/** Channels granted to holders of a permission. */
export interface CapabilityGrant<P extends PermissionKey> {
  /** The `@clerkship/rbac` permission that grants this; omit it to grant every signed-in user. */
  permission?: P;
  /**
   * Channels (or `ns:*` patterns) and operations. `{tenantId}` in a channel name is replaced by the
   * subject's tenant (active organization, else user id), to keep organizations on separate channels.
   */
  capability: Capability;
}

/** What the subject's checks can see when it builds channel claims. */
export interface ClaimContext<P extends PermissionKey> {
  userId: string;
  tenantId: string;
  can: (permission: P) => boolean;
}

/** The policy: which permission grants which channels, and which claims go in the token. */
export interface AblyPolicyOptions<P extends PermissionKey, C extends Record<string, unknown>> {
  grants: readonly CapabilityGrant<P>[];
  /**
   * The channel claims Ably attaches to each message (`extras.userClaim`), keyed by channel or pattern.
   * Only what clients need, e.g. `{ 'chat:*': { moderator: can('org:chat:moderate') } }`.
   */
  claims?: (context: ClaimContext<P>) => Record<string, C>;
}

/** What a token for one subject carries; `null` when signed out or granted nothing. */
export interface AblyTokenContents<C extends Record<string, unknown>> {
  clientId: string;
  capability: Capability;
  channelClaims: Record<string, C>;
}

/** A capability policy bound to an access definition. */
export interface AblyPolicy<P extends PermissionKey, C extends Record<string, unknown>> {
  /** The channels and operations the subject gets; `{}` when nothing (least privilege). */
  capabilityFor(subject: AccessSubject): Capability;
  /** Client id, capability and claims for the subject's token, or `null` when there is nothing to grant. */
  tokenContentsFor(subject: AccessSubject): AblyTokenContents<C> | null;
  readonly grants: readonly CapabilityGrant<P>[];
}

/**
 * Declares once which permissions grant which Ably channels, on the same `@clerkship/rbac` definition
 * that drives UI, server actions and routes. A subject with nothing gets nothing.
 *
 * @example
 * export const chatPolicy = defineAblyPolicy(access, {
 *   grants: [
 *     { permission: 'org:chat:use', capability: { 'chat:general': ['subscribe', 'publish'], 'chat:announcements': ['subscribe'] } },
 *     { permission: 'org:chat:moderate', capability: { '*': ['*'] } },
 *   ],
 *   claims: ({ can }) => ({ 'chat:*': { moderator: can('org:chat:moderate') } }),
 * });
 *
 * @throws {AblyTokenError} `invalid_capability` for an operation Ably does not know.
 */
export function defineAblyPolicy<P extends PermissionKey, C extends Record<string, unknown>>(
  access: AccessLike<P>,
  options: AblyPolicyOptions<P, C>,
): AblyPolicy<P, C> {
  for (const grant of options.grants) normalizedCapability(grant.capability);
  // The same tenant and grants give the same (frozen) capability object, so tokens reuse its JSON.
  const cache = new Map<string, Capability>();
  const cacheLimit = 1000;

  function capabilityFor(subject: AccessSubject): Capability {
    const tenantId = resolveSubject(subject)?.tenantId ?? null;
    if (tenantId === null) return {};
    const granted = options.grants.filter(
      (grant) => grant.permission === undefined || access.can(subject, grant.permission),
    );
    const key = `${tenantId}\u0000${granted.map((grant) => options.grants.indexOf(grant)).join(',')}`;
    let capability = cache.get(key);
    if (!capability) {
      capability = Object.freeze(
        mergeCapabilities(
          granted.map((grant) =>
            Object.fromEntries(
              Object.entries(grant.capability).map(([resource, operations]) => [
                resource.replaceAll('{tenantId}', tenantId),
                operations,
              ]),
            ),
          ),
        ),
      );
      if (cache.size >= cacheLimit) cache.clear();
      cache.set(key, capability);
    }
    return capability;
  }

  return {
    grants: options.grants,
    capabilityFor,
    tokenContentsFor(subject) {
      const session = resolveSubject(subject);
      const capability = capabilityFor(subject);
      if (!session || Object.keys(capability).length === 0) return null;
      const { userId, tenantId } = session;
      const claims = options.claims?.({
        userId,
        tenantId,
        can: (permission) => access.can(subject, permission),
      });
      const channelClaims = Object.fromEntries(
        Object.entries(claims ?? {}).map(([resource, claim]) => [
          resource.replaceAll('{tenantId}', tenantId),
          claim,
        ]),
      );
      return { clientId: userId, capability, channelClaims };
    },
  };
}
