import Stripe from 'stripe';
import { z } from 'zod';
import { TestingError } from '../errors';
import { assertWebhookSecret } from '../webhook-secret';
import { advanceClock } from './billing-clock';
import { billingPortalRoutes } from './billing-portal';
import { checkoutSessionRoutes } from './checkout-sessions';
import { customerRoutes } from './customers';
import { eventRoutes } from './events';
import { expandResponse } from './expand';
import { parseFormParams } from './form-body';
import { hostedPage } from './hosted-pages';
import { checkIdempotencyKey, IdempotencyStore } from './idempotency';
import { invoiceRoutes } from './invoices';
import { paymentMethodRoutes } from './payment-methods';
import { priceRoutes } from './prices';
import { productRoutes } from './products';
import type { Route } from './route';
import { setupIntentRoutes } from './setup-intents';
import { StripeFakeState, stripeApiVersion } from './stripe-fake-state';
import { StripeRequestError } from './stripe-request-error';
import { settleSubscriptionInvoice } from './subscription-lifecycle';
import { subscriptionRoutes } from './subscriptions';
import {
  type StripeFakeDelivery,
  type StripeFakeDeliveryOptions,
  type StripeFakeWebhookEndpoint,
  WebhookDeliveries,
} from './webhook-deliveries';

/** How a Stripe fake starts. */
export interface StripeFakeOptions {
  /** Endpoints that receive every event, signed with their secret. */
  webhookEndpoints?: readonly StripeFakeWebhookEndpoint[];
  /** Duplicate, reorder, delay, hold and retry deliveries. */
  deliveries?: StripeFakeDeliveryOptions;
  /** Where the fake's clock starts. Default: now. */
  startTime?: Date;
  /** Secret keys it accepts. Default: any `sk_test_…` or `rk_test_…`. */
  secretKeys?: readonly string[];
  /** Origin of the hosted pages (Checkout, portal). `startStripeFake` sets its own. */
  baseUrl?: string;
  /** How webhook requests are sent. Default: global `fetch`. Give an app's handler to skip the network. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Seconds after each failed renewal payment when Stripe retries it. Default `[259200, 432000, 604800]`
   * (3, 5 and 7 days after the previous attempt, roughly Smart Retries' spread).
   */
  invoiceRetrySchedule?: readonly number[];
  /** What happens after the last retry fails. Default `'cancel'`, Stripe's default setting. */
  afterFinalRetryFailure?: 'cancel' | 'unpaid' | 'past_due';
  /** How the portal's Cancel button cancels. Default `'at_period_end'`, the default portal configuration. */
  portalCancelMode?: 'at_period_end' | 'immediately';
}

/** A Stripe API fake: answer requests with `handle`, read its state, move its clock. */
export interface StripeFake {
  /** Answers one request to the Stripe API (`/v1/…`) or to a hosted page, as Stripe would. */
  handle(request: Request): Promise<Response>;
  /**
   * Spread into `new Stripe(key, { ...fake.stripeOptions })`. In process it carries an `httpClient`
   * that calls `handle` (no socket, runs on edge runtimes); from `startStripeFake` it is
   * `{ host, port, protocol: 'http' }`.
   */
  readonly stripeOptions: Stripe.StripeConfig;
  /** The fake's clock. */
  readonly now: Date;
  /**
   * Moves the clock forward: trials end, periods renew (paid, or failed with retries), cancellations at
   * period end happen, failed webhook deliveries are retried. Resolves once the deliveries it caused
   * were attempted.
   */
  advanceTime(seconds: number): Promise<void>;
  /** Every delivery so far (live objects: states and attempts update). */
  deliveries(): readonly StripeFakeDelivery[];
  /** Holds new deliveries until `releaseDeliveries`. */
  holdDeliveries(): void;
  /** Sends held deliveries, in the order they were made, reversed or shuffled. */
  releaseDeliveries(order?: 'emitted' | 'reverse' | 'shuffle'): void;
  /** Resolves when every delivery that is due has been attempted. */
  waitForDeliveries(): Promise<void>;
  /** Every event recorded, oldest first. */
  readonly events: readonly Stripe.Event[];
  readonly customers: ReadonlyMap<string, Stripe.Customer>;
  readonly products: ReadonlyMap<string, Stripe.Product>;
  readonly prices: ReadonlyMap<string, Stripe.Price>;
  readonly paymentMethods: ReadonlyMap<string, Stripe.PaymentMethod>;
  readonly setupIntents: ReadonlyMap<string, Stripe.SetupIntent>;
  readonly subscriptions: ReadonlyMap<string, Stripe.Subscription>;
  readonly invoices: ReadonlyMap<string, Stripe.Invoice>;
  readonly checkoutSessions: ReadonlyMap<string, Stripe.Checkout.Session>;
}

