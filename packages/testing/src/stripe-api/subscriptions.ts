import type Stripe from 'stripe';
import { z } from 'zod';
import { periodEnd } from './billing-period';
import type { FormParams } from './form-body';
import { attemptPayment, chargeOutcome, draftInvoice, finalizeInvoice, paymentMethodFor } from './invoices';
import { listPage } from './list';
import { idOf, requireCustomer, requirePrice, requireSubscription } from './lookups';
import { boolean, integerAtLeast, metadata, parseParams, timestampOrNow, updatedMetadata } from './params';
import { resolvePaymentMethod } from './payment-methods';
import { planOf } from './prices';
import type { Route } from './route';
import type { StripeFakeState } from './stripe-fake-state';
import { cardError, invalidRequest, resourceMissing } from './stripe-request-error';
import {
  cancelSubscription,
  currentPeriod,
  endTrialNow,
  newSubscriptionItem,
  prorationLine,
  settleSubscriptionInvoice,
  startSubscription,
} from './subscription-lifecycle';

// Subscription items may hold quantity 0 (Stripe allows it outside Checkout); negative is refused.
const quantity = integerAtLeast(0);
const prorationBehavior = z.enum(['always_invoice', 'create_prorations', 'none']);
const paymentBehavior = z.enum([
  'allow_incomplete',
  'default_incomplete',
  'error_if_incomplete',
  'pending_if_incomplete',
]);

const createParams = z.object({
  customer: z.string(),
  items: z.array(
    z.object({ price: z.string(), quantity: quantity.optional(), metadata: metadata.optional() }),
  ),
  default_payment_method: z.string().optional(),
  trial_period_days: integerAtLeast(0).optional(),
  trial_end: timestampOrNow.optional(),
  trial_settings: z
    .object({
      end_behavior: z.object({ missing_payment_method: z.enum(['cancel', 'create_invoice', 'pause']) }),
    })
    .optional(),
  metadata: metadata.optional(),
  description: z.string().optional(),
  payment_behavior: paymentBehavior.optional(),
  proration_behavior: prorationBehavior.optional(),
  cancel_at_period_end: boolean.optional(),
  off_session: boolean.optional(),
  collection_method: z.literal('charge_automatically').optional(),
});

const itemUpdate = z.object({
  id: z.string().optional(),
  price: z.string().optional(),
  quantity: quantity.optional(),
  deleted: boolean.optional(),
  metadata: metadata.optional(),
});

const updateParams = z.object({
  items: z.array(itemUpdate).optional(),
  proration_behavior: prorationBehavior.optional(),
  payment_behavior: paymentBehavior.optional(),
  cancel_at_period_end: boolean.optional(),
  cancel_at: z.union([z.literal(''), timestampOrNow]).optional(),
  pause_collection: z
    .union([
      z.literal(''),
      z.object({
        behavior: z.enum(['keep_as_draft', 'mark_uncollectible', 'void']),
        resumes_at: timestampOrNow.optional(),
      }),
    ])
    .optional(),
  trial_end: timestampOrNow.optional(),
  default_payment_method: z.string().optional(),
  description: z.string().optional(),
  metadata: metadata.optional(),
  cancellation_details: z
    .object({ comment: z.string().optional(), feedback: z.string().optional() })
    .optional(),
});

