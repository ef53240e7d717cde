import { defineAblyPolicy } from '@clerkship/ably-token';
import { access } from './access';

/** The team channels of the chat guide, one set per workspace. */
export const channels = [
  { name: 'general', description: 'Anything goes' },
  { name: 'random', description: 'Off topic' },
  { name: 'announcements', description: 'Managers post, everyone reads' },
] as const;

const talk = ['subscribe', 'publish', 'presence', 'history', 'message-delete-own'] as const;

/**
 * The chat guide's capabilities, on the same permissions as the rest of the app. Channels carry the
 * workspace (`{tenantId}`), so one organization never reads another's, and a moderator's `*` stops at
 * the workspace's own channels.
 */
export const chatPolicy = defineAblyPolicy(access, {
  grants: [
    {
      permission: 'org:chat:use',
      capability: {
        'chat:{tenantId}:general': talk,
        'chat:{tenantId}:random': talk,
        'chat:{tenantId}:announcements': ['subscribe', 'presence', 'history'],
      },
    },
    { permission: 'org:chat:moderate', capability: { 'chat:{tenantId}:*': ['*'] } },
  ],
  // Only what other clients need to see about the sender: not the whole metadata.
  claims: ({ can }) => ({ 'chat:{tenantId}:*': { moderator: can('org:chat:moderate') } }),
});
