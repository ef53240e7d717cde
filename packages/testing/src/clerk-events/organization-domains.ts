import type { DeletedObjectJSON, OrganizationDomainJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { deletedObject } from './deleted-object';
import { day, type EventContext } from './event-context';

/**
 * Acme's `example.com` domain, which invites people who sign up with an address there. A domain is
 * created unverified; verifying it through an affiliation email is what `organizationDomain.updated`
 * usually reports.
 */
export function organizationDomain({ now }: EventContext, verified: boolean): OrganizationDomainJSON {
  return {
    object: 'organization_domain',
    id: createClerkId('orgdmn'),
    name: 'example.com',
    organization_id: createClerkId('org'),
    enrollment_mode: 'automatic_invitation',
    verification: verified
      ? { status: 'verified', strategy: 'email_code', attempts: 1, expires_at: now + day }
      : null,
    affiliation_email_address: verified ? 'alice@example.com' : null,
    created_at: now,
    updated_at: now,
    total_pending_invitations: 0,
    total_pending_suggestions: 0,
  };
}

export function organizationDomainDeleted(): DeletedObjectJSON {
  return deletedObject('organization_domain', 'orgdmn');
}
