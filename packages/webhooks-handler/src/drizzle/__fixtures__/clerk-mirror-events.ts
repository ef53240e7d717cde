import type { OrganizationJSON, OrganizationMembershipJSON, UserJSON } from '@clerk/backend';
import type { ClerkWebhookEvent } from '@clerkship/internal';
import { createClerkEvent, createClerkId } from '@clerkship/testing';

// Realistic Clerk payloads (from @clerkship/testing) with the ids and times a scenario needs. Clerk's
// `timestamp` (when it sent the event) and `updated_at` are both milliseconds since the epoch.

/** 2026-11-02T09:00:00Z, then minutes after it. */
export const start = Date.UTC(2026, 10, 2, 9);
export const minutes = (count: number) => start + count * 60_000;

export function userEvent(
  type: 'user.created' | 'user.updated',
  data: Partial<UserJSON> & { id: string; updated_at: number },
): ClerkWebhookEvent {
  return createClerkEvent(type, { created_at: start, ...data }, { timestamp: data.updated_at });
}

export function organizationEvent(
  type: 'organization.created' | 'organization.updated',
  data: Partial<OrganizationJSON> & { id: string; updated_at: number },
): ClerkWebhookEvent {
  return createClerkEvent(type, { created_at: start, ...data }, { timestamp: data.updated_at });
}

export function membershipEvent(
  type:
    | 'organizationMembership.created'
    | 'organizationMembership.updated'
    | 'organizationMembership.deleted',
  data: { id: string; organizationId: string; userId: string; role: string; updated_at: number },
): ClerkWebhookEvent {
  const defaults = createClerkEvent(type).data as OrganizationMembershipJSON;
  return createClerkEvent(
    type,
    {
      id: data.id,
      role: data.role,
      created_at: start,
      updated_at: data.updated_at,
      organization: { ...defaults.organization, id: data.organizationId },
      public_user_data: { ...defaults.public_user_data, user_id: data.userId },
    },
    { timestamp: data.updated_at },
  );
}

export function deletedEvent(
  type: 'user.deleted' | 'organization.deleted',
  id: string,
  timestamp: number,
): ClerkWebhookEvent {
  return createClerkEvent(type, { id }, { timestamp });
}

/** A user payload whose only, primary email address is `email`. */
export function withEmail(email: string): Pick<UserJSON, 'email_addresses' | 'primary_email_address_id'> {
  const id = createClerkId('idn');
  return {
    email_addresses: [
      { object: 'email_address', id, email_address: email, verification: null, linked_to: [] },
    ],
    primary_email_address_id: id,
  };
}
