'use client';

import { useActionState } from 'react';
import { type PlanChoice, PlanFields } from '../plan-fields';
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
export function BuySeatsForm({ plans }: { plans: readonly PlanChoice[] }) {
  const [state, action] = useActionState(buySeatsAction, null);
  return (
    <>
      <form action={action} className="add-task" data-testid="buy-seats">
        <PlanFields plans={plans} />
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
