import Stripe from 'stripe';
import { checkCallbackOptions } from '../callback-options';
import type { WebhooksHandler } from '../create-webhooks-handler';
import type { BoundCallback } from '../deliver';
import { type DeliveryOptions, resolveDeliveryOptions } from '../delivery-options';
import { WebhooksHandlerError } from '../errors';
import type { Rejection } from '../rejection';
import { environmentSecret, type SigningSecret, secretOption } from '../signing-secrets';
import { signingTime } from '../signing-time';
import type { CallbackResult, WebhookContext } from '../webhook-context';
import { createEndpointHandler } from '../webhook-endpoint';

/** Every Stripe event type of the installed `stripe` package. */
export type StripeEventType = Stripe.Event.Type;

/** The Stripe event of type `T`, with `data.object` typed for it. */
export type StripeEvent<T extends StripeEventType = StripeEventType> = Extract<Stripe.Event, { type: T }>;

/** One optional callback per Stripe event type, keyed by the type: `'checkout.session.completed'`. */
export type StripeEventCallbacks<Transaction = undefined> = {
  [T in StripeEventType]?: (
    object: StripeEvent<T>['data']['object'],
    context: WebhookContext<StripeEvent<T>, Transaction>,
  ) => CallbackResult;
};

/** Options of `createStripeWebhooksHandler`. */
export type StripeWebhooksHandlerOptions<Transaction = undefined> = DeliveryOptions<Transaction> & {
  /**
   * The endpoint's signing secret (`whsec_...`), or several while you roll it. Defaults to
   * `STRIPE_WEBHOOK_SECRET`.
   */
  secret?: string | readonly string[];
  /** The callbacks, by event type; each gets `event.data.object` and the delivery context. */
  on?: StripeEventCallbacks<Transaction>;
  /** Runs for every event, after its typed callback. */
  onEvent?: (event: Stripe.Event, context: WebhookContext<Stripe.Event, Transaction>) => CallbackResult;
};

/** Stripe keys its HMAC with the `whsec_...` string itself (unlike Svix, which base64-decodes it). */
function stripeSecrets(secrets: SigningSecret[]): string[] {
  return secrets.map(({ value, source }) => {
    if (!/^whsec_\S+$/.test(value)) {
      throw new WebhooksHandlerError(
        'invalid_secret',
        `${source} is not a Stripe signing secret (\`whsec_...\` without spaces). Copy it from the Stripe Dashboard (Developers, Webhooks, your endpoint) or from \`stripe listen\`.`,
      );
    }
    return value;
  });
}

/** The `t=` of a `stripe-signature` header, checked against our tolerance both ways. */
function checkTimestamp(header: string, toleranceSeconds: number): Date | Rejection {
  const match = /(?:^|,)\s*t=([^,]*)/.exec(header);
  if (!match) return { code: 'invalid_timestamp', message: 'stripe-signature has no t= timestamp.' };
  return signingTime(match[1]?.trim() ?? '', toleranceSeconds, 'The t= of stripe-signature');
}

function isSignatureError(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === 'StripeSignatureVerificationError';
}

function isStripeEvent(value: unknown): value is Stripe.Event {
  if (typeof value !== 'object' || value === null) return false;
  const { id, type, data } = value as { id?: unknown; type?: unknown; data?: { object?: unknown } };
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    typeof type === 'string' &&
    typeof data === 'object' &&
    data !== null &&
    typeof data.object === 'object' &&
    data.object !== null
  );
}

