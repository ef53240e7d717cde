import type { ClerkWebhookEventType } from '@clerkship/internal';
import { createClerkEvent } from '@clerkship/testing';

/** The objects Clerk sends both a `.created` and an `.updated` event for. */
type PairedResource = {
  [T in ClerkWebhookEventType]: T extends `${infer Resource}.created`
    ? `${Resource}.updated` extends ClerkWebhookEventType
      ? Resource
      : never
    : never;
}[ClerkWebhookEventType];

type SampleData = Record<string, unknown>;

/**
 * What changed between the creation and the update, per object: a field a handler that applies events
 * in arrival order would overwrite with the older value. `sample` is a freshly built `.updated` event's
 * data, for changes too big to write out here.
 */
const changes: { [R in PairedResource]: (sample: SampleData, now: number) => SampleData } = {
  user: () => ({ first_name: 'Alicia' }),
  organization: () => ({ name: 'Acme Corporation' }),
  organizationDomain: (sample) => ({
    verification: sample.verification,
    affiliation_email_address: sample.affiliation_email_address,
  }),
  organizationMembership: () => ({ role: 'org:admin' }),
  role: () => ({ description: 'Manages the tasks and the members of the organization.' }),
  permission: () => ({ name: 'Edit and complete tasks' }),
  waitlistEntry: (sample) => ({ status: 'invited', invitation: sample.invitation }),
  paymentAttempt: (_sample, now) => ({ status: 'paid', paid_at: now }),
  subscription: (_sample, now) => ({ status: 'past_due', past_due_at: now }),
  subscriptionItem: () => ({ status: 'active' }),
};

function isPairedResource(resource: string): resource is PairedResource {
  return Object.hasOwn(changes, resource);
}

/** The object a `*.created` / `*.updated` type is about, when Clerk sends both events for it. */
export function pairedResource(type: ClerkWebhookEventType): PairedResource | undefined {
  const [resource, action] = type.split('.');
  if (resource === undefined || (action !== 'created' && action !== 'updated')) return undefined;
  return isPairedResource(resource) ? resource : undefined;
}

/**
 * The creation and a later update of one object: same id, `updated_at` a minute later, one field
 * changed. `data` (from `--data`) shapes the object in both.
 */
export function createdAndUpdated(resource: PairedResource, data: SampleData, now = Date.now()) {
  const createdAt = now - 60_000;
  const created = createClerkEvent(`${resource}.created`, data as never, { timestamp: createdAt });
  const sample: SampleData = { ...createClerkEvent(`${resource}.updated`).data };
  const updated = createClerkEvent(
    `${resource}.updated`,
    { ...created.data, ...changes[resource](sample, now), updated_at: now } as never,
    { timestamp: now },
  );
  return { created, updated };
}
