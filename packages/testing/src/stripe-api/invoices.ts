import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { listPage } from './list';
import { idOf, requireInvoice } from './lookups';
import { parseParams } from './params';
import { declineOf, resolvePaymentMethod } from './payment-methods';
import type { Route } from './route';
import { type StripeFakeState, wireDecimal } from './stripe-fake-state';
import { type ChargeError, cardError, invalidRequest } from './stripe-request-error';

/** One line of a subscription invoice. */
export interface InvoiceLine {
  amount: number;
  quantity: number;
  price: Stripe.Price;
  subscriptionItem: string;
  description: string;
  period: { start: number; end: number };
  proration: boolean;
}

/** Whether a charge goes through, and Stripe's error when it does not. */
export type ChargeOutcome = { paid: true } | { paid: false; error: ChargeError; actionRequired: boolean };

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );
}

/** `3 × Seat (at $10.00 / month)`, as Stripe describes a subscription line. */
export function lineDescription(state: StripeFakeState, price: Stripe.Price, quantity: number): string {
  const product = state.products.get(idOf(price.product) ?? '')?.name ?? 'Product';
  const interval = price.recurring?.interval ?? 'month';
  return `${quantity} × ${product} (at ${money(price.unit_amount ?? 0, price.currency)} / ${interval})`;
}

/** The payment method an invoice of this subscription is charged to. */
export function paymentMethodFor(state: StripeFakeState, subscription: Stripe.Subscription): string | null {
  const own = idOf(subscription.default_payment_method);
  if (own) return own;
  return idOf(
    state.customers.get(idOf(subscription.customer) ?? '')?.invoice_settings.default_payment_method,
  );
}

/**
 * How a charge to `paymentMethod` goes. A 3D Secure card succeeds off-session only once it was set up
 * (SetupIntent or Checkout); on-session it needs authentication, which a server-side charge cannot give.
 */
export function chargeOutcome(
  state: StripeFakeState,
  paymentMethod: string | null,
  offSession: boolean,
): ChargeOutcome {
  if (!paymentMethod) {
    return {
      paid: false,
      actionRequired: false,
      error: {
        type: 'invalid_request_error',
        code: 'invoice_no_customer_payment_method',
        message: 'This customer has no attached payment source or default payment method.',
      },
    };
  }
  const card = state.cards.get(paymentMethod);
  if (card?.behaviour === 'authentication_required' && !(offSession && card.setUp)) {
    return {
      paid: false,
      actionRequired: true,
      error: {
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      },
    };
  }
  const decline = declineOf(card, 'charge');
  return decline ? { paid: false, actionRequired: false, error: decline } : { paid: true };
}

/** A draft invoice for a subscription, with its lines, stored but not yet announced. */
export function draftInvoice(
  state: StripeFakeState,
  subscription: Stripe.Subscription,
  billingReason: Stripe.Invoice.BillingReason,
  lines: readonly InvoiceLine[],
): Stripe.Invoice {
  const id = state.id('in');
  const customer = state.customers.get(idOf(subscription.customer) ?? '');
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const amountDue = Math.max(0, total);
  const invoice = state.track<Stripe.Invoice>({
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Clerkship Stripe fake',
    account_tax_ids: null,
    amount_due: amountDue,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amountDue,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: billingReason,
    collection_method: 'charge_automatically',
    confirmation_secret: null,
    created: state.now,
    currency: subscription.currency,
    custom_fields: null,
    customer: idOf(subscription.customer),
    customer_account: null,
    customer_address: null,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    customer_phone: customer?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: 'list',
      data: lines.map(
        (line): Stripe.InvoiceLineItem => ({
          id: state.id('il'),
          object: 'line_item',
          amount: line.amount,
          currency: subscription.currency,
          description: line.description,
          discount_amounts: [],
          discountable: !line.proration,
          discounts: [],
          invoice: id,
          livemode: false,
          metadata: {},
          parent: {
            type: 'subscription_item_details',
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: null,
              proration: line.proration,
              proration_details: { credited_items: null },
              subscription: subscription.id,
              subscription_item: line.subscriptionItem,
            },
          },
          period: line.period,
          pretax_credit_amounts: [],
          pricing: {
            type: 'price_details',
            price_details: { price: line.price.id, product: idOf(line.price.product) ?? '' },
            unit_amount_decimal: line.price.unit_amount_decimal,
          },
          quantity: line.quantity,
          quantity_decimal: wireDecimal(line.quantity),
          subscription: subscription.id,
          subtotal: line.amount,
          taxes: [],
        }),
      ),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: state.now,
    period_start: state.now,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  });
  state.invoices.set(id, invoice);
  return invoice;
}

