import { clerkEventTypes } from '@clerkship/internal';
import { describe, expect, it } from 'vitest';
import { closestMatch } from './closest-match';

describe('closestMatch', () => {
  it.each([
    ['user.create', 'user.created'],
    ['user_created', 'user.created'],
    ['User.Updated', 'user.updated'],
    ['organization.membership.created', 'organizationMembership.created'],
    ['orgnizationMembership.deleted', 'organizationMembership.deleted'],
    ['subscriptionItem.past_due', 'subscriptionItem.pastDue'],
    ['session.revokd', 'session.revoked'],
  ])('reads %s as %s', (input, expected) => {
    expect(closestMatch(input, clerkEventTypes)).toBe(expected);
  });

  it('suggests nothing for a name that is nowhere near', () => {
    expect(closestMatch('invoice.paid', clerkEventTypes)).toBeUndefined();
    expect(closestMatch('anything', [])).toBeUndefined();
  });
});
