import { defineAccess } from '@clerkship/rbac';
import { defineAblyPolicy } from '../ably-policy';

/** The chat guide's roles: everyone chats on general and random, reads announcements; moderators all. */
export const access = defineAccess({
  permissions: {
    'org:chat:use': {},
    'org:chat:moderate': { includes: ['org:chat:use'] },
  },
  roles: {
    'org:member': ['org:chat:use'],
    'org:moderator': ['org:chat:use', 'org:chat:moderate'],
    'org:guest': [],
  },
});

export const chatPolicy = defineAblyPolicy(access, {
  grants: [
    {
      permission: 'org:chat:use',
      capability: {
        'chat:general': ['subscribe', 'publish', 'presence', 'history', 'message-delete-own'],
        'chat:random': ['subscribe', 'publish', 'presence', 'history', 'message-delete-own'],
        'chat:announcements': ['subscribe', 'presence', 'history'],
      },
    },
    { permission: 'org:chat:moderate', capability: { '*': ['*'] } },
  ],
  claims: ({ can }) => ({ 'chat:*': { moderator: can('org:chat:moderate') } }),
});

export const member = {
  isAuthenticated: true,
  userId: 'user_bob',
  orgId: 'org_acme',
  orgRole: 'org:member',
  orgPermissions: ['org:chat:use'],
};
export const moderator = {
  isAuthenticated: true,
  userId: 'user_alice',
  orgId: 'org_acme',
  orgRole: 'org:moderator',
  orgPermissions: ['org:chat:use', 'org:chat:moderate'],
};
export const guest = {
  isAuthenticated: true,
  userId: 'user_gus',
  orgId: 'org_acme',
  orgRole: 'org:guest',
  orgPermissions: [],
};
export const apiKey = 'appId123.keyId456:c2VjcmV0LXRoYXQtbXVzdC1zdGF5LW9uLXRoZS1zZXJ2ZXI';
export const keySecret = 'c2VjcmV0LXRoYXQtbXVzdC1zdGF5LW9uLXRoZS1zZXJ2ZXI';
