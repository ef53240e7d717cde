import { createClerkClient } from '@clerk/backend';
import { createSessionToken, createTestKeys } from '@clerkship/testing';
import { bench, describe } from 'vitest';
import { createWaitlist } from '../src/create-waitlist';

// One approved member's auth() object, built by Clerk's own code from a signed token.
const keys = await createTestKeys();
const token = await createSessionToken(keys, {
  userId: 'user_bob',
  organization: { id: 'org_acme', role: 'org:member', permissions: ['org:tasks:view'] },
  claims: { metadata: { isBetaUser: true } },
});
const clerk = createClerkClient({
  publishableKey: `pk_live_${btoa('clerk.clerkship.test$')}`,
  secretKey: 'sk_live_offline',
  jwtKey: keys.jwtKey,
});
const state = await clerk.authenticateRequest(
  new Request('http://localhost/', { headers: { authorization: `Bearer ${token}` } }),
  { jwtKey: keys.jwtKey },
);
const auth = state.toAuth();
if (!auth) throw new Error('bench: expected an auth object');
const waitlist = createWaitlist();
if (waitlist.statusOf(auth) !== 'approved') throw new Error('bench: Bob should be approved');

describe('check one auth() object', () => {
  bench("Clerk's has({ permission })", () => {
    auth.has({ permission: 'org:tasks:view' });
  });
  bench('waitlist.statusOf(auth)', () => {
    waitlist.statusOf(auth);
  });
});
