import { createWaitlist } from '@clerkship/waitlist';
import { createWaitlistAdmin, createWaitlistGuards } from '@clerkship/waitlist/next';

/** The beta waitlist of the waitlist guide: `metadata.isBetaUser`, `metadata.isAdmin`. */
export const waitlist = createWaitlist();
/** Every app page, action and route handler calls one of these first. */
export const betaGuards = createWaitlistGuards(waitlist, { waitlistUrl: '/waitlist', signInUrl: '/sign-in' });
/** The admin page's operations; each checks the caller is an admin. */
export const waitlistAdmin = createWaitlistAdmin(waitlist);
