'use client';

import { useActionState } from 'react';
import { Refusal } from '../refusal';
import { choosePlanAction } from './actions';

/** The plan, its seats and the team's name; then Stripe Checkout. The server decides, and says why when it refuses. */
export function PlanForm({
  plans,
}: {
  plans: readonly { key: string; label: string; min: number; max: number }[];
}) {
  const [state, action, pending] = useActionState(choosePlanAction, null);
  const first = plans[0];
  return (
    <>
      <form action={action} className="add-task" data-testid="plan-form">
        <select name="plan" aria-label="Plan" defaultValue={first?.key}>
          {plans.map((plan) => (
            <option key={plan.key} value={plan.key}>
              {plan.label}
            </option>
          ))}
        </select>
        <input
          name="seats"
          type="number"
          aria-label="Seats"
          min={first?.min}
          max={first?.max}
          defaultValue={3}
          required
        />
        <input name="organizationName" aria-label="Organization name" placeholder="Your team’s name" />
        <button type="submit" aria-busy={pending}>
          Continue to payment
        </button>
      </form>
      <Refusal state={state} />
    </>
  );
}
