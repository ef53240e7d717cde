import type Stripe from 'stripe';
import { expireCheckoutSession } from './checkout-sessions';
import { idOf } from './lookups';
import type { StripeFakeState } from './stripe-fake-state';
import { nextMoment, retryInvoice } from './subscription-lifecycle';

interface Moment {
  at: number;
  run: () => void;
}

function dueMoments(state: StripeFakeState): Moment[] {
  const moments: Moment[] = [];
  for (const subscription of state.subscriptions.values()) {
    const moment = nextMoment(state, subscription);
    if (moment) moments.push(moment);
  }
  for (const invoice of state.invoices.values()) {
    if (invoice.status !== 'open' || invoice.next_payment_attempt === null) continue;
    const subscription = state.subscriptions.get(
      idOf(invoice.parent?.subscription_details?.subscription ?? null) ?? '',
    );
    if (subscription?.status === 'canceled') continue;
    moments.push({
      at: invoice.next_payment_attempt,
      run: () => retryInvoice(state, invoice as Stripe.Invoice),
    });
  }
  for (const session of state.checkoutSessions.values()) {
    if (session.status === 'open')
      moments.push({ at: session.expires_at, run: () => expireCheckoutSession(state, session) });
  }
  return moments;
}

/**
 * Moves the fake's clock forward to `target`, doing in order what Stripe would have done meanwhile:
 * `trial_will_end` three days before a trial ends, trial ends and renewals (paid, or failed with
 * retries), cancellations at period end, Checkout Sessions expiring. `afterStep` runs after each step
 * (one batch of webhook deliveries).
 */
export function advanceClock(state: StripeFakeState, target: number, afterStep: () => void) {
  state.request = { id: null, idempotency_key: null };
  // Each step moves some period or retry forward, so this ends; the bound is a guard against a bug.
  for (let step = 0; step < 100_000; step += 1) {
    const moments = dueMoments(state).sort((a, b) => a.at - b.at);
    const next = moments[0];
    if (!next || next.at > target) break;
    state.now = Math.max(state.now, next.at);
    next.run();
    afterStep();
  }
  state.now = Math.max(state.now, target);
}
