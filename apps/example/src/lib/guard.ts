import { createGuard } from '@clerkship/rbac/next';

/**
 * The app's one guard: every page, server action and route handler calls it first, with the
 * requirements of any @clerkship package (rbac permissions, the waitlist), in one `auth()` call.
 */
export const guard = createGuard({ signInUrl: '/sign-in' });
