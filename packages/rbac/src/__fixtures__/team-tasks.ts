import { verifyToken } from '@clerk/backend';
import { createAuthObject, createSessionToken, type Persona, type TestKeys } from '@clerkship/testing';
import { defineAccess } from '../define-access';

/** The team task manager guide's roles and permissions. */
export const access = defineAccess({
  permissions: {
    'org:tasks:view': { description: 'View tasks' },
    'org:tasks:edit': { own: true, description: 'Create tasks and edit your own' },
    'org:tasks:manage': { includes: ['org:tasks:edit'], description: 'Edit all tasks' },
  },
  roles: {
    'org:manager': ['org:tasks:view', 'org:tasks:edit', 'org:tasks:manage'],
    'org:member': ['org:tasks:view', 'org:tasks:edit'],
    'org:viewer': ['org:tasks:view'],
  },
  personalAccount: 'all',
});

export const acme = { id: 'org_acme', slug: 'acme' };
export const globex = { id: 'org_globex', slug: 'globex' };

export const alice: Persona = {
  userId: 'user_alice',
  organization: {
    ...acme,
    role: 'org:manager',
    permissions: ['org:tasks:view', 'org:tasks:edit', 'org:tasks:manage'],
  },
};
export const bob: Persona = {
  userId: 'user_bob',
  organization: { ...acme, role: 'org:member', permissions: ['org:tasks:view', 'org:tasks:edit'] },
};
export const charlie: Persona = {
  userId: 'user_charlie',
  organization: { ...acme, role: 'org:viewer', permissions: ['org:tasks:view'] },
};
export const dana: Persona = { userId: 'user_dana' };
export const erin: Persona = {
  userId: 'user_erin',
  organization: {
    ...globex,
    role: 'org:manager',
    permissions: ['org:tasks:view', 'org:tasks:edit', 'org:tasks:manage'],
  },
};

/** The server `auth()` object Clerk builds for a persona's token (through Clerk's own code). */
export function serverAuthOf(keys: TestKeys, persona: Persona, version: 1 | 2) {
  return createAuthObject(keys, persona, { version });
}

/** The verified session-token payload for a persona. */
export async function claimsOf(keys: TestKeys, persona: Persona, version: 1 | 2) {
  return verifyToken(await createSessionToken(keys, persona, { version }), { jwtKey: keys.jwtKey });
}
