'use client';

import { useActionState } from 'react';
import { Refusal } from '../refusal';
import { assignSeatAction, buySeatsAction, openPortalAction, revokeSeatAction } from './actions';

/** Assign or Revoke one member's seat; the server decides and says why when it refuses. */
export function SeatButton({ userId, held }: { userId: string; held: boolean }) {
  const [state, action] = useActionState(held ? revokeSeatAction : assignSeatAction, null);
  return (
    <span className="task-actions">
      <form action={action}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit">{held ? 'Revoke' : 'Assign'}</button>
      </form>
      <Refusal state={state} />
    </span>
  );
}

/** A plan and a quantity, then Stripe Checkout. */
export function BuySeatsForm({
  plans,
}: {
  plans: readonly { key: string; label: string; min: number; max: number }[];
}) {
  const [state, action] = useActionState(buySeatsAction, null);
  const first = plans[0];
  return (
    <>
      <form action={action} className="add-task" data-testid="buy-seats">
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
        <button type="submit">Buy seats</button>
      </form>
      <Refusal state={state} />
    </>
  );
}

/** The Stripe billing portal: change the quantity, update the card, cancel. */
export function ManageBillingForm() {
  const [state, action] = useActionState(openPortalAction, null);
  return (
    <>
      <form action={action}>
        <button type="submit">Manage billing</button>
      </form>
      <Refusal state={state} />
    </>
  );
}
