import type { UserJSON, WebhookEvent, WebhookEventType } from './vendor/clerk-webhook-types';

/**
 * Every Clerk webhook event type: the 45 of `@clerk/backend`'s `WebhookEvent` union plus
 * `session.pending` and `user.createdAtEdge`, which Clerk sends but does not type.
 */
export type ClerkWebhookEventType = WebhookEventType | 'session.pending' | 'user.createdAtEdge';

/**
 * A member of Clerk's union narrowed to one type string. A distributive conditional, because
 * `Extract<WebhookEvent, { type: 'user.created' }>` is `never`: the union's members carry unions of
 * type strings (`'user.created' | 'user.updated'`).
 */
type TypedClerkEvent<T extends WebhookEventType> = WebhookEvent extends infer E
  ? E extends { type: infer U }
    ? T extends U
      ? Omit<E, 'type'> & { type: T }
      : never
    : never
  : never;

type Envelope<T, Data> = Omit<TypedClerkEvent<'user.created'>, 'type' | 'data'> & { type: T; data: Data };

/**
 * The Clerk webhook event of type `T` with `data` typed for it; without `T`, the union of all of them,
 * which narrows on `event.type`. `session.pending` carries a session like `session.created`;
 * `user.createdAtEdge` a user like `user.created`.
 *
 * The packages that expose it bundle `@clerk/backend`'s declarations of these payloads into their own
 * `.d.ts`, so the types are real even where `@clerk/backend` is not installed.
 */
export type ClerkWebhookEvent<T extends ClerkWebhookEventType = ClerkWebhookEventType> =
  T extends 'session.pending'
    ? Envelope<T, TypedClerkEvent<'session.created'>['data']>
    : T extends 'user.createdAtEdge'
      ? Envelope<T, UserJSON>
      : T extends WebhookEventType
        ? TypedClerkEvent<T>
        : never;

/** The name of the callback for an event type: `user.created` is handled by `onUserCreated`. */
export type ClerkCallbackName<T extends string> = T extends `${infer Resource}.${infer Action}`
  ? `on${Capitalize<Resource>}${Capitalize<Action>}`
  : never;

/** All Clerk webhook event types, in the order of Clerk's event catalog. */
export const clerkEventTypes = [
  'user.created',
  'user.updated',
  'user.deleted',
  'user.createdAtEdge',
  'email.created',
  'sms.created',
  'session.created',
  'session.ended',
  'session.removed',
  'session.revoked',
  'session.pending',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'organizationDomain.created',
  'organizationDomain.updated',
  'organizationDomain.deleted',
  'organizationMembership.created',
  'organizationMembership.updated',
  'organizationMembership.deleted',
  'organizationInvitation.created',
  'organizationInvitation.accepted',
  'organizationInvitation.revoked',
  'role.created',
  'role.updated',
  'role.deleted',
  'permission.created',
  'permission.updated',
  'permission.deleted',
  'waitlistEntry.created',
  'waitlistEntry.updated',
  'paymentAttempt.created',
  'paymentAttempt.updated',
  'subscription.created',
  'subscription.updated',
  'subscription.active',
  'subscription.pastDue',
  'subscriptionItem.created',
  'subscriptionItem.updated',
  'subscriptionItem.active',
  'subscriptionItem.canceled',
  'subscriptionItem.upcoming',
  'subscriptionItem.ended',
  'subscriptionItem.abandoned',
  'subscriptionItem.incomplete',
  'subscriptionItem.pastDue',
  'subscriptionItem.freeTrialEnding',
] as const satisfies readonly ClerkWebhookEventType[];

// A type Clerk adds to its union without a line above fails to compile here.
type Unlisted = Exclude<ClerkWebhookEventType, (typeof clerkEventTypes)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** `user.created` -> `onUserCreated`, at run time. */
export function clerkCallbackName<T extends string>(type: T): ClerkCallbackName<T> {
  const dot = type.indexOf('.');
  const resource = type.slice(0, dot);
  const action = type.slice(dot + 1);
  return `on${resource.charAt(0).toUpperCase()}${resource.slice(1)}${action.charAt(0).toUpperCase()}${action.slice(1)}` as ClerkCallbackName<T>;
}
