import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { idOf, requireCustomer, requireSetupIntent } from './lookups';
import { boolean, metadata, parseParams, updatedMetadata } from './params';
import { attachPaymentMethod, declineOf, resolvePaymentMethod } from './payment-methods';
import type { Route } from './route';
import type { StripeFakeState } from './stripe-fake-state';
import { type ChargeError, cardError, invalidRequest } from './stripe-request-error';

const createParams = z.object({
  customer: z.string().optional(),
  payment_method: z.string().optional(),
  payment_method_types: z.array(z.string()).optional(),
  confirm: boolean.optional(),
  return_url: z.string().optional(),
  usage: z.enum(['off_session', 'on_session']).optional(),
  description: z.string().optional(),
  metadata: metadata.optional(),
});

const confirmParams = z.object({ payment_method: z.string().optional(), return_url: z.string().optional() });

/** A SetupIntent in Stripe's shape (`setup_intent.created`). */
export function createSetupIntent(
  state: StripeFakeState,
  input: {
    customer?: string | null;
    paymentMethod?: string | null;
    usage?: string;
    description?: string | null;
    metadata?: Record<string, string>;
  },
): Stripe.SetupIntent {
  const id = state.id('seti');
  const intent = state.track<Stripe.SetupIntent>({
    id,
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${state.id('x').slice(2)}`,
    created: state.now,
    customer: input.customer ?? null,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    usage: input.usage ?? 'off_session',
  });
  state.setupIntents.set(id, intent);
  state.emit('setup_intent.created', intent);
  return intent;
}

/** The SetupIntent succeeds: its payment method is attached to its customer. */
export function succeedSetupIntent(state: StripeFakeState, intent: Stripe.SetupIntent) {
  const methodId = idOf(intent.payment_method);
  const customerId = idOf(intent.customer);
  const method = methodId ? state.paymentMethods.get(methodId) : undefined;
  if (method && customerId) attachPaymentMethod(state, method, customerId);
  const card = methodId ? state.cards.get(methodId) : undefined;
  if (methodId && card) state.cards.set(methodId, { ...card, setUp: true });
  intent.status = 'succeeded';
  intent.next_action = null;
  intent.last_setup_error = null;
  state.emit('setup_intent.succeeded', intent);
}

/** The setup fails (declined card, failed authentication): `setup_intent.setup_failed`. */
export function failSetupIntent(state: StripeFakeState, intent: Stripe.SetupIntent, error: ChargeError) {
  const method = idOf(intent.payment_method);
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.last_setup_error = {
    code: error.code,
    decline_code: error.decline_code,
    doc_url: `https://stripe.com/docs/error-codes/${(error.code ?? '').replaceAll('_', '-')}`,
    message: error.message,
    payment_method: method ? state.paymentMethods.get(method) : undefined,
    type: error.type,
  } satisfies Stripe.SetupIntent.LastSetupError;
  intent.payment_method = null;
  state.emit('setup_intent.setup_failed', intent);
}

/**
 * Confirms a SetupIntent with its card: success attaches the card; a declining card fails with 402
 * `card_declined`; a 3D Secure card moves to `requires_action` with a `redirect_to_url` to the fake's
 * authentication page.
 */
export function confirmSetupIntent(state: StripeFakeState, intent: Stripe.SetupIntent, returnUrl?: string) {
  if (intent.status === 'succeeded' || intent.status === 'canceled')
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${intent.status}.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  const methodId = idOf(intent.payment_method);
  if (!methodId)
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
      undefined,
      'setup_intent_unexpected_state',
    );
  const card = state.cards.get(methodId);
  const decline = declineOf(card, 'attach');
  if (decline) {
    failSetupIntent(state, intent, decline);
    throw cardError(decline.code ?? 'card_declined', decline.message ?? '', {
      declineCode: decline.decline_code,
      setup_intent: structuredClone(intent),
    });
  }
  if (card?.behaviour === 'authentication_required') {
    intent.status = 'requires_action';
    intent.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: {
        url: `${state.configuration.baseUrl}/authenticate/${intent.id}`,
        return_url: returnUrl ?? null,
      },
    } satisfies Stripe.SetupIntent.NextAction;
    state.emit('setup_intent.requires_action', intent);
    return intent;
  }
  succeedSetupIntent(state, intent);
  return intent;
}

function create(state: StripeFakeState, params: FormParams) {
  const input = parseParams(createParams, params);
  if (input.customer) requireCustomer(state, input.customer, 'customer');
  const method = input.payment_method ? resolvePaymentMethod(state, input.payment_method) : undefined;
  const intent = createSetupIntent(state, {
    customer: input.customer,
    paymentMethod: method?.id,
    usage: input.usage,
    description: input.description,
    metadata: updatedMetadata({}, input.metadata),
  });
  return input.confirm ? confirmSetupIntent(state, intent, input.return_url) : intent;
}

export const setupIntentRoutes: readonly Route[] = [
  { method: 'POST', path: /^\/v1\/setup_intents$/, handle: ({ state, params }) => create(state, params) },
  {
    method: 'GET',
    path: /^\/v1\/setup_intents\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => requireSetupIntent(state, id),
  },
  {
    method: 'POST',
    path: /^\/v1\/setup_intents\/([^/]+)\/confirm$/,
    handle: ({ state, params, ids: [id = ''] }) => {
      const intent = requireSetupIntent(state, id);
      const input = parseParams(confirmParams, params);
      if (input.payment_method) intent.payment_method = resolvePaymentMethod(state, input.payment_method).id;
      return confirmSetupIntent(state, intent, input.return_url);
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/setup_intents\/([^/]+)\/cancel$/,
    handle: ({ state, ids: [id = ''] }) => {
      const intent = requireSetupIntent(state, id);
      if (intent.status === 'succeeded')
        throw invalidRequest(
          'You cannot cancel this SetupIntent because it has a status of succeeded.',
          undefined,
          'setup_intent_unexpected_state',
        );
      intent.status = 'canceled';
      intent.cancellation_reason = 'requested_by_customer';
      state.emit('setup_intent.canceled', intent);
      return intent;
    },
  },
];
