import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { listPage } from './list';
import { idOf, requireCustomer } from './lookups';
import { integer, metadata, parseParams, updatedMetadata } from './params';
import type { Route } from './route';
import type { StripeFakeState } from './stripe-fake-state';
import { type ChargeError, cardError, invalidRequest, resourceMissing } from './stripe-request-error';
import { type TestCard, testCardForNumber, testCardForPaymentMethod, testCardForToken } from './test-cards';

const createParams = z.object({
  type: z.literal('card'),
  card: z.union([
    z.object({ token: z.string() }),
    z.object({ number: z.string(), exp_month: integer, exp_year: integer, cvc: z.string().optional() }),
  ]),
  billing_details: z
    .object({ email: z.string().optional(), name: z.string().optional(), phone: z.string().optional() })
    .optional(),
  metadata: metadata.optional(),
});

/** A card payment method in Stripe's shape, backed by a test card. */
export function createCardPaymentMethod(
  state: StripeFakeState,
  card: TestCard,
  details: {
    billingName?: string | null;
    billingEmail?: string | null;
    expMonth?: number;
    expYear?: number;
  } = {},
): Stripe.PaymentMethod {
  const method = state.track<Stripe.PaymentMethod>({
    id: state.id('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: details.billingEmail ?? null,
      name: details.billingName ?? null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: details.expMonth ?? 12,
      exp_year: details.expYear ?? new Date(state.now * 1000).getUTCFullYear() + 3,
      fingerprint: card.fingerprint,
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: state.now,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  });
  state.paymentMethods.set(method.id, method);
  state.cards.set(method.id, card);
  return method;
}

/**
 * A payment method id from a request: one the fake holds, or one of Stripe's named test payment
 * methods (`pm_card_visa`), which test mode turns into a new payment method on use.
 */
export function resolvePaymentMethod(
  state: StripeFakeState,
  id: string,
  param = 'payment_method',
): Stripe.PaymentMethod {
  const held = state.paymentMethods.get(id);
  if (held) return held;
  const card = testCardForPaymentMethod(id);
  if (card) return createCardPaymentMethod(state, card);
  throw resourceMissing('PaymentMethod', id, param);
}

/** The card error Stripe answers when a card is refused, or `undefined` when it is not. */
export function declineOf(card: TestCard | undefined, moment: 'attach' | 'charge'): ChargeError | undefined {
  if (!card)
    return {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
    };
  if (card.behaviour === 'declined' || (moment === 'charge' && card.behaviour === 'fails_later'))
    return {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
    };
  if (card.behaviour === 'insufficient_funds')
    return {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    };
  return undefined;
}

/** Attaches a payment method to a customer (`payment_method.attached`); a declining card is refused. */
export function attachPaymentMethod(
  state: StripeFakeState,
  method: Stripe.PaymentMethod,
  customerId: string,
) {
  requireCustomer(state, customerId, 'customer');
  const attachedTo = idOf(method.customer);
  if (attachedTo === customerId) return method;
  if (attachedTo)
    throw invalidRequest(
      `The payment method you provided has already been attached to a customer.`,
      'payment_method',
      'payment_method_unexpected_state',
    );
  const decline = declineOf(state.cards.get(method.id), 'attach');
  if (decline)
    throw cardError(decline.code ?? 'card_declined', decline.message ?? '', {
      declineCode: decline.decline_code,
      param: '',
    });
  method.customer = customerId;
  state.emit('payment_method.attached', method);
  return method;
}

function detachPaymentMethod(state: StripeFakeState, id: string) {
  const method = resolvePaymentMethod(state, id, 'id');
  const customerId = idOf(method.customer);
  if (!customerId)
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      undefined,
      'payment_method_unexpected_state',
    );
  method.customer = null;
  const customer = state.customers.get(customerId);
  if (customer && customer.invoice_settings.default_payment_method === id) {
    const before = structuredClone(customer);
    customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: null };
    state.emit('customer.updated', customer, before);
  }
  state.emit('payment_method.detached', method, { ...method, customer: customerId });
  return method;
}

function createPaymentMethod(state: StripeFakeState, params: FormParams) {
  const input = parseParams(createParams, params);
  let card: TestCard | undefined;
  if ('token' in input.card) {
    card = testCardForToken(input.card.token);
    if (!card) throw resourceMissing('token', input.card.token, 'card[token]');
  } else {
    card = testCardForNumber(input.card.number);
    if (!card)
      throw cardError('incorrect_number', 'Your card number is incorrect.', { param: 'card[number]' });
  }
  const method = createCardPaymentMethod(state, card, {
    billingName: input.billing_details?.name,
    billingEmail: input.billing_details?.email,
    ...('exp_month' in input.card ? { expMonth: input.card.exp_month, expYear: input.card.exp_year } : {}),
  });
  method.metadata = updatedMetadata({}, input.metadata);
  return method;
}

export const paymentMethodRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/payment_methods$/,
    handle: ({ state, params }) => createPaymentMethod(state, params),
  },
  {
    method: 'GET',
    path: /^\/v1\/payment_methods$/,
    handle: ({ state, params }) => {
      const customer = typeof params.customer === 'string' ? params.customer : undefined;
      if (customer) requireCustomer(state, customer, 'customer');
      const methods = [...state.paymentMethods.values()].filter(
        (method) => !customer || method.customer === customer,
      );
      return listPage(state, methods, params, '/v1/payment_methods');
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/payment_methods\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => resolvePaymentMethod(state, id, 'id'),
  },
  {
    method: 'POST',
    path: /^\/v1\/payment_methods\/([^/]+)\/attach$/,
    handle: ({ state, params, ids: [id = ''] }) => {
      const { customer } = parseParams(z.object({ customer: z.string() }), params);
      return attachPaymentMethod(state, resolvePaymentMethod(state, id, 'id'), customer);
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/payment_methods\/([^/]+)\/detach$/,
    handle: ({ state, ids: [id = ''] }) => detachPaymentMethod(state, id),
  },
];
