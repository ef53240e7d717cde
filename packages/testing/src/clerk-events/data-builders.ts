import type { BuildableClerkEventType, ClerkEvent } from '../clerk-events';
import { paymentAttempt, subscription, subscriptionItem } from './billing';
import type { EventContext } from './event-context';
import { email, sms } from './messages';
import { organizationDomain, organizationDomainDeleted } from './organization-domains';
import { organizationInvitation, organizationInvitationAccepted } from './organization-invitations';
import { organization, organizationDeleted, organizationMembership } from './organizations';
import { permission, permissionDeleted, role, roleDeleted } from './roles-and-permissions';
import { session } from './sessions';
import { user, userDeleted } from './users';
import { waitlistEntry } from './waitlist-entries';

/** The `data` of every Clerk webhook event type, in the order of Clerk's event catalog. */
export const dataBuilders: {
  [T in BuildableClerkEventType]: (context: EventContext) => ClerkEvent<T>['data'];
} = {
  'user.created': user,
  'user.updated': user,
  'user.deleted': userDeleted,
  'user.createdAtEdge': user,
  'email.created': email,
  'sms.created': sms,
  'session.created': (context) => session(context, 'active'),
  'session.ended': (context) => session(context, 'ended'),
  'session.removed': (context) => session(context, 'removed'),
  'session.revoked': (context) => session(context, 'revoked'),
  'session.pending': (context) => session(context, 'pending'),
  'organization.created': organization,
  'organization.updated': organization,
  'organization.deleted': organizationDeleted,
  'organizationDomain.created': (context) => organizationDomain(context, false),
  'organizationDomain.updated': (context) => organizationDomain(context, true),
  'organizationDomain.deleted': organizationDomainDeleted,
  'organizationMembership.created': organizationMembership,
  'organizationMembership.updated': organizationMembership,
  'organizationMembership.deleted': organizationMembership,
  'organizationInvitation.created': (context) => organizationInvitation(context, 'pending'),
  'organizationInvitation.accepted': organizationInvitationAccepted,
  'organizationInvitation.revoked': (context) => organizationInvitation(context, 'revoked'),
  'role.created': role,
  'role.updated': role,
  'role.deleted': roleDeleted,
  'permission.created': permission,
  'permission.updated': permission,
  'permission.deleted': permissionDeleted,
  'waitlistEntry.created': (context) => waitlistEntry(context, 'pending'),
  'waitlistEntry.updated': (context) => waitlistEntry(context, 'invited'),
  'paymentAttempt.created': (context) => paymentAttempt(context, 'pending'),
  'paymentAttempt.updated': (context) => paymentAttempt(context, 'paid'),
  'subscription.created': (context) => subscription(context, 'active'),
  'subscription.updated': (context) => subscription(context, 'active'),
  'subscription.active': (context) => subscription(context, 'active'),
  'subscription.pastDue': (context) => subscription(context, 'past_due'),
  // Clerk's webhook reference sends a created item as `upcoming`: it starts at its period's start.
  'subscriptionItem.created': (context) => subscriptionItem(context, 'upcoming'),
  'subscriptionItem.updated': (context) => subscriptionItem(context, 'active'),
  'subscriptionItem.active': (context) => subscriptionItem(context, 'active'),
  'subscriptionItem.canceled': (context) => subscriptionItem(context, 'canceled'),
  'subscriptionItem.upcoming': (context) => subscriptionItem(context, 'upcoming'),
  'subscriptionItem.ended': (context) => subscriptionItem(context, 'ended'),
  'subscriptionItem.abandoned': (context) => subscriptionItem(context, 'abandoned'),
  'subscriptionItem.incomplete': (context) => subscriptionItem(context, 'incomplete'),
  'subscriptionItem.pastDue': (context) => subscriptionItem(context, 'past_due'),
  'subscriptionItem.freeTrialEnding': (context) => subscriptionItem(context, 'active', { freeTrial: true }),
};
