import type Stripe from 'stripe';
import { z } from 'zod';
import { createCustomer } from './customers';
import type { FormParams } from './form-body';
import { listPage } from './list';
import { idOf, requireCustomer, requirePrice } from './lookups';
import { boolean, integer, integerAtLeast, metadata, parseParams, updatedMetadata } from './params';
import { attachPaymentMethod, createCardPaymentMethod } from './payment-methods';
import type { Route } from './route';
import { createSetupIntent, succeedSetupIntent } from './setup-intents';
import type { CheckoutLine, StripeFakeState } from './stripe-fake-state';
import { invalidRequest, resourceMissing } from './stripe-request-error';
import { startSubscription } from './subscription-lifecycle';
import type { TestCard } from './test-cards';

const lineItem = z.object({
  price: z.string(),
  quantity: integerAtLeast(1).optional(),
  adjustable_quantity: z
    .object({ enabled: boolean, minimum: integer.optional(), maximum: integer.optional() })
    .optional(),
});

const createParams = z.object({
  mode: z.enum(['payment', 'setup', 'subscription']),
  success_url: z.string().optional(),
  cancel_url: z.string().optional(),
  customer: z.string().optional(),
  customer_email: z.string().optional(),
  client_reference_id: z.string().optional(),
  currency: z.string().optional(),
  metadata: metadata.optional(),
  line_items: z.array(lineItem).optional(),
  subscription_data: z
    .object({
      trial_period_days: integerAtLeast(1).optional(),
      trial_end: integer.optional(),
      metadata: metadata.optional(),
      description: z.string().optional(),
      trial_settings: z
        .object({
          end_behavior: z.object({ missing_payment_method: z.enum(['cancel', 'create_invoice', 'pause']) }),
        })
        .optional(),
    })
    .optional(),
  payment_method_collection: z.enum(['always', 'if_required']).optional(),
  allow_promotion_codes: boolean.optional(),
  locale: z.string().optional(),
});

function checkoutSessionId(state: StripeFakeState): string {
  return `cs_test_${state.id('x', 58).slice(2)}`;
}