/** Announces and finalizes a draft invoice (`invoice.created`, `invoice.finalized`). */
export function finalizeInvoice(state: StripeFakeState, invoice: Stripe.Invoice) {
  state.emit('invoice.created', invoice);
  const customer = state.customers.get(idOf(invoice.customer) ?? '');
  const sequence = customer ? (customer.next_invoice_sequence ?? 1) : 1;
  if (customer) customer.next_invoice_sequence = sequence + 1;
  invoice.status = 'open';
  invoice.number = `${customer?.invoice_prefix ?? 'FAKE'}-${String(sequence).padStart(4, '0')}`;
  invoice.status_transitions = { ...invoice.status_transitions, finalized_at: state.now };
  invoice.effective_at = state.now;
  invoice.webhooks_delivered_at = state.now;
  state.emit('invoice.finalized', invoice);
}

/**
 * One payment attempt on an open invoice: `invoice.paid` + `invoice.payment_succeeded`, or
 * `invoice.payment_failed` (and `invoice.payment_action_required` for a card that needs 3D Secure),
 * with the next retry at `nextAttempt`.
 */
export function attemptPayment(
  state: StripeFakeState,
  invoice: Stripe.Invoice,
  outcome: ChargeOutcome,
  nextAttempt: number | null,
): boolean {
  invoice.attempted = true;
  invoice.attempt_count += invoice.amount_due > 0 ? 1 : 0;
  if (invoice.amount_due === 0 || outcome.paid) {
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.status_transitions = { ...invoice.status_transitions, paid_at: state.now };
    state.emit('invoice.paid', invoice);
    state.emit('invoice.payment_succeeded', invoice);
    return true;
  }
  invoice.next_payment_attempt = nextAttempt;
  state.emit('invoice.payment_failed', invoice);
  if (outcome.actionRequired) state.emit('invoice.payment_action_required', invoice);
  return false;
}

/** The moment of the next automatic retry after `attempts` failed attempts, or `null` when done. */
export function nextRetry(state: StripeFakeState, attempts: number): number | null {
  const delay = state.configuration.invoiceRetrySchedule[attempts - 1];
  return delay === undefined ? null : state.now + delay;
}

const payParams = z.object({ payment_method: z.string().optional(), off_session: z.string().optional() });

/** `POST /v1/invoices/:id/pay`: charge now (e.g. after the customer fixed their card). */
function payInvoice(state: StripeFakeState, id: string, params: FormParams, settle: InvoiceSettled) {
  const invoice = requireInvoice(state, id);
  const input = parseParams(payParams, params);
  if (invoice.status === 'paid')
    throw invalidRequest('Invoice is already paid', undefined, 'invoice_unexpected_state');
  if (invoice.status !== 'open')
    throw invalidRequest(
      `This invoice can't be paid because it is ${invoice.status}.`,
      undefined,
      'invoice_not_editable',
    );
  const subscriptionId = invoice.parent?.subscription_details?.subscription;
  const subscription = state.subscriptions.get(idOf(subscriptionId ?? null) ?? '');
  const method = input.payment_method
    ? resolvePaymentMethod(state, input.payment_method).id
    : subscription
      ? paymentMethodFor(state, subscription)
      : null;
  const outcome = chargeOutcome(state, method, input.off_session === 'true');
  const paid = attemptPayment(state, invoice, outcome, invoice.next_payment_attempt);
  settle(state, invoice, paid);
  if (!outcome.paid && invoice.amount_due > 0) {
    const { code = 'card_declined', message = 'Your card was declined.', decline_code } = outcome.error;
    if (outcome.error.type !== 'card_error') throw invalidRequest(message, undefined, code);
    throw cardError(code, message, { declineCode: decline_code });
  }
  return invoice;
}

/** Called after a payment attempt so the invoice's subscription can follow (active, past_due). */
export type InvoiceSettled = (state: StripeFakeState, invoice: Stripe.Invoice, paid: boolean) => void;

const listParams = z.object({
  customer: z.string().optional(),
  subscription: z.string().optional(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional(),
});

export function invoiceRoutes(settle: InvoiceSettled): readonly Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/invoices$/,
      handle: ({ state, params }) => {
        const filter = parseParams(listParams, params);
        const invoices = [...state.invoices.values()].filter(
          (invoice) =>
            (!filter.customer || invoice.customer === filter.customer) &&
            (!filter.subscription ||
              invoice.parent?.subscription_details?.subscription === filter.subscription) &&
            (!filter.status || invoice.status === filter.status),
        );
        return listPage(state, invoices, params, '/v1/invoices');
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/invoices\/([^/]+)$/,
      handle: ({ state, ids: [id = ''] }) => requireInvoice(state, id),
    },
    {
      method: 'POST',
      path: /^\/v1\/invoices\/([^/]+)\/pay$/,
      handle: ({ state, params, ids: [id = ''] }) => payInvoice(state, id, params, settle),
    },
  ];
}
