import type { ClerkWebhookEvent, ClerkWebhookEventType } from '@clerkship/internal';
import { dataBuilders } from './clerk-events/data-builders';
import { TestingError } from './errors';

export { createClerkId } from './clerk-events/clerk-id';

/**
 * Every Clerk webhook event type `createClerkEvent` builds: the 45 of `@clerk/backend`'s `WebhookEvent`
 * union plus `session.pending` and `user.createdAtEdge`, which Clerk sends but does not type. The same
 * list as `@clerkship/webhooks-handler`'s `ClerkWebhookEventType`.
 */
export type BuildableClerkEventType = ClerkWebhookEventType;

/**
 * The Clerk webhook event of one `type`, with `data` typed for it; without a type, the union of all of
 * them. `session.pending` carries a session like `session.created`, `user.createdAtEdge` a user like
 * `user.created`. The same type as `@clerkship/webhooks-handler`'s `ClerkWebhookEvent`.
 */
export type ClerkEvent<T extends BuildableClerkEventType = BuildableClerkEventType> = ClerkWebhookEvent<T>;

/** Envelope fields of a built event. */
export interface ClerkEventOptions {
  /** Milliseconds since the epoch, as in Clerk's `timestamp`. Defaults to now. */
  timestamp?: number;
  /** The Clerk instance that sent it. */
  instanceId?: string;
}

/**
 * Builds a Clerk webhook event shaped like what Clerk sends, for any of Clerk's event types: the
 * `{ data, object: 'event', type, timestamp, instance_id, event_attributes }` envelope and a complete
 * `data` object with fresh ids (`*.deleted` events carry only `{ object, id, deleted: true }`, except
 * `organizationMembership.deleted`, which carries the membership). `data` fields you pass replace the
 * defaults (shallowly).
 *
 * @example
 * const event = createClerkEvent('organizationMembership.created', {
 *   role: 'org:manager',
 *   public_user_data: { ...defaults, user_id: 'user_alice' },
 * });
 * const request = await createClerkWebhookRequest(event, { secret });
 *
 * @throws {TestingError} `invalid_event` for a type Clerk does not send.
 */
export function createClerkEvent<T extends BuildableClerkEventType>(
  type: T,
  data: Partial<ClerkEvent<T>['data']> = {},
  options: ClerkEventOptions = {},
): ClerkEvent<T> {
  const build = Object.hasOwn(dataBuilders, type) ? dataBuilders[type] : undefined;
  if (!build) {
    throw new TestingError(
      'invalid_event',
      `no payload builder for "${String(type)}". Use one of Clerk's event types: ${Object.keys(dataBuilders).join(', ')}.`,
    );
  }
  const timestamp = options.timestamp ?? Date.now();
  const instanceId = options.instanceId ?? 'ins_clerkship_test';
  return {
    data: { ...build({ now: timestamp, instanceId }), ...data },
    object: 'event',
    type,
    timestamp,
    instance_id: instanceId,
    event_attributes: {
      http_request: {
        client_ip: '203.0.113.7',
        user_agent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      },
    },
  } as unknown as ClerkEvent<T>;
}
