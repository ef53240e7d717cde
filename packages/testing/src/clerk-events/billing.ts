import type {
  BillingPaymentAttemptWebhookEvent,
  BillingSubscriptionItemWebhookEvent,
  BillingSubscriptionWebhookEvent,
} from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { day, type EventContext } from './event-context';

// Clerk Billing's webhook payloads, which @clerk/backend exports only as part of their events.
type SubscriptionItemJSON = BillingSubscriptionItemWebhookEvent['data'];
type SubscriptionJSON = BillingSubscriptionWebhookEvent['data'];
type PaymentAttemptJSON = BillingPaymentAttemptWebhookEvent['data'];
type PayerJSON = PaymentAttemptJSON['payer'];
type PlanJSON = NonNullable<SubscriptionItemJSON['plan']>;
type MoneyJSON = SubscriptionItemJSON['amount'];

/** The Pro plan costs $20.00 a month. */
const proPlanAmount = 2000;

function money(amount: number): MoneyJSON {
  return { amount, amount_formatted: `$${(amount / 100).toFixed(2)}`, currency: 'USD', currency_symbol: '$' };
}

/** Alice pays for herself: Clerk sends a user payer with empty organization fields. */
function payer({ now, instanceId }: EventContext): PayerJSON {
  const userId = createClerkId('user');
  return {
    object: 'commerce_payer',
    id: createClerkId('cpayer'),
    instance_id: instanceId,
    user_id: userId,
    first_name: 'Alice',
    last_name: 'Example',
    email: 'alice@example.com',
    organization_id: '',
    organization_name: '',
    image_url: `https://img.clerk.com/${userId}`,
    created_at: now,
    updated_at: now,
  };
}

function proPlan({ instanceId }: EventContext): PlanJSON {
  return {
    id: createClerkId('cplan'),
    instance_id: instanceId,
    product_id: createClerkId('cprd'),
    name: 'Pro',
    slug: 'pro',
    description: 'Unlimited tasks for your whole team.',
    is_default: false,
    is_recurring: true,
    amount: proPlanAmount,
    period: 'month',
    interval: 1,
    has_base_fee: true,
    currency: 'USD',
    annual_monthly_amount: 1600,
    publicly_visible: true,
  };
}

interface SubscriptionItemOptions {
  freeTrial?: boolean;
  /** Inside a subscription or payment attempt an item carries neither its payer nor its subscription. */
  nested?: boolean;
}

/** An item of a subscription to the Pro plan: the plan and period the payer is (or will be) on. */
export function subscriptionItem(
  context: EventContext,
  status: SubscriptionItemJSON['status'],
  options: SubscriptionItemOptions = {},
): SubscriptionItemJSON {
  const { now } = context;
  const periodStart = status === 'upcoming' ? now + 30 * day : now;
  const plan = proPlan(context);
  // Clerk sends these fields; @clerk/backend's type leaves them out.
  const untypedFields = {
    created_at: now,
    updated_at: now,
    is_free_trial: options.freeTrial ?? false,
    interval: 'month',
    subscription_id: options.nested ? null : createClerkId('csub'),
  };
  return {
    ...untypedFields,
    // A standalone `subscriptionItem.*` event says `subscription_item` (as in Clerk's webhook reference
    // and real deliveries); @clerk/backend types only the `commerce_` name items use inside a subscription.
    object: options.nested ? 'commerce_subscription_item' : ('subscription_item' as never),
    id: createClerkId('csub_item'),
    status,
    credit: { amount: money(0), cycle_days_remaining: 30, cycle_days_total: 30, cycle_remaining_percent: 1 },
    proration_date: new Date(now).toISOString().slice(0, 10),
    plan_period: 'month',
    period_start: periodStart,
    period_end: periodStart + 30 * day,
    ...(status === 'canceled' ? { canceled_at: now } : {}),
    ...(status === 'past_due' ? { past_due_at: now } : {}),
    lifetime_paid: status === 'upcoming' || status === 'incomplete' ? 0 : proPlanAmount,
    next_payment_amount: proPlanAmount,
    next_payment_date: periodStart + 30 * day,
    amount: money(proPlanAmount),
    plan,
    plan_id: plan.id,
    ...(options.nested ? {} : { payer: payer(context) }),
  };
}

/** Alice's subscription, with its one Pro item. */
export function subscription(context: EventContext, status: 'active' | 'past_due'): SubscriptionJSON {
  const { now } = context;
  const subscriptionPayer = payer(context);
  return {
    object: 'commerce_subscription',
    id: createClerkId('csub'),
    status,
    active_at: now,
    ...(status === 'past_due' ? { past_due_at: now } : {}),
    created_at: now,
    updated_at: now,
    latest_payment_id: createClerkId('cpa'),
    payer_id: subscriptionPayer.id,
    payer: subscriptionPayer,
    payment_source_id: createClerkId('cps'),
    items: [subscriptionItem(context, status, { nested: true })],
  };
}

/**
 * Alice's card being charged for the Pro plan at checkout: `pending` when Clerk starts the charge,
 * `paid` once Stripe confirms it. Prefixes follow Clerk's webhook reference (`pa_` for the attempt,
 * `cpa_` for the payment it belongs to).
 */
export function paymentAttempt(context: EventContext, status: 'pending' | 'paid'): PaymentAttemptJSON {
  const { now, instanceId } = context;
  const stripeAccount = createClerkId('acct');
  return {
    object: 'commerce_payment_attempt',
    id: createClerkId('pa'),
    instance_id: instanceId,
    payment_id: createClerkId('cpa'),
    statement_id: createClerkId('stmt'),
    gateway_external_id: createClerkId('pi'),
    status,
    created_at: now,
    updated_at: now,
    ...(status === 'paid' ? { paid_at: now } : {}),
    billing_date: now,
    charge_type: 'checkout',
    payee: {
      id: createClerkId('cpayee'),
      gateway_type: 'stripe',
      gateway_external_id: stripeAccount,
      gateway_status: 'active',
    },
    payer: payer(context),
    totals: { subtotal: money(proPlanAmount), tax_total: money(0), grand_total: money(proPlanAmount) },
    payment_source: {
      id: createClerkId('cps'),
      gateway: 'stripe',
      gateway_external_id: createClerkId('pm'),
      gateway_external_account_id: stripeAccount,
      payment_method: 'card',
      status: 'active',
      card_type: 'visa',
      last4: '4242',
    },
    subscription_items: [subscriptionItem(context, 'active', { nested: true })],
  };
}
