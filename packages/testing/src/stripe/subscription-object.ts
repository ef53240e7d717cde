import type Stripe from 'stripe';

/** What varies between the subscriptions the Stripe fake keeps and those the event builders make. */
export interface SubscriptionObjectFields {
  id: string;
  customer: string;
  /** Seconds since the epoch. */
  created: number;
  currency: string;
  status: Stripe.Subscription.Status;
  items: Stripe.SubscriptionItem[];
  metadata: Record<string, string>;
  defaultPaymentMethod: string | null;
  latestInvoice: string | null;
  description?: string | null;
  /** Defaults to `created`. */
  billingCycleAnchor?: number;
  cancelAtPeriodEnd?: boolean;
  cancelAt?: number | null;
  canceledAt?: number | null;
  cancellationReason?: Stripe.Subscription.CancellationDetails.Reason | null;
  endedAt?: number | null;
  trialStart?: number | null;
  trialEnd?: number | null;
  missingPaymentMethod?: Stripe.Subscription.TrialSettings.EndBehavior.MissingPaymentMethod;
}

/**
 * A `subscription` object as Stripe's API returns it for the pinned API version (period dates live on
 * the items since 2025-03-31.basil): the one literal behind both the Stripe fake's subscriptions and
 * `createStripeSubscription`.
 */
export function subscriptionObject(fields: SubscriptionObjectFields): Stripe.Subscription {
  const { id, created } = fields;
  const subscription: Stripe.Subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: fields.billingCycleAnchor ?? created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic', updated_at: created },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: fields.cancelAt ?? null,
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    canceled_at: fields.canceledAt ?? null,
    cancellation_details: {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: fields.cancellationReason ?? null,
    },
    collection_method: 'charge_automatically',
    created,
    currency: fields.currency,
    customer: fields.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: fields.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: fields.description ?? null,
    discounts: [],
    ended_at: fields.endedAt ?? null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    items: {
      object: 'list',
      data: fields.items,
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: fields.latestInvoice,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
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
    status: fields.status,
    test_clock: null,
    transfer_data: null,
    trial_end: fields.trialEnd ?? null,
    trial_settings: {
      end_behavior: {
        billing_cycle_anchor: null,
        missing_payment_method: fields.missingPaymentMethod ?? 'create_invoice',
      },
    },
    trial_start: fields.trialStart ?? null,
  };
  return subscription;
}
