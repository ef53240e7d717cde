// @clerkship/testing with its required peer @clerk/backend (npm installs it): the README's claims.
import { createAuthObject, createClerkEvent, createSessionToken, createTestKeys } from '@clerkship/testing';

const keys = await createTestKeys();
const bob = {
  userId: 'user_bob',
  organization: { id: 'org_acme', role: 'org:member', permissions: ['org:tasks:edit'] },
};
const token = await createSessionToken(keys, bob);
if (token.split('.').length !== 3) throw new Error('not a JWT');
const auth = await createAuthObject(keys, bob);
if (!auth.has({ permission: 'org:tasks:edit' })) throw new Error('the member cannot edit');
// A pending session reads as signed out, as the README says.
const pending = await createAuthObject(keys, { ...bob, status: 'pending' });
if (pending.isAuthenticated || pending.userId !== null) throw new Error('a pending session is signed in');
const event = createClerkEvent('user.created', { first_name: 'Ada' });
// @ts-expect-error: typed payloads
void event.data.firstName;
console.info('ok');
