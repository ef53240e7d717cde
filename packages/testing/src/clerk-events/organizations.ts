import type { DeletedObjectJSON, OrganizationJSON, OrganizationMembershipJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { deletedObject } from './deleted-object';
import type { EventContext } from './event-context';
import { user } from './users';

/** Acme Inc, an organization with one member (its creator) and room for five. */
export function organization({ now }: EventContext): OrganizationJSON {
  const id = createClerkId('org');
  return {
    object: 'organization',
    id,
    name: 'Acme Inc',
    slug: 'acme-inc',
    image_url: `https://img.clerk.com/${id}`,
    has_image: false,
    members_count: 1,
    pending_invitations_count: 0,
    max_allowed_memberships: 5,
    admin_delete_enabled: true,
    public_metadata: {},
    private_metadata: {},
    created_by: createClerkId('user'),
    created_at: now,
    updated_at: now,
  };
}

export function organizationDeleted(): DeletedObjectJSON {
  return deletedObject('organization', 'org');
}

/**
 * Alice's membership in Acme Inc. `organizationMembership.deleted` carries the whole membership too
 * (not a deleted object), so a handler can tell which user left which organization.
 */
export function organizationMembership(context: EventContext): OrganizationMembershipJSON {
  const { now } = context;
  const member = user(context);
  return {
    object: 'organization_membership',
    id: createClerkId('orgmem'),
    role: 'org:member',
    permissions: ['org:sys_memberships:read'],
    public_metadata: {},
    private_metadata: {},
    created_at: now,
    updated_at: now,
    organization: organization(context),
    public_user_data: {
      identifier: 'alice@example.com',
      first_name: member.first_name,
      last_name: member.last_name,
      image_url: member.image_url,
      has_image: false,
      user_id: member.id,
    },
  };
}
