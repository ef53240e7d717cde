'use server';

import type { ActionResult } from '@clerkship/waitlist/next';
import { revalidatePath } from 'next/cache';
import { guard } from '@/lib/guard';
import { waitlist, waitlistAdmin } from '@/lib/waitlist';

// Each operation checks that the caller is an admin, every time (the guard here, and the admin
// operations again): hiding the page is not enough. Refusals come back as values the page shows.

/** What an admin form keeps: the last refusal, if any. */
export type AdminFormState = ActionResult<null> | null;

export const approveUserAction = guard.safeAction(
  waitlist.admin,
  async (_session, _previous: AdminFormState, formData: FormData) => {
    await waitlistAdmin.approve(String(formData.get('userId') ?? ''));
    revalidatePath('/admin');
    return null;
  },
);

export const revokeUserAction = guard.safeAction(
  waitlist.admin,
  async (_session, _previous: AdminFormState, formData: FormData) => {
    await waitlistAdmin.revoke(String(formData.get('userId') ?? ''));
    revalidatePath('/admin');
    return null;
  },
);