function createSubscription(state: StripeFakeState, params: FormParams) {
  const input = parseParams(createParams, params);
  const customer = requireCustomer(state, input.customer, 'customer');
  if (input.items.length === 0)
    throw invalidRequest('Missing required param: items.', 'items', 'parameter_missing');
  const items = input.items.map((item, index) => ({
    price: requirePrice(state, item.price, `items[${index}][price]`),
    quantity: item.quantity ?? 1,
    param: `items[${index}][price]`,
  }));
  const paymentMethod = input.default_payment_method
    ? resolvePaymentMethod(state, input.default_payment_method, 'default_payment_method')
    : undefined;
  if (paymentMethod && idOf(paymentMethod.customer) !== customer.id)
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${paymentMethod.id}. The payment method must be attached to the customer.`,
      'default_payment_method',
      'resource_missing',
    );
  let trialEnd: number | null = null;
  if (input.trial_end !== undefined && input.trial_end !== 'now') {
    if (input.trial_end <= state.now)
      throw invalidRequest(
        'Invalid timestamp: must be an integer Unix timestamp in the future.',
        'trial_end',
      );
    trialEnd = input.trial_end;
  } else if (input.trial_period_days) {
    trialEnd = state.now + input.trial_period_days * 86_400;
  }
  return startSubscription(state, {
    customer,
    items,
    defaultPaymentMethod: paymentMethod?.id ?? null,
    trialEnd,
    metadata: updatedMetadata({}, input.metadata),
    description: input.description ?? null,
    paymentBehavior:
      input.payment_behavior === 'pending_if_incomplete'
        ? 'allow_incomplete'
        : (input.payment_behavior ?? 'allow_incomplete'),
    cancelAtPeriodEnd: input.cancel_at_period_end ?? false,
    missingPaymentMethod: input.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice',
    offSession: input.off_session ?? true,
  });
}

/** Item changes (`items[]`), with the prorations `proration_behavior` asks for. */
function applyItemChanges(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
  changes: readonly z.output<typeof itemUpdate>[],
  behaviour: z.output<typeof prorationBehavior>,
) {
  const prorations = [];
  const period = currentPeriod(subscription);
  for (const [index, change] of changes.entries()) {
    const amountOf = (item: Stripe.SubscriptionItem) => (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
    if (change.id) {
      const item = subscription.items.data.find((candidate) => candidate.id === change.id);
      if (!item) throw resourceMissing('subscription_item', change.id, `items[${index}][id]`);
      const oldAmount = amountOf(item);
      if (change.deleted) {
        if (subscription.items.data.length === 1)
          throw invalidRequest(
            'A subscription must have at least one active plan.',
            `items[${index}][deleted]`,
          );
        subscription.items.data = subscription.items.data.filter((candidate) => candidate !== item);
        prorations.push(prorationLine(state, subscription, item, oldAmount, 0));
        continue;
      }
      if (change.price) {
        const price = requirePrice(state, change.price, `items[${index}][price]`);
        item.price = structuredClone(price);
        item.plan = planOf(price);
      }
      if (change.quantity !== undefined) item.quantity = change.quantity;
      item.metadata = updatedMetadata(item.metadata, change.metadata);
      prorations.push(prorationLine(state, subscription, item, oldAmount, amountOf(item)));
    } else {
      if (!change.price)
        throw invalidRequest(
          'Missing required param: items[price].',
          `items[${index}][price]`,
          'parameter_missing',
        );
      const price = requirePrice(state, change.price, `items[${index}][price]`);
      const item = newSubscriptionItem(state, subscription.id, price, change.quantity ?? 1, period);
      item.metadata = updatedMetadata({}, change.metadata);
      subscription.items.data.push(item);
      prorations.push(prorationLine(state, subscription, item, 0, amountOf(item)));
    }
  }
  const lines = prorations.filter((line) => line !== undefined);
  // No prorations in a trial, or when asked for none.
  if (subscription.status === 'trialing' || behaviour === 'none' || lines.length === 0) return undefined;
  if (behaviour === 'create_prorations') {
    state.subscriptionInternals.get(subscription.id)?.pendingProrations.push(
      ...lines.map(({ amount, description, period: linePeriod }) => ({
        amount,
        description,
        period: linePeriod,
      })),
    );
    return undefined;
  }
  return draftInvoice(state, subscription, 'subscription_update', lines);
}

/**
 * Updates a subscription as `POST /v1/subscriptions/:id` does (also the portal's quantity change and
 * cancel): one `customer.subscription.updated` with `previous_attributes`, and with
 * `proration_behavior: 'always_invoice'` an invoice for the difference, charged at once.
 */
export function updateSubscription(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
  params: FormParams,
) {
  const input = parseParams(updateParams, params);
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    const allowed = Object.keys(params).every((key) =>
      ['metadata', 'cancellation_details', 'expand'].includes(key),
    );
    if (!allowed)
      throw invalidRequest(
        `A canceled subscription can only update its cancellation_details and metadata. Subscription: '${subscription.id}'`,
        undefined,
        'resource_missing',
      );
  }
  const before = structuredClone(subscription);
  const invoice = input.items
    ? applyItemChanges(state, subscription, input.items, input.proration_behavior ?? 'create_prorations')
    : undefined;
  const { end } = currentPeriod(subscription);
  if (input.cancel_at_period_end !== undefined) {
    subscription.cancel_at_period_end = input.cancel_at_period_end;
    subscription.cancel_at = input.cancel_at_period_end ? end : null;
    subscription.canceled_at = input.cancel_at_period_end ? state.now : null;
    subscription.cancellation_details = {
      comment: input.cancellation_details?.comment ?? null,
      feedback:
        (input.cancellation_details?.feedback as Stripe.Subscription.CancellationDetails.Feedback) ?? null,
      reason: input.cancel_at_period_end ? 'cancellation_requested' : null,
      feedback_option: null,
    };
  }
  if (input.cancel_at !== undefined) {
    subscription.cancel_at =
      input.cancel_at === '' ? null : input.cancel_at === 'now' ? state.now : input.cancel_at;
    subscription.canceled_at = subscription.cancel_at === null ? null : state.now;
  }
  if (input.pause_collection !== undefined) {
    subscription.pause_collection =
      input.pause_collection === ''
        ? null
        : {
            behavior: input.pause_collection.behavior,
            resumes_at:
              input.pause_collection.resumes_at === 'now'
                ? state.now
                : (input.pause_collection.resumes_at ?? null),
          };
  }
  if (input.default_payment_method !== undefined) {
    if (input.default_payment_method === '') subscription.default_payment_method = null;
    else {
      const method = resolvePaymentMethod(state, input.default_payment_method, 'default_payment_method');
      if (idOf(method.customer) !== idOf(subscription.customer))
        throw invalidRequest(
          `The customer does not have a payment method with the ID ${method.id}. The payment method must be attached to the customer.`,
          'default_payment_method',
          'resource_missing',
        );
      subscription.default_payment_method = method.id;
    }
  }
  if (input.description !== undefined) subscription.description = input.description || null;
  subscription.metadata = updatedMetadata(subscription.metadata, input.metadata);
  if (typeof input.trial_end === 'number' && subscription.status === 'trialing') {
    subscription.trial_end = input.trial_end;
    for (const item of subscription.items.data) item.current_period_end = input.trial_end;
  }
  if (JSON.stringify(before) !== JSON.stringify(subscription))
    state.emit('customer.subscription.updated', subscription, before);
  if (input.trial_end === 'now') endTrialNow(state, subscription);
  if (invoice) {
    subscription.latest_invoice = invoice.id;
    finalizeInvoice(state, invoice);
    const paid = attemptPayment(
      state,
      invoice,
      chargeOutcome(state, paymentMethodFor(state, subscription), true),
      null,
    );
    settleSubscriptionInvoice(state, invoice, paid);
  }
  return subscription;
}

const resumeParams = z.object({
  billing_cycle_anchor: z.enum(['now', 'unchanged']).optional(),
  proration_behavior: prorationBehavior.optional(),
});

/**
 * `POST /v1/subscriptions/:id/resume`: a `paused` subscription starts a new period now and pays for it;
 * `customer.subscription.resumed`. A charge that fails refuses the request (402) and it stays paused.
 */
function resumeSubscription(state: StripeFakeState, id: string, params: FormParams) {
  const subscription = requireSubscription(state, id);
  parseParams(resumeParams, params);
  if (subscription.status !== 'paused')
    throw invalidRequest(
      'Subscription can only be resumed if it is in `paused` status.',
      undefined,
      'subscription_not_paused',
    );
  const outcome = chargeOutcome(state, paymentMethodFor(state, subscription), true);
  if (!outcome.paid) {
    const { code = 'card_declined', message = 'Your card was declined.', decline_code } = outcome.error;
    if (outcome.error.type === 'card_error') throw cardError(code, message, { declineCode: decline_code });
    throw invalidRequest(message, undefined, code);
  }
  const before = structuredClone(subscription);
  for (const item of subscription.items.data) {
    item.current_period_start = state.now;
    item.current_period_end = periodEnd(state.now, item.price);
  }
  subscription.billing_cycle_anchor = state.now;
  subscription.status = 'active';
  const invoice = draftInvoice(
    state,
    subscription,
    'subscription_cycle',
    subscription.items.data.map((item) => ({
      amount: (item.price.unit_amount ?? 0) * (item.quantity ?? 1),
      quantity: item.quantity ?? 1,
      price: item.price,
      subscriptionItem: item.id,
      description: `${item.quantity ?? 1} × resumed subscription`,
      period: { start: item.current_period_start, end: item.current_period_end },
      proration: false,
    })),
  );
  subscription.latest_invoice = invoice.id;
  state.emit('customer.subscription.updated', subscription, before);
  state.emit('customer.subscription.resumed', subscription);
  finalizeInvoice(state, invoice);
  attemptPayment(state, invoice, outcome, null);
  return subscription;
}

const listParams = z.object({
  customer: z.string().optional(),
  price: z.string().optional(),
  status: z
    .enum([
      'active',
      'all',
      'canceled',
      'ended',
      'incomplete',
      'incomplete_expired',
      'past_due',
      'paused',
      'trialing',
      'unpaid',
    ])
    .optional(),
});

function listSubscriptions(state: StripeFakeState, params: FormParams) {
  const filter = parseParams(listParams, params);
  const subscriptions = [...state.subscriptions.values()].filter((subscription) => {
    if (filter.customer && idOf(subscription.customer) !== filter.customer) return false;
    if (filter.price && !subscription.items.data.some((item) => item.price.id === filter.price)) return false;
    const status = filter.status;
    // Without `status`, Stripe lists every subscription that is not canceled.
    if (!status) return subscription.status !== 'canceled';
    if (status === 'all') return true;
    if (status === 'ended')
      return subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
    return subscription.status === status;
  });
  return listPage(state, subscriptions, params, '/v1/subscriptions');
}

const cancelParams = z.object({
  cancellation_details: z
    .object({ comment: z.string().optional(), feedback: z.string().optional() })
    .optional(),
  invoice_now: boolean.optional(),
  prorate: boolean.optional(),
});

function subscriptionOfItem(state: StripeFakeState, itemId: string) {
  for (const subscription of state.subscriptions.values()) {
    const item = subscription.items.data.find((candidate) => candidate.id === itemId);
    if (item) return { subscription, item };
  }
  throw resourceMissing('subscription_item', itemId);
}

export const subscriptionRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/subscriptions$/,
    handle: ({ state, params }) => createSubscription(state, params),
  },
  {
    method: 'GET',
    path: /^\/v1\/subscriptions$/,
    handle: ({ state, params }) => listSubscriptions(state, params),
  },
  {
    method: 'GET',
    path: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => requireSubscription(state, id),
  },
  {
    method: 'POST',
    path: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) =>
      updateSubscription(state, requireSubscription(state, id), params),
  },
  {
    method: 'DELETE',
    path: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) => {
      const input = parseParams(cancelParams, params);
      return cancelSubscription(state, requireSubscription(state, id), {
        reason: 'cancellation_requested',
        comment: input.cancellation_details?.comment,
        feedback: input.cancellation_details?.feedback as
          | Stripe.Subscription.CancellationDetails.Feedback
          | undefined,
      });
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/subscriptions\/([^/]+)\/resume$/,
    handle: ({ state, params, ids: [id = ''] }) => resumeSubscription(state, id, params),
  },
  {
    method: 'GET',
    path: /^\/v1\/subscription_items$/,
    handle: ({ state, params }) => {
      const { subscription } = parseParams(z.object({ subscription: z.string() }), params);
      return listPage(
        state,
        requireSubscription(state, subscription, 'subscription').items.data,
        params,
        '/v1/subscription_items',
      );
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/subscription_items\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => subscriptionOfItem(state, id).item,
  },
  {
    method: 'POST',
    path: /^\/v1\/subscription_items\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) => {
      const { subscription } = subscriptionOfItem(state, id);
      const { proration_behavior, payment_behavior, ...change } = params;
      updateSubscription(state, subscription, {
        items: [{ ...change, id }],
        ...(proration_behavior ? { proration_behavior } : {}),
        ...(payment_behavior ? { payment_behavior } : {}),
      });
      return subscriptionOfItem(state, id).item;
    },
  },
];
