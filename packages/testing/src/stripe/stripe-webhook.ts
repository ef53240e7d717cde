import Stripe from 'stripe';
import { webhookBody } from '../webhook-body';
import { assertWebhookSecret } from '../webhook-secret';

/** How a signed Stripe webhook request is built. */
export interface StripeWebhookRequestOptions {
  /** The endpoint's signing secret (`whsec_...`). */
  secret: string;
  url?: string | URL;
  /** When Stripe signed it. Defaults to now; Stripe's verifier rejects more than 300 s of difference. */
  timestamp?: Date;
}

/**
 * Builds the `Request` Stripe would POST to your webhook endpoint, with a `stripe-signature` header made
 * by the real `stripe` library's test helper (Web Crypto, so it runs on edge runtimes too).
 *
 * @example
 * const event = createStripeEvent('customer.subscription.updated', createStripeSubscription({ quantity: 5 }));
 * const request = await createStripeWebhookRequest(event, { secret });
 *
 * @throws {TestingError} `invalid_webhook_secret` or `invalid_event`.
 */
export async function createStripeWebhookRequest(
  event: object | string,
  options: StripeWebhookRequestOptions,
): Promise<Request> {
  assertWebhookSecret(options?.secret);
  const payload = webhookBody(event);
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret,
    timestamp: Math.floor((options.timestamp?.getTime() ?? Date.now()) / 1000),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
  return new Request(options.url ?? 'http://localhost:3000/api/webhooks/stripe', {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': signature,
    },
    body: payload,
  });
}
