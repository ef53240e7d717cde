import { createNextGuards } from '@clerkship/rbac/next';
import { access } from './access';

export const guards = createNextGuards(access, { signInUrl: '/sign-in' });
