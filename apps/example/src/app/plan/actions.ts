'use server';

import type { ActionResult } from '@clerkship/rbac/next';
import { redirect } from 'next/navigation';
import { guard } from '@/lib/guard';
import { signup } from '@/lib/signup';
import { waitlist } from '@/lib/waitlist';

/** What the plan form keeps: the last refusal, if any. */
export type PlanFormState = ActionResult<null> | null;

/**
 * Step two of the sign-up: the plan, the seats and the team's name (parsed by the flow's zod schema;
 * the price comes from the plan, never from the form). The flow creates the organization, its Stripe
 * customer and a Checkout Session once, however often the form is sent; a refusal comes back to the form.
 */
export const choosePlanAction = guard.safeAction(
  waitlist.approved,
  async (session, _previous: PlanFormState, formData: FormData): Promise<null> => {
    const { url } = await (await signup()).start(session, {
      plan: formData.get('plan') ?? undefined,
      seats: formData.get('seats') ?? undefined,
      organizationName: formData.get('organizationName') ?? undefined,
    });
    redirect(url);
  },
);