const optionsSchema = z.object({
  webhookEndpoints: z
    .array(z.object({ url: z.url(), secret: z.string(), enabledEvents: z.array(z.string()).optional() }))
    .optional(),
  deliveries: z
    .object({
      duplicate: z.boolean().optional(),
      reorder: z.union([z.literal(false), z.enum(['reverse', 'shuffle'])]).optional(),
      seed: z.number().int().optional(),
      delayMs: z.number().min(0).optional(),
      hold: z.boolean().optional(),
      retrySchedule: z.array(z.number().positive()).optional(),
    })
    .optional(),
  startTime: z.date().optional(),
  secretKeys: z.array(z.string().min(1)).optional(),
  baseUrl: z.url().optional(),
  invoiceRetrySchedule: z.array(z.number().positive()).optional(),
  afterFinalRetryFailure: z.enum(['cancel', 'unpaid', 'past_due']).optional(),
  portalCancelMode: z.enum(['at_period_end', 'immediately']).optional(),
});

const routes: readonly Route[] = [
  ...customerRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...paymentMethodRoutes,
  ...setupIntentRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes(settleSubscriptionInvoice),
  ...checkoutSessionRoutes,
  ...billingPortalRoutes,
  ...eventRoutes,
];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { 'content-type': 'application/json', 'stripe-version': stripeApiVersion, ...headers },
  });
}

