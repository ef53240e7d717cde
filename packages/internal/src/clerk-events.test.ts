import type * as Backend from '@clerk/backend';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ClerkWebhookEvent, clerkCallbackName, clerkEventTypes } from './clerk-events';
import type * as Vendored from './vendor/clerk-webhook-types';

describe('Clerk webhook event types', () => {
  it('the vendored payload types are those of the installed @clerk/backend (re-run vendor:clerk-types if not)', () => {
    // Checked by `tsc` (the typecheck task): an update of @clerk/backend that changes a payload fails here.
    expectTypeOf<Vendored.WebhookEventType>().toEqualTypeOf<Backend.WebhookEventType>();
    expectTypeOf<Vendored.WebhookEvent>().toEqualTypeOf<Backend.WebhookEvent>();
    expectTypeOf<Vendored.UserJSON>().toEqualTypeOf<Backend.UserJSON>();
    expectTypeOf<Vendored.OrganizationJSON>().toEqualTypeOf<Backend.OrganizationJSON>();
    expectTypeOf<Vendored.OrganizationMembershipJSON>().toEqualTypeOf<Backend.OrganizationMembershipJSON>();
  });

  it('narrows an event to its data, including the two types Clerk sends but does not type', () => {
    expectTypeOf<ClerkWebhookEvent<'user.created'>['data']>().toEqualTypeOf<Backend.UserJSON>();
    expectTypeOf<ClerkWebhookEvent<'user.createdAtEdge'>['data']>().toEqualTypeOf<Backend.UserJSON>();
    expectTypeOf<ClerkWebhookEvent<'session.pending'>['data']>().toEqualTypeOf<
      ClerkWebhookEvent<'session.created'>['data']
    >();
  });

  it('names each callback after its event type, once per type', () => {
    expect(clerkCallbackName('user.created')).toBe('onUserCreated');
    expect(clerkCallbackName('organizationMembership.deleted')).toBe('onOrganizationMembershipDeleted');
    expect(new Set(clerkEventTypes.map(clerkCallbackName)).size).toBe(clerkEventTypes.length);
  });
});
