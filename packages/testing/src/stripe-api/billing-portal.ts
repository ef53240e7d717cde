import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { requireCustomer } from './lookups';
import { parseParams } from './params';
import type { Route } from './route';
import type { StripeFakeState } from './stripe-fake-state';
import { invalidRequest, resourceMissing } from './stripe-request-error';
import { cancelSubscription } from './subscription-lifecycle';
import { updateSubscription } from './subscriptions';

const createParams = z.object({
  customer: z.string(),
  return_url: z.string().optional(),
  configuration: z.string().optional(),
  locale: z.string().optional(),
});

/** The fake's one portal configuration, standing for the account's default one. */
export const portalConfigurationId = 'bpc_fake_default';

function createPortalSession(state: StripeFakeState, params: FormParams): Stripe.BillingPortal.Session {
  const input = parseParams(createParams, params);
  requireCustomer(state, input.customer, 'customer');
  const id = state.id('bps');
  const session = state.track<Stripe.BillingPortal.Session>({
    id,
    object: 'billing_portal.session',
    configuration: input.configuration ?? portalConfigurationId,
    created: state.now,
    customer: input.customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: (input.locale as Stripe.BillingPortal.Session.Locale | undefined) ?? null,
    on_behalf_of: null,
    return_url: input.return_url ?? null,
    url: `${state.configuration.baseUrl}/billing_portal/${id}`,
  });
  state.portalSessions.set(id, session);
  return session;
}

export function requirePortalSession(state: StripeFakeState, id: string): Stripe.BillingPortal.Session {
  const session = state.portalSessions.get(id);
  if (!session) throw resourceMissing('billing_portal.session', id);
  return session;
}

/** The customer's subscriptions the portal shows: every one that has not ended. */
export function portalSubscriptions(state: StripeFakeState, session: Stripe.BillingPortal.Session) {
  return [...state.subscriptions.values()].filter(
    (subscription) =>
      subscription.customer === session.customer &&
      !['canceled', 'incomplete_expired'].includes(subscription.status),
  );
}

function portalSubscription(state: StripeFakeState, session: Stripe.BillingPortal.Session, id: string) {
  const subscription = portalSubscriptions(state, session).find((candidate) => candidate.id === id);
  if (!subscription)
    throw invalidRequest(
      `No such subscription for this customer: '${id}'`,
      'subscription',
      'resource_missing',
    );
  return subscription;
}

/** The portal's quantity change: the first item's quantity, prorated as the default configuration does. */
export function changeQuantityInPortal(
  state: StripeFakeState,
  session: Stripe.BillingPortal.Session,
  subscriptionId: string,
  quantity: number,
) {
  const subscription = portalSubscription(state, session, subscriptionId);
  if (!Number.isInteger(quantity) || quantity < 1)
    throw invalidRequest('Quantity must be at least 1.', 'quantity');
  const item = subscription.items.data[0];
  if (!item) return;
  updateSubscription(state, subscription, {
    items: [{ id: item.id, quantity: String(quantity) }],
    proration_behavior: 'create_prorations',
  });
}

/** The portal's cancel: at the period's end (the default configuration) or at once. */
export function cancelInPortal(
  state: StripeFakeState,
  session: Stripe.BillingPortal.Session,
  subscriptionId: string,
) {
  const subscription = portalSubscription(state, session, subscriptionId);
  if (state.configuration.portalCancelMode === 'immediately')
    cancelSubscription(state, subscription, { reason: 'cancellation_requested' });
  else updateSubscription(state, subscription, { cancel_at_period_end: 'true' });
}

/** "Don't cancel": undoes a cancellation at the period's end. */
export function renewInPortal(
  state: StripeFakeState,
  session: Stripe.BillingPortal.Session,
  subscriptionId: string,
) {
  updateSubscription(state, portalSubscription(state, session, subscriptionId), {
    cancel_at_period_end: 'false',
  });
}

export const billingPortalRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/billing_portal\/sessions$/,
    handle: ({ state, params }) => createPortalSession(state, params),
  },
];