function createCheckoutSession(state: StripeFakeState, params: FormParams): Stripe.Checkout.Session {
  const input = parseParams(createParams, params);
  if (input.mode === 'payment')
    throw invalidRequest(
      'The Stripe fake models Checkout in `subscription` and `setup` mode only; `payment` mode is not modelled.',
      'mode',
    );
  if (!input.success_url)
    throw invalidRequest('Missing required param: success_url.', 'success_url', 'parameter_missing');
  if (input.customer && input.customer_email)
    throw invalidRequest(
      'You may only specify one of these parameters: customer, customer_email.',
      'customer_email',
    );
  const customer = input.customer ? requireCustomer(state, input.customer, 'customer') : undefined;
  const lines: CheckoutLine[] = [];
  if (input.mode === 'subscription') {
    if (!input.line_items?.length)
      throw invalidRequest(
        'You must provide at least one recurring price in `subscription` mode when using prices.',
        'line_items',
      );
    for (const [index, item] of input.line_items.entries()) {
      const price = requirePrice(state, item.price, `line_items[${index}][price]`);
      if (item.quantity === undefined)
        throw invalidRequest(
          `Quantity is required. Add \`quantity\` to \`line_items[${index}]\``,
          `line_items[${index}]`,
        );
      if (price.type !== 'recurring')
        throw invalidRequest(
          'You must provide at least one recurring price in `subscription` mode when using prices.',
          `line_items[${index}][price]`,
        );
      const adjustable = item.adjustable_quantity?.enabled
        ? { minimum: item.adjustable_quantity.minimum ?? 0, maximum: item.adjustable_quantity.maximum ?? 99 }
        : null;
      lines.push({ id: state.id('li'), price, quantity: item.quantity, adjustable });
    }
  } else if (input.line_items?.length) {
    throw invalidRequest('You cannot pass `line_items` in `setup` mode.', 'line_items');
  }
  const trialDays = input.subscription_data?.trial_period_days;
  const trialEnd = input.subscription_data?.trial_end ?? (trialDays ? state.now + trialDays * 86_400 : null);
  const subtotal = lines.reduce((sum, line) => sum + (line.price.unit_amount ?? 0) * line.quantity, 0);
  const id = checkoutSessionId(state);
  const session = state.track<Stripe.Checkout.Session>({
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: input.allow_promotion_codes ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: input.mode === 'setup' ? null : subtotal,
    amount_total: input.mode === 'setup' ? null : trialEnd ? 0 : subtotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancel_url ?? null,
    client_reference_id: input.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: state.now,
    currency: lines[0]?.price.currency ?? input.currency ?? null,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation: customer ? null : input.mode === 'subscription' ? 'always' : 'if_required',
    customer_details: customer
      ? {
          address: null,
          business_name: null,
          email: customer.email,
          individual_name: null,
          name: customer.name ?? null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: input.customer_email ?? null,
    discounts: [],
    expires_at: state.now + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: (input.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
    managed_payments: null,
    metadata: updatedMetadata({}, input.metadata),
    mode: input.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection:
      input.mode === 'subscription' ? (input.payment_method_collection ?? 'always') : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: input.mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: input.success_url,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${state.configuration.baseUrl}/checkout/${id}`,
    wallet_options: null,
  });
  state.checkoutSessions.set(id, session);
  state.checkoutLines.set(id, lines);
  state.checkoutSubscriptionData.set(id, {
    trialEnd,
    metadata: updatedMetadata({}, input.subscription_data?.metadata),
    description: input.subscription_data?.description ?? null,
    missingPaymentMethod:
      input.subscription_data?.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice',
  });
  return session;
}

/** The session's line items as `GET /v1/checkout/sessions/:id/line_items` lists them. */
function lineItems(state: StripeFakeState, session: Stripe.Checkout.Session, params: FormParams = {}) {
  const lines = (state.checkoutLines.get(session.id) ?? []).map((line) =>
    state.track({
      id: line.id,
      object: 'item',
      adjustable_quantity: line.adjustable ? { enabled: true, ...line.adjustable } : null,
      amount_discount: 0,
      amount_subtotal: (line.price.unit_amount ?? 0) * line.quantity,
      amount_tax: 0,
      amount_total: (line.price.unit_amount ?? 0) * line.quantity,
      created: session.created,
      currency: line.price.currency,
      description: state.products.get(idOf(line.price.product) ?? '')?.name ?? null,
      metadata: {},
      price: line.price,
      quantity: line.quantity,
    }),
  );
  return listPage(state, lines.reverse(), params, `/v1/checkout/sessions/${session.id}/line_items`);
}

export function requireCheckoutSession(state: StripeFakeState, id: string): Stripe.Checkout.Session {
  const session = state.checkoutSessions.get(id);
  if (!session) throw resourceMissing('checkout.session', id);
  return session;
}

/** What the customer entered on the hosted page. */
export interface CheckoutSubmission {
  card: TestCard;
  email: string | null;
  /** New quantities for adjustable lines, by line id. */
  quantities: Readonly<Record<string, number>>;
}

/**
 * Completes a session as paying on Stripe's hosted page does: the customer (created if the session had
 * none), the card attached and set up for off-session use, then the subscription (subscription mode) or
 * a succeeded SetupIntent (setup mode), and `checkout.session.completed` last.
 */
export function completeCheckoutSession(
  state: StripeFakeState,
  session: Stripe.Checkout.Session,
  submission: CheckoutSubmission,
) {
  let customerId = idOf(session.customer);
  const email = submission.email ?? session.customer_email ?? session.customer_details?.email ?? null;
  if (!customerId && session.mode === 'subscription')
    customerId = createCustomer(state, email ? { email } : {}).id;
  const method = createCardPaymentMethod(state, { ...submission.card, setUp: true }, { billingEmail: email });
  if (customerId) attachPaymentMethod(state, method, customerId);
  if (session.mode === 'subscription') {
    const data = state.checkoutSubscriptionData.get(session.id);
    const customer = requireCustomer(state, customerId ?? '', 'customer');
    const lines = state.checkoutLines.get(session.id) ?? [];
    for (const line of lines) line.quantity = submission.quantities[line.id] ?? line.quantity;
    const subscription = startSubscription(state, {
      customer,
      items: lines.map((line, index) => ({
        price: line.price,
        quantity: line.quantity,
        param: `line_items[${index}][price]`,
      })),
      defaultPaymentMethod: method.id,
      trialEnd: data?.trialEnd ?? null,
      metadata: data?.metadata ?? {},
      description: data?.description ?? null,
      paymentBehavior: 'allow_incomplete',
      cancelAtPeriodEnd: false,
      missingPaymentMethod: data?.missingPaymentMethod ?? 'create_invoice',
      offSession: true,
    });
    const subtotal = lines.reduce((sum, line) => sum + (line.price.unit_amount ?? 0) * line.quantity, 0);
    session.subscription = subscription.id;
    session.amount_subtotal = subtotal;
    session.amount_total = subscription.status === 'trialing' ? 0 : subtotal;
    session.payment_status = subscription.status === 'trialing' ? 'no_payment_required' : 'paid';
    session.invoice = idOf(subscription.latest_invoice);
  } else {
    const intent = createSetupIntent(state, { customer: customerId, paymentMethod: method.id });
    succeedSetupIntent(state, intent);
    session.setup_intent = intent.id;
  }
  const customer = customerId ? state.customers.get(customerId) : undefined;
  session.customer = customerId;
  session.customer_details = {
    address: null,
    email: customer?.email ?? email,
    name: customer?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
    business_name: null,
    individual_name: null,
  } satisfies Stripe.Checkout.Session.CustomerDetails;
  session.status = 'complete';
  state.emit('checkout.session.completed', session);
}

/** Expires an open session (`checkout.session.expired`), by request or when `expires_at` passes. */
export function expireCheckoutSession(state: StripeFakeState, session: Stripe.Checkout.Session) {
  if (session.status !== 'open')
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      undefined,
      'checkout_session_unexpected_state',
    );
  session.status = 'expired';
  session.url = null;
  state.emit('checkout.session.expired', session);
  return session;
}

export const checkoutSessionRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/checkout\/sessions$/,
    handle: ({ state, params }) => createCheckoutSession(state, params),
  },
  {
    method: 'GET',
    path: /^\/v1\/checkout\/sessions$/,
    handle: ({ state, params }) => {
      const filter = parseParams(
        z.object({
          customer: z.string().optional(),
          subscription: z.string().optional(),
          status: z.string().optional(),
        }),
        params,
      );
      const sessions = [...state.checkoutSessions.values()].filter(
        (session) =>
          (!filter.customer || session.customer === filter.customer) &&
          (!filter.subscription || session.subscription === filter.subscription) &&
          (!filter.status || session.status === filter.status),
      );
      return listPage(state, sessions, params, '/v1/checkout/sessions');
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) => {
      const session = requireCheckoutSession(state, id);
      const expand = Array.isArray(params.expand) ? params.expand : [];
      return expand.includes('line_items') ? { ...session, line_items: lineItems(state, session) } : session;
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
    handle: ({ state, params, ids: [id = ''] }) =>
      lineItems(state, requireCheckoutSession(state, id), params),
  },
  {
    method: 'POST',
    path: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    handle: ({ state, ids: [id = ''] }) => expireCheckoutSession(state, requireCheckoutSession(state, id)),
  },
];
