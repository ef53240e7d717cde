import { AblyTokenError } from './errors';

/**
 * The operations Ably knows (ably-js `capabilityOp`), plus `*` for all of them.
 * https://ably.com/docs/auth/capabilities
 */
export const capabilityOperations = [
  'publish',
  'subscribe',
  'presence',
  'history',
  'stats',
  'channel-metadata',
  'push-subscribe',
  'push-admin',
  'privileged-headers',
  'object-subscribe',
  'object-publish',
  'annotation-subscribe',
  'annotation-publish',
  'message-update-own',
  'message-update-any',
  'message-delete-own',
  'message-delete-any',
] as const;

/** One Ably capability operation, or `*`. */
export type CapabilityOperation = (typeof capabilityOperations)[number] | '*';

/**
 * Channels (or namespace wildcards such as `chat:*`, or `*`) mapped to the operations allowed on them.
 */
export type Capability = Record<string, readonly CapabilityOperation[]>;

const knownOperations = new Set<string>([...capabilityOperations, '*']);

/** Validates a capability and returns it with sorted, de-duplicated operations (what Ably canonicalises). */
export function normalizedCapability(capability: unknown): Record<string, CapabilityOperation[]> {
  if (typeof capability !== 'object' || capability === null || Array.isArray(capability)) {
    throw new AblyTokenError(
      'invalid_capability',
      'capability must be an object of channel → operations, e.g. { "chat:general": ["subscribe"] }.',
    );
  }
  const result: Record<string, CapabilityOperation[]> = {};
  for (const [resource, operations] of Object.entries(capability)) {
    if (!resource || /\s/.test(resource)) {
      throw new AblyTokenError(
        'invalid_capability',
        `"${resource}" is not a channel name or pattern (no spaces, not empty).`,
      );
    }
    if (!Array.isArray(operations) || operations.length === 0) {
      throw new AblyTokenError('invalid_capability', `"${resource}" needs a non-empty list of operations.`);
    }
    for (const operation of operations) {
      if (typeof operation !== 'string' || !knownOperations.has(operation)) {
        throw new AblyTokenError(
          'invalid_capability',
          `"${String(operation)}" on "${resource}" is not an Ably capability operation. Use one of: ${[...knownOperations].join(', ')}.`,
        );
      }
    }
    result[resource] = [...new Set(operations as CapabilityOperation[])].sort();
  }
  if (Object.keys(result).length === 0) {
    throw new AblyTokenError(
      'empty_capability',
      'the capability grants nothing, and Ably refuses such tokens. Answer 403 instead of minting one.',
    );
  }
  return result;
}

/** Whether `pattern` (`*`, or `ns:*`) covers `resource`: Ably wildcards match whole segments. */
function covers(pattern: string, resource: string): boolean {
  if (pattern === resource) return false;
  if (pattern === '*') return !resource.startsWith('[');
  return pattern.endsWith(':*') && resource.startsWith(pattern.slice(0, -1));
}

/**
 * Merges capabilities: the union of operations per resource, where `*` absorbs the other operations
 * and an all-operations wildcard (`"chat:*": ["*"]`) absorbs the channels it covers.
 */
export function mergeCapabilities(capabilities: readonly Capability[]): Capability {
  const merged: Record<string, Set<CapabilityOperation>> = {};
  for (const capability of capabilities) {
    for (const [resource, operations] of Object.entries(capability)) {
      const set = merged[resource] ?? new Set<CapabilityOperation>();
      for (const operation of operations) set.add(operation);
      merged[resource] = set;
    }
  }
  const everything = Object.keys(merged).filter((resource) => merged[resource]?.has('*'));
  return Object.fromEntries(
    Object.entries(merged)
      .filter(([resource]) => !everything.some((pattern) => covers(pattern, resource)))
      .map(([resource, operations]) => [resource, operations.has('*') ? ['*'] : [...operations].sort()]),
  );
}

/**
 * The operations a capability allows on one channel, matching resource names as Ably does: an exact
 * name, `*` for every channel, `ns:*` for the channels under `ns:`. The operations of every matching
 * entry apply; `['*']` when one of them allows everything.
 *
 * @example
 * channelOperations(chatPolicy.capabilityFor(await auth()), `chat:${tenantId}:announcements`); // ['history', 'presence', 'subscribe']
 */
export function channelOperations(capability: Capability, channel: string): readonly CapabilityOperation[] {
  const operations = new Set<CapabilityOperation>();
  for (const [resource, allowed] of Object.entries(capability)) {
    if (resource !== channel && !covers(resource, channel)) continue;
    for (const operation of allowed) operations.add(operation);
  }
  return operations.has('*') ? ['*'] : [...operations].sort();
}
