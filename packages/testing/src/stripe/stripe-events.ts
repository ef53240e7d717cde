import type Stripe from 'stripe';
import { createClerkId } from '../clerk-events';

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
  const subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: options.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created,
    currency: 'usd',
    customer: options.customer ?? stripeId('cus'),
    customer_account: null,
    days_until_due: null,
    default_payment_method: stripeId('pm'),
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: options.status === 'canceled' ? created : null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: {
      object: 'list',
      data: [
        {
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
        },
      ],
      has_more: false,
      total_count: 1,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: stripeId('in'),
    livemode: false,
    managed_payments: null,
    metadata: options.metadata ?? {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: created,
    status: options.status ?? 'active',
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
  // The literal above follows Stripe's documented response; the SDK's type has more optional nesting
  // than is worth restating field by field.
  return subscription as unknown as Stripe.Subscription;
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
