import { createClerkEvent } from '@clerkship/testing';
import { type ClerkApiFake, createClerkApiFake, createSeedUsers } from '@clerkship/testing/clerk-api';
import { localOrganizations, personas } from './personas';

/**
 * Local mode's Clerk Backend API: the `@clerkship/testing` fake, in this server process, holding the
 * personas, 250 seeded users and the personas' organizations. `CLERK_API_URL` points at it, so the waitlist admin page talks to it
 * through plain Backend API requests, as it would to Clerk.
 */
const holder = globalThis as typeof globalThis & { clerkshipBackendApi?: Promise<ClerkApiFake> };

export function localBackendApi(): Promise<ClerkApiFake> {
  holder.clerkshipBackendApi ??= createClerkApiFake({
    users: [
      ...personas.map((persona) => ({
        ...createClerkEvent('user.created').data,
        id: persona.userId,
        first_name: persona.name,
        last_name: null,
        username: persona.key,
        email_addresses: [
          {
            object: 'email_address' as const,
            id: `idn_${persona.key}`,
            email_address: `${persona.key}@example.com`,
            verification: null,
            linked_to: [],
          },
        ],
        primary_email_address_id: `idn_${persona.key}`,
        public_metadata: persona.publicMetadata,
      })),
      ...createSeedUsers(250),
    ],
    // The creator of an organization (the hybrid sign-up's /plan) manages it, billing included: Clerk's
    // "Creator's initial role" instance setting, which connected mode sets in the dashboard.
    creatorRole: 'org:manager',
    // Acme and Globex with the personas' memberships: @clerkship/licensing mirrors seats and license
    // status into their public metadata, and local sign-in reads them back into the session token.
    organizations: localOrganizations.map((organization) => ({
      ...organization,
      members: personas.flatMap((persona) =>
        persona.organization?.id === organization.id
          ? [{ userId: persona.userId, role: persona.organization.role }]
          : [],
      ),
    })),
  });
  return holder.clerkshipBackendApi;
}
