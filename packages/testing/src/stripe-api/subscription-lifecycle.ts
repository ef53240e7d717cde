import type Stripe from 'stripe';
import { subscriptionObject } from '../stripe/subscription-object';
import { periodEnd, remainingShare } from './billing-period';
import {
  attemptPayment,
  chargeOutcome,
  draftInvoice,
  finalizeInvoice,
  type InvoiceLine,
  lineDescription,
  nextRetry,
  paymentMethodFor,
} from './invoices';
import { idOf } from './lookups';
import { planOf } from './prices';
import type { StripeFakeState } from './stripe-fake-state';
import { cardError, invalidRequest } from './stripe-request-error';

const threeDays = 3 * 86_400;

/** The period the subscription is in now (all its items share one billing cycle in the fake). */
export function currentPeriod(subscription: Stripe.Subscription): { start: number; end: number } {
  const item = subscription.items.data[0];
  return {
    start: item?.current_period_start ?? subscription.start_date,
    end: item?.current_period_end ?? subscription.start_date,
  };
}

export function newSubscriptionItem(
  state: StripeFakeState,
  subscriptionId: string,
  price: Stripe.Price,
  quantity: number,
  period: { start: number; end: number },
): Stripe.SubscriptionItem {
  return state.track<Stripe.SubscriptionItem>({
    id: state.id('si', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created: state.now,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(price),
    price: structuredClone(price),
    quantity,
    subscription: subscriptionId,
    tax_rates: [],
  });
}

/** The lines of the invoice for one period of the subscription (zero-amount lines in a trial). */
function periodLines(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
  trial: boolean,
): InvoiceLine[] {
  return subscription.items.data.map((item) => {
    const quantity = item.quantity ?? 1;
    const productName = state.products.get(idOf(item.price.product) ?? '')?.name ?? 'Product';
    return {
      amount: trial ? 0 : (item.price.unit_amount ?? 0) * quantity,
      quantity,
      price: item.price,
      subscriptionItem: item.id,
      description: trial ? `Trial period for ${productName}` : lineDescription(state, item.price, quantity),
      period: { start: item.current_period_start, end: item.current_period_end },
      proration: false,
    };
  });
}

/** The proration for changing one item's amount per period at `now`, Stripe-style (by the second). */
export function prorationLine(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
  oldAmount: number,
  newAmount: number,
): InvoiceLine | undefined {
  const period = currentPeriod(subscription);
  const amount = Math.round((newAmount - oldAmount) * remainingShare(state.now, period.start, period.end));
  if (amount === 0) return undefined;
  return {
    amount,
    quantity: item.quantity ?? 1,
    price: item.price,
    subscriptionItem: item.id,
    description: `${amount < 0 ? 'Unused time' : 'Remaining time'} on ${lineDescription(state, item.price, item.quantity ?? 1)}`,
    period: { start: state.now, end: period.end },
    proration: true,
  };
}

/** A subscription follows its latest invoice: paid → active, failed → past_due. */
export function settleSubscriptionInvoice(state: StripeFakeState, invoice: Stripe.Invoice, paid: boolean) {
  const subscription = state.subscriptions.get(
    idOf(invoice.parent?.subscription_details?.subscription ?? null) ?? '',
  );
  if (!subscription) return;
  const before = structuredClone(subscription);
  if (paid && ['past_due', 'unpaid', 'incomplete'].includes(subscription.status))
    subscription.status = 'active';
  if (!paid && ['active', 'trialing'].includes(subscription.status)) subscription.status = 'past_due';
  if (before.status !== subscription.status)
    state.emit('customer.subscription.updated', subscription, before);
}

/** Cancels now: `status: canceled`, `ended_at`, `customer.subscription.deleted`. */
export function cancelSubscription(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
  details: {
    reason: Stripe.Subscription.CancellationDetails.Reason;
    comment?: string | null;
    feedback?: Stripe.Subscription.CancellationDetails.Feedback | null;
  },
) {
  if (subscription.status === 'canceled')
    throw invalidRequest(
      `A canceled subscription can only update its cancellation_details and metadata. Subscription: '${subscription.id}'`,
      undefined,
      'resource_missing',
    );
  subscription.status = 'canceled';
  subscription.canceled_at = subscription.canceled_at ?? state.now;
  subscription.ended_at = state.now;
  subscription.cancel_at_period_end = false;
  subscription.cancellation_details = {
    comment: details.comment ?? subscription.cancellation_details?.comment ?? null,
    feedback: details.feedback ?? subscription.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason: details.reason,
  };
  state.emit('customer.subscription.deleted', subscription);
  return subscription;
}

/** Pauses (a trial ended without a payment method and `missing_payment_method: pause`). */
function pauseSubscription(state: StripeFakeState, subscription: Stripe.Subscription) {
  const before = structuredClone(subscription);
  subscription.status = 'paused';
  state.emit('customer.subscription.updated', subscription, before);
  state.emit('customer.subscription.paused', subscription);
}

function emitTrialWillEnd(state: StripeFakeState, subscription: Stripe.Subscription) {
  const internals = state.subscriptionInternals.get(subscription.id);
  if (!internals || internals.trialWillEndSent) return;
  internals.trialWillEndSent = true;
  state.emit('customer.subscription.trial_will_end', subscription);
}

export interface StartSubscription {
  customer: Stripe.Customer;
  items: readonly { price: Stripe.Price; quantity: number; param: string }[];
  defaultPaymentMethod: string | null;
  trialEnd: number | null;
  metadata: Record<string, string>;
  description: string | null;
  paymentBehavior: 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete';
  cancelAtPeriodEnd: boolean;
  missingPaymentMethod: 'cancel' | 'create_invoice' | 'pause';
  /** The first charge is off-session (a server call) rather than by the customer at Checkout. */
  offSession: boolean;
}

/**
 * Creates a subscription the way Stripe does: its first invoice is charged at once (or is a zero
 * invoice in a trial), `customer.subscription.created` carries the resulting status, then the invoice's
 * events follow. A payment that fails leaves it `incomplete`, or with `error_if_incomplete` refuses
 * with 402 and creates nothing.
 */
export function startSubscription(state: StripeFakeState, input: StartSubscription): Stripe.Subscription {
  const [first] = input.items;
  if (!first) throw invalidRequest('Missing required param: items.', 'items', 'parameter_missing');
  for (const { price, param } of input.items) {
    if (price.type !== 'recurring')
      throw invalidRequest(
        `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
        param,
      );
    if (price.currency !== first.price.currency)
      throw invalidRequest('All prices on a subscription must have the same `currency`.', param);
  }
  const id = state.id('sub');
  const trial = input.trialEnd !== null && input.trialEnd > state.now;
  const period = {
    start: state.now,
    end: trial ? (input.trialEnd as number) : periodEnd(state.now, first.price),
  };
  const subscription = state.track(
    subscriptionObject({
      id,
      customer: input.customer.id,
      created: state.now,
      currency: first.price.currency,
      status: 'incomplete',
      items: [],
      metadata: input.metadata,
      defaultPaymentMethod: input.defaultPaymentMethod,
      latestInvoice: null,
      description: input.description,
      billingCycleAnchor: trial ? period.end : state.now,
      cancelAtPeriodEnd: input.cancelAtPeriodEnd,
      cancelAt: input.cancelAtPeriodEnd ? period.end : null,
      canceledAt: input.cancelAtPeriodEnd ? state.now : null,
      cancellationReason: input.cancelAtPeriodEnd ? 'cancellation_requested' : null,
      trialStart: trial ? state.now : null,
      trialEnd: trial ? period.end : null,
      missingPaymentMethod: input.missingPaymentMethod,
    }),
  );
  subscription.items.data = input.items.map(({ price, quantity }) =>
    newSubscriptionItem(state, id, price, quantity, period),
  );

  const invoice = draftInvoice(
    state,
    subscription,
    'subscription_create',
    periodLines(state, subscription, trial),
  );
  const outcome =
    invoice.amount_due === 0
      ? ({ paid: true } as const)
      : chargeOutcome(
          state,
          input.defaultPaymentMethod ?? paymentMethodFor(state, subscription),
          input.offSession,
        );
  const attempt = input.paymentBehavior !== 'default_incomplete';
  if (
    attempt &&
    !outcome.paid &&
    (input.paymentBehavior === 'error_if_incomplete' || outcome.error.type !== 'card_error')
  ) {
    // Nothing was created: Stripe answers the request with the charge's error.
    state.invoices.delete(invoice.id);
    const { code = 'card_declined', message = 'Your card was declined.', decline_code } = outcome.error;
    if (outcome.error.type === 'card_error') throw cardError(code, message, { declineCode: decline_code });
    throw invalidRequest(message, undefined, 'resource_missing');
  }
  subscription.status = trial ? 'trialing' : attempt && outcome.paid ? 'active' : 'incomplete';
  subscription.latest_invoice = invoice.id;
  state.subscriptions.set(id, subscription);
  state.subscriptionInternals.set(id, { trialWillEndSent: false, pendingProrations: [] });
  state.emit('customer.subscription.created', subscription);
  finalizeInvoice(state, invoice);
  if (attempt) attemptPayment(state, invoice, outcome, null);
  if (trial && period.end - state.now <= threeDays) emitTrialWillEnd(state, subscription);
  return subscription;
}

/** Bills the next period: a new invoice, charged off-session to the default payment method. */
function renew(state: StripeFakeState, subscription: Stripe.Subscription) {
  const before = structuredClone(subscription);
  const { end } = currentPeriod(subscription);
  for (const item of subscription.items.data) {
    item.current_period_start = end;
    item.current_period_end = periodEnd(end, item.price);
  }
  if (subscription.status === 'trialing') subscription.status = 'active';
  const internals = state.subscriptionInternals.get(subscription.id);
  const prorations = (internals?.pendingProrations ?? []).splice(0);
  const lines = [
    ...prorations.map((proration) => ({
      amount: proration.amount,
      quantity: 1,
      price: subscription.items.data[0]?.price as Stripe.Price,
      subscriptionItem: subscription.items.data[0]?.id ?? '',
      description: proration.description,
      period: proration.period,
      proration: true,
    })),
    ...periodLines(state, subscription, false),
  ];
  const invoice = draftInvoice(state, subscription, 'subscription_cycle', lines);
  invoice.period_start = before.items.data[0]?.current_period_start ?? end;
  invoice.period_end = end;
  subscription.latest_invoice = invoice.id;
  state.emit('customer.subscription.updated', subscription, before);
  const pause = subscription.pause_collection;
  if (pause) {
    // Collection is paused: the invoice is voided, kept as a draft or marked uncollectible.
    state.emit('invoice.created', invoice);
    if (pause.behavior === 'void') {
      invoice.status = 'void';
      invoice.status_transitions = { ...invoice.status_transitions, voided_at: state.now };
      state.emit('invoice.voided', invoice);
    } else if (pause.behavior === 'mark_uncollectible') {
      invoice.status = 'uncollectible';
      invoice.status_transitions = { ...invoice.status_transitions, marked_uncollectible_at: state.now };
      state.emit('invoice.marked_uncollectible', invoice);
    }
    return;
  }
  finalizeInvoice(state, invoice);
  const outcome = chargeOutcome(state, paymentMethodFor(state, subscription), true);
  const paid = attemptPayment(state, invoice, outcome, nextRetry(state, invoice.attempt_count + 1));
  settleSubscriptionInvoice(state, invoice, paid);
}

/**
 * What happens when a subscription's period (or trial) ends: it is canceled if asked to, a trial
 * without a payment method follows `trial_settings.end_behavior`, and anything else renews.
 */
export function endPeriod(state: StripeFakeState, subscription: Stripe.Subscription) {
  const { end } = currentPeriod(subscription);
  if (
    subscription.cancel_at_period_end ||
    (subscription.cancel_at !== null && subscription.cancel_at <= end)
  ) {
    cancelSubscription(state, subscription, { reason: 'cancellation_requested' });
    return;
  }
  if (subscription.status === 'trialing' && !paymentMethodFor(state, subscription)) {
    const behaviour = subscription.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice';
    if (behaviour === 'cancel') {
      cancelSubscription(state, subscription, { reason: 'cancellation_requested' });
      return;
    }
    if (behaviour === 'pause') {
      pauseSubscription(state, subscription);
      return;
    }
  }
  renew(state, subscription);
}

/** Ends a trial now (`trial_end: 'now'`): `trial_will_end`, then the first paid period starts. */
export function endTrialNow(state: StripeFakeState, subscription: Stripe.Subscription) {
  if (subscription.status !== 'trialing') return;
  emitTrialWillEnd(state, subscription);
  for (const item of subscription.items.data) item.current_period_end = state.now;
  subscription.trial_end = state.now;
  subscription.billing_cycle_anchor = state.now;
  endPeriod(state, subscription);
}

/** The next thing the clock must do for this subscription, and when. */
export function nextMoment(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
): { at: number; run: () => void } | undefined {
  if (!['trialing', 'active', 'past_due', 'unpaid'].includes(subscription.status)) return undefined;
  const internals = state.subscriptionInternals.get(subscription.id);
  const { end } = currentPeriod(subscription);
  const cancelAt = subscription.cancel_at ?? Number.POSITIVE_INFINITY;
  if (
    subscription.status === 'trialing' &&
    internals &&
    !internals.trialWillEndSent &&
    end - threeDays < cancelAt
  )
    return {
      at: Math.max(end - threeDays, subscription.start_date),
      run: () => emitTrialWillEnd(state, subscription),
    };
  if (cancelAt < end)
    return {
      at: cancelAt,
      run: () => cancelSubscription(state, subscription, { reason: 'cancellation_requested' }),
    };
  return { at: end, run: () => endPeriod(state, subscription) };
}

/** A retry of a failed renewal payment; after the last one, `afterFinalRetryFailure` applies. */
export function retryInvoice(state: StripeFakeState, invoice: Stripe.Invoice) {
  const subscription = state.subscriptions.get(
    idOf(invoice.parent?.subscription_details?.subscription ?? null) ?? '',
  );
  const method = subscription ? paymentMethodFor(state, subscription) : null;
  const outcome = chargeOutcome(state, method, true);
  const paid = attemptPayment(state, invoice, outcome, nextRetry(state, invoice.attempt_count + 1));
  settleSubscriptionInvoice(state, invoice, paid);
  if (paid || invoice.next_payment_attempt !== null || !subscription) return;
  const policy = state.configuration.afterFinalRetryFailure;
  if (policy === 'cancel' && subscription.status !== 'canceled') {
    cancelSubscription(state, subscription, { reason: 'payment_failed' });
  } else if (policy === 'unpaid' && subscription.status === 'past_due') {
    const before = structuredClone(subscription);
    subscription.status = 'unpaid';
    state.emit('customer.subscription.updated', subscription, before);
  }
}
