import { createAuthObject, createTestKeys } from '@clerkship/testing';
import { test } from 'vitest';
import { createWaitlist } from '../src/create-waitlist';

// One approved member's auth() object, built by Clerk's own code from a signed token.
const auth = await createAuthObject(await createTestKeys(), {
  userId: 'user_bob',
  organization: { id: 'org_acme', role: 'org:member', permissions: ['org:tasks:view'] },
  claims: { metadata: { isBetaUser: true } },
});
const waitlist = createWaitlist();
if (waitlist.statusOf(auth) !== 'approved') throw new Error('bench: Bob should be approved');

test('check one auth() object', async ({ bench }) => {
  await bench.compare(
    bench("Clerk's has({ permission }) (baseline)", () => {
      auth.has({ permission: 'org:tasks:view' });
    }),
    bench('waitlist.statusOf(auth)', () => {
      waitlist.statusOf(auth);
    }),
  );
});
