import type Stripe from 'stripe';
import { createClerkId } from '../clerk-events';
import { subscriptionObject } from './subscription-object';

/** Fields of a built subscription that tests usually care about. */
export interface StripeSubscriptionOptions {
  id?: string;
  customer?: string;
  status?: Stripe.Subscription.Status;
  /** Seats: the quantity of the subscription's single item. */
  quantity?: number;
  priceId?: string;
  /** Unit amount in the smallest currency unit. */
  unitAmount?: number;
  metadata?: Record<string, string>;
  cancelAtPeriodEnd?: boolean;
  /** Seconds since the epoch. */
  created?: number;
}

/** Envelope fields of a built Stripe event. */
export interface StripeEventOptions {
  id?: string;
  /** Seconds since the epoch. */
  created?: number;
  /** For `*.updated` events: the fields' values before the change. */
  previousAttributes?: Record<string, unknown>;
}

const stripeApiVersion = '2026-10-28.endive';

function stripeId(prefix: string): string {
  return createClerkId(prefix).slice(0, prefix.length + 25);
}

/**
 * Builds a Stripe `subscription` object with one licensed item (per-seat), shaped like the API's
 * response for the pinned API version (period dates live on the item since 2025-03-31.basil).
 *
 * @example
 * const subscription = createStripeSubscription({ customer: 'cus_acme', quantity: 5, metadata: { orgId: 'org_acme' } });
 */
export function createStripeSubscription(options: StripeSubscriptionOptions = {}): Stripe.Subscription {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const periodEnd = created + 30 * 24 * 3600;
  const id = options.id ?? stripeId('sub');
  const priceId = options.priceId ?? stripeId('price');
  const price = {
    id: priceId,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: 'Seat',
    product: stripeId('prod'),
    recurring: {
      interval: 'month',
      interval_count: 1,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed',
    },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: options.unitAmount ?? 1000,
    unit_amount_decimal: String(options.unitAmount ?? 1000),
  };
  const item = {
    id: stripeId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: periodEnd,
    current_period_start: created,
    discounts: [],
    metadata: {},
    price,
    quantity: options.quantity ?? 1,
    subscription: id,
    tax_rates: [],
  };
  return subscriptionObject({
    id,
    customer: options.customer ?? stripeId('cus'),
    created,
    currency: 'usd',
    status: options.status ?? 'active',
    // The literal follows Stripe's documented response; the SDK's item type has more optional nesting
    // than is worth restating field by field.
    items: [item as unknown as Stripe.SubscriptionItem],
    metadata: options.metadata ?? {},
    defaultPaymentMethod: stripeId('pm'),
    latestInvoice: stripeId('in'),
    cancelAtPeriodEnd: options.cancelAtPeriodEnd ?? false,
    endedAt: options.status === 'canceled' ? created : null,
  });
}

/**
 * Wraps an API object in a Stripe event envelope (`evt_...` id, `api_version`, `data.object`).
 *
 * @example
 * const event = createStripeEvent('customer.subscription.deleted', createStripeSubscription({ status: 'canceled' }));
 */
export function createStripeEvent<T extends Stripe.Event.Type>(
  type: T,
  object: object,
  options: StripeEventOptions = {},
): Extract<Stripe.Event, { type: T }> {
  return {
    id: options.id ?? stripeId('evt'),
    object: 'event',
    api_version: stripeApiVersion,
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: {
      object,
      ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: stripeId('req'), idempotency_key: crypto.randomUUID() },
    type,
  } as unknown as Extract<Stripe.Event, { type: T }>;
}
