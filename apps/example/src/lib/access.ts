import { type ClerkAuthorizationOf, defineAccess } from '@clerkship/rbac';

/**
 * Team Tasks' roles and permissions, as in the RBAC guide: managers manage all tasks, members create
 * tasks and edit their own, viewers only look. Everyone chats; managers moderate (the chat guide) and
 * manage billing (the per-seat licensing guide).
 * In a personal account you do everything in your own workspace. Create the same keys in the Clerk
 * dashboard for connected mode.
 */
export const access = defineAccess({
  permissions: {
    'org:tasks:view': { description: 'View tasks' },
    'org:tasks:edit': { own: true, description: 'Create tasks and edit your own' },
    'org:tasks:manage': { includes: ['org:tasks:edit'], description: 'Edit all tasks' },
    'org:chat:use': { description: 'Chat in the team channels, read announcements' },
    'org:chat:moderate': { includes: ['org:chat:use'], description: 'Announce, and delete any message' },
    'org:billing:manage': { description: 'Buy seats, assign them, open the billing portal' },
  },
  roles: {
    'org:manager': [
      'org:tasks:view',
      'org:tasks:edit',
      'org:tasks:manage',
      'org:chat:use',
      'org:chat:moderate',
      'org:billing:manage',
    ],
    'org:member': ['org:tasks:view', 'org:tasks:edit', 'org:chat:use'],
    'org:viewer': ['org:tasks:view', 'org:chat:use'],
  },
  personalAccount: 'all',
});

declare global {
  // Clerk's own has(), auth.protect() and <Show> autocomplete the same keys.
  interface ClerkAuthorization extends ClerkAuthorizationOf<typeof access> {}
}
