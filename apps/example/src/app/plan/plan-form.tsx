'use client';

import { useActionState } from 'react';
import { type PlanChoice, PlanFields } from '../plan-fields';
import { Refusal } from '../refusal';
import { choosePlanAction } from './actions';

/** The plan, its seats and the team's name; then Stripe Checkout. The server decides, and says why when it refuses. */
export function PlanForm({ plans }: { plans: readonly PlanChoice[] }) {
  const [state, action, pending] = useActionState(choosePlanAction, null);
  return (
    <>
      <form action={action} className="add-task" data-testid="plan-form">
        <PlanFields plans={plans} />
        <input name="organizationName" aria-label="Organization name" placeholder="Your team’s name" />
        <button type="submit" aria-busy={pending}>
          Continue to payment
        </button>
      </form>
      <Refusal state={state} />
    </>
  );
}