/**
 * Creates a Stripe webhook endpoint with the same behaviour as `createWebhooksHandler`: the raw body
 * verified by the `stripe` package's async verifier (Web Crypto on edge runtimes), a timestamp within
 * 300 s both ways, callbacks by event type run once per `event.id` through the idempotency store, and
 * the same status codes (400, 413, 422, 500, 200 also for a duplicate). Stripe neither orders nor
 * deduplicates its deliveries: re-read the object (a subscription's current state) when order matters.
 *
 * @example
 * // app/api/webhooks/stripe/route.ts
 * import { createStripeWebhooksHandler } from '@clerkship/webhooks-handler/stripe';
 *
 * const handler = createStripeWebhooksHandler({
 *   on: {
 *     'customer.subscription.created': async (subscription) => {
 *       await setLicenseCount(subscription.customer as string, subscription.items.data[0]?.quantity ?? 0);
 *     },
 *   },
 * });
 *
 * export const POST = handler.POST;
 *
 * @throws {WebhooksHandlerError} `invalid_option`, `invalid_secret` or `invalid_store` for a wrong option.
 */
export function createStripeWebhooksHandler<Transaction = undefined>(
  options: StripeWebhooksHandlerOptions<Transaction>,
): WebhooksHandler {
  checkCallbackOptions(
    'createStripeWebhooksHandler',
    options && { ...options, on: undefined },
    new Set(),
    "Stripe callbacks go in `on`, keyed by event type: on: { 'checkout.session.completed': (session) => {} }.",
  );
  const on = (options.on ?? {}) as Record<string, ((...args: unknown[]) => CallbackResult) | undefined>;
  if (typeof on !== 'object' || on === null) {
    throw new WebhooksHandlerError(
      'invalid_option',
      '`on` must be an object of callbacks keyed by event type.',
    );
  }
  for (const [type, callback] of Object.entries(on)) {
    if (callback !== undefined && typeof callback !== 'function') {
      throw new WebhooksHandlerError('invalid_option', `\`on['${type}']\` must be a function.`);
    }
  }
  const resolved = resolveDeliveryOptions(options);
  const given = secretOption(options.secret);
  const fromOption = given && stripeSecrets(given);
  const { onEvent } = options;

  const handle = createEndpointHandler<Stripe.Event, Transaction>({
    options: resolved,
    createParser: () => {
      const secrets =
        fromOption ??
        stripeSecrets([
          environmentSecret(
            ['STRIPE_WEBHOOK_SECRET'],
            'Set STRIPE_WEBHOOK_SECRET to the endpoint secret from the Stripe Dashboard, or pass `secret`.',
          ),
        ]);
      return async (headers, body) => {
        const signature = headers.get('stripe-signature')?.trim();
        if (!signature) {
          return {
            code: 'missing_header',
            message: 'Missing stripe-signature. Is this request from Stripe?',
          };
        }
        const timestamp = checkTimestamp(signature, resolved.toleranceSeconds);
        if (!(timestamp instanceof Date)) return timestamp;
        let event: unknown;
        for (const secret of secrets) {
          try {
            event = await Stripe.webhooks.constructEventAsync(
              body,
              signature,
              secret,
              resolved.toleranceSeconds,
            );
            break;
          } catch (error) {
            if (isSignatureError(error)) continue;
            return { code: 'invalid_event', message: 'The signed body is not a Stripe event (JSON).' };
          }
        }
        if (event === undefined) {
          return {
            code: 'invalid_signature',
            message:
              'No signature matches the body. Check the signing secret, and that the raw body reaches the handler unchanged.',
          };
        }
        if (!isStripeEvent(event)) {
          return {
            code: 'invalid_event',
            message: 'The signed body is not a Stripe event (an `id`, a `type` and `data.object`).',
          };
        }
        return { key: `stripe:${event.id}`, id: event.id, type: event.type, timestamp, event };
      };
    },
    callbacksFor: (event) => {
      const bound: BoundCallback<Stripe.Event, Transaction>[] = [];
      const typed = Object.hasOwn(on, event.type) ? on[event.type] : undefined;
      if (typed)
        bound.push({ name: `on['${event.type}']`, run: (context) => typed(event.data.object, context) });
      if (onEvent) bound.push({ name: 'onEvent', run: (context) => onEvent(event, context) });
      return bound;
    },
    unhandledNote: (type) =>
      `No callback handles ${type}. Add on['${type}'], or remove the event from the endpoint in the Stripe Dashboard.`,
  });

  return { POST: handle, handle };
}
