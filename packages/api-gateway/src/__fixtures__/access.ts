import { defineAccess } from '@clerkship/rbac';

/** The roles and permissions the Next.js app and the authorizer share: one definition, two checks. */
export const access = defineAccess({
  permissions: {
    'org:tasks:view': {},
    'org:tasks:edit': {},
    'org:reports:read': {},
  },
  roles: {
    'org:manager': ['org:tasks:view', 'org:tasks:edit', 'org:reports:read'],
    'org:member': ['org:tasks:view'],
  },
});
