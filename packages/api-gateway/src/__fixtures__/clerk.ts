import { createTestKeys, type Persona } from '@clerkship/testing';

/** The Clerk instance the authorizer trusts, with `@clerkship/testing`'s default issuer and `azp`. */
export const instance = {
  keys: await createTestKeys(),
  issuer: 'https://clerk.clerkship.test',
  authorizedParty: 'http://localhost:3000',
};

/** Alice manages Acme and may read reports. */
export const alice: Persona = {
  userId: 'user_alice',
  organization: {
    id: 'org_acme',
    slug: 'acme',
    role: 'org:manager',
    permissions: ['org:tasks:view', 'org:tasks:edit', 'org:reports:read'],
  },
};

/** Bob is a member of Acme: he may view tasks, not read reports. */
export const bob: Persona = {
  userId: 'user_bob',
  organization: { id: 'org_acme', slug: 'acme', role: 'org:member', permissions: ['org:tasks:view'] },
};