function errorResponse(error: StripeRequestError, requestId: string): Response {
  return json(
    error.status,
    { error: { ...error.body, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` } },
    { 'request-id': requestId },
  );
}

/**
 * A stateful Stripe API fake in this process, driven by the real `stripe` SDK through
 * `stripeOptions` (an `httpClient` that calls `handle`, so no socket is opened). Node and edge runtimes.
 * Use `startStripeFake` for a server that a separate app process can reach.
 *
 * @example
 * const fake = createStripeFake({ webhookEndpoints: [{ url: 'http://app.test/api/stripe', secret }], fetch: app.handle });
 * const stripe = new Stripe('sk_test_fake', fake.stripeOptions);
 * const customer = await stripe.customers.create({ email: 'ada@example.com' });
 *
 * @throws {TestingError} `invalid_stripe_fake_options` or `invalid_webhook_secret` for options it cannot use.
 */
export function createStripeFake(options: StripeFakeOptions = {}): StripeFake {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TestingError(
      'invalid_stripe_fake_options',
      `the Stripe fake's option \`${issue?.path.join('.') ?? ''}\` is invalid (${issue?.message ?? 'unknown'}). Check it against StripeFakeOptions.`,
      { cause: parsed.error },
    );
  }
  for (const endpoint of options.webhookEndpoints ?? []) assertWebhookSecret(endpoint.secret);
  const baseUrl = (options.baseUrl ?? 'http://stripe-fake.localhost').replace(/\/$/, '');
  const state = new StripeFakeState(Math.floor((options.startTime?.getTime() ?? Date.now()) / 1000), {
    baseUrl,
    invoiceRetrySchedule: options.invoiceRetrySchedule ?? [3 * 86_400, 5 * 86_400, 7 * 86_400],
    afterFinalRetryFailure: options.afterFinalRetryFailure ?? 'cancel',
    portalCancelMode: options.portalCancelMode ?? 'at_period_end',
  });
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const deliveries = new WebhookDeliveries(
    [...(options.webhookEndpoints ?? [])],
    options.deliveries ?? {},
    () => state.now,
    send,
  );
  state.listeners.push((event) => {
    event.pending_webhooks = deliveries.endpointsFor(event.type);
    deliveries.add(event);
  });
  const idempotency = new IdempotencyStore();

  function apiKeyOf(request: Request): string | undefined {
    const header = request.headers.get('authorization') ?? '';
    const key =
      /^Bearer (\S+)$/.exec(header)?.[1] ??
      (header.startsWith('Basic ') ? atob(header.slice(6)).split(':')[0] : undefined);
    if (!key) return undefined;
    return options.secretKeys
      ? options.secretKeys.includes(key)
        ? key
        : undefined
      : /^(sk|rk)_test_\S+$/.test(key)
        ? key
        : undefined;
  }

  async function api(request: Request, url: URL, requestId: string): Promise<Response> {
    const apiKey = apiKeyOf(request);
    if (!apiKey) {
      return json(401, {
        error: {
          type: 'invalid_request_error',
          message:
            'Invalid API Key provided. The Stripe fake accepts test-mode secret keys (sk_test_…) or the keys given as `secretKeys`.',
        },
      });
    }
    const method = request.method.toUpperCase();
    const body = method === 'POST' ? await request.text() : '';
    const params = parseFormParams(new URLSearchParams(`${url.search.slice(1)}&${body}`));
    const key = method === 'POST' ? request.headers.get('idempotency-key') : null;
    const fingerprint = `${method} ${url.pathname}\n${body}`;
    try {
      if (key) {
        checkIdempotencyKey(key);
        const saved = idempotency.replay(apiKey, key, fingerprint);
        if (saved)
          return new Response(saved.body, {
            status: saved.status,
            headers: {
              'content-type': 'application/json',
              'idempotent-replayed': 'true',
              'idempotency-key': key,
              'request-id': requestId,
              'stripe-version': stripeApiVersion,
            },
          });
      }
    } catch (error) {
      if (error instanceof StripeRequestError) return errorResponse(error, requestId);
      throw error;
    }
    let response: Response;
    const route = routes.find(
      (candidate) => candidate.method === method && candidate.path.test(url.pathname),
    );
    const match = route?.path.exec(url.pathname);
    state.request = { id: requestId, idempotency_key: key };
    try {
      if (!route || !match) {
        throw new StripeRequestError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). The Stripe fake does not model this endpoint; see the README's list of what it models.`,
        });
      }
      const ids = match.slice(1).map((id) => decodeURIComponent(id ?? ''));
      const result = route.handle({ state, params, ids });
      const expand = Array.isArray(params.expand)
        ? params.expand.filter((path) => typeof path === 'string')
        : [];
      response = json(200, expandResponse(state, result, expand), { 'request-id': requestId });
    } catch (error) {
      if (!(error instanceof StripeRequestError)) throw error;
      response = errorResponse(error, requestId);
    } finally {
      state.request = { id: null, idempotency_key: null };
    }
    if (key) {
      response.headers.set('idempotency-key', key);
      idempotency.save(apiKey, key, {
        fingerprint,
        status: response.status,
        body: await response.clone().text(),
      });
    }
    return response;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const requestId = state.id('req', 14);
    try {
      if (url.pathname.startsWith('/v1/')) return await api(request, url, requestId);
      const form =
        request.method === 'POST' ? new URLSearchParams(await request.text()) : new URLSearchParams();
      return (
        hostedPage(state, request.method.toUpperCase(), url.pathname, form) ??
        new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
      );
    } catch (error) {
      // A fault of the fake itself: answer as Stripe answers its own faults, and say so.
      return json(500, {
        error: {
          type: 'api_error',
          message: `The Stripe fake failed: ${error instanceof Error ? error.message : String(error)}`,
        },
      });
    } finally {
      deliveries.flush();
    }
  }

  return {
    handle,
    stripeOptions: {
      httpClient: Stripe.createFetchHttpClient((input, init) =>
        handle(new Request(input instanceof Request ? input : String(input), init)),
      ),
      maxNetworkRetries: 0,
    },
    get now() {
      return new Date(state.now * 1000);
    },
    async advanceTime(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new TestingError(
          'invalid_stripe_fake_options',
          `advanceTime needs a number of seconds >= 0, got ${String(seconds)}. The clock only moves forward.`,
        );
      advanceClock(state, state.now + Math.floor(seconds), () => deliveries.flush());
      deliveries.retryDue();
      await deliveries.settled();
    },
    deliveries: () => deliveries.log,
    holdDeliveries: () => deliveries.hold(),
    releaseDeliveries: (order) => deliveries.release(order),
    waitForDeliveries: () => deliveries.settled(),
    events: state.events,
    customers: state.customers,
    products: state.products,
    prices: state.prices,
    paymentMethods: state.paymentMethods,
    setupIntents: state.setupIntents,
    subscriptions: state.subscriptions,
    invoices: state.invoices,
    checkoutSessions: state.checkoutSessions,
  };
}
