import type { OrganizationInvitationAcceptedWebhookEvent, OrganizationInvitationJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { day, type EventContext } from './event-context';

type OrganizationInvitationAcceptedJSON = OrganizationInvitationAcceptedWebhookEvent['data'];

/** Bob's invitation to join Acme Inc as a member; Clerk's organization invitations last 30 days. */
export function organizationInvitation(
  { now }: EventContext,
  status: 'pending' | 'revoked',
): OrganizationInvitationJSON {
  return {
    object: 'organization_invitation',
    id: createClerkId('orginv'),
    email_address: 'bob@example.com',
    role: 'org:member',
    role_name: 'Member',
    organization_id: createClerkId('org'),
    status,
    public_metadata: {},
    private_metadata: {},
    url: null,
    created_at: now,
    updated_at: now,
    expires_at: now + 30 * day,
  };
}

/** Bob accepted: the invitation names the user he signed in (or up) as. */
export function organizationInvitationAccepted(context: EventContext): OrganizationInvitationAcceptedJSON {
  return {
    ...organizationInvitation(context, 'pending'),
    status: 'accepted',
    user_id: createClerkId('user'),
  };
}
