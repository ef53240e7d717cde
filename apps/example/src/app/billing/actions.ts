'use server';

import type { ActionResult } from '@clerkship/licensing/next';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { access } from '@/lib/access';
import { billing } from '@/lib/billing';
import { guard } from '@/lib/guard';
import { waitlist } from '@/lib/waitlist';

// Each action checks the caller with the app's guard, and createBillingActions checks again that the
// caller may manage billing in the active organization (which comes from the session, never from the
// form). Refusals come back as values the page shows, and nothing changes.

/** What a billing form keeps: the last refusal, if any. */
export type BillingFormState = ActionResult<null> | null;

const manageBilling = [waitlist.approved, access.permission('org:billing:manage')];

export const assignSeatAction = guard.safeAction(
  manageBilling,
  async (_session, _previous: BillingFormState, formData: FormData) => {
    await (await billing()).assignSeat({ userId: formData.get('userId') });
    revalidatePath('/billing');
    return null;
  },
);

export const revokeSeatAction = guard.safeAction(
  manageBilling,
  async (_session, _previous: BillingFormState, formData: FormData) => {
    await (await billing()).revokeSeat({ userId: formData.get('userId') });
    revalidatePath('/billing');
    return null;
  },
);

/** Buy seats: a plan key and a quantity (licensing's checkout schema checks both), then Stripe Checkout. */
export const buySeatsAction = guard.safeAction(
  manageBilling,
  async (_session, _previous: BillingFormState, formData: FormData): Promise<null> => {
    const { url } = await (await billing()).checkout({
      plan: formData.get('plan'),
      seats: formData.get('seats'),
    });
    redirect(url);
  },
);

/** Manage billing: the Stripe billing portal of the organization's customer. */
export const openPortalAction = guard.safeAction(
  manageBilling,
  async (_session, _previous: BillingFormState, _formData: FormData): Promise<null> => {
    const { url } = await (await billing()).openPortal();
    redirect(url);
  },
);
