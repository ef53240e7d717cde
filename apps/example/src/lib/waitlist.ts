import { clerkClient } from '@clerk/nextjs/server';
import { createWaitlist } from '@clerkship/waitlist';
import { createWaitlistAdmin } from '@clerkship/waitlist/next';

/** The beta waitlist of the waitlist guide: `metadata.isBetaUser`, `metadata.isAdmin`. */
export const waitlist = createWaitlist({ waitingPage: '/waitlist' });

/** The admin page's operations, on the app's own Clerk client; each checks the caller is an admin. */
export const waitlistAdmin = createWaitlistAdmin(waitlist, { clerkClient });
