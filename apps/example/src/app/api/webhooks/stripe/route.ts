import type { WebhooksHandler } from '@clerkship/webhooks-handler';
import { createPostgresIdempotencyStore } from '@clerkship/webhooks-handler/drizzle';
import { createStripeWebhooksHandler } from '@clerkship/webhooks-handler/stripe';
import { database } from '@/lib/db';
import { licensing } from '@/lib/licensing';

/**
 * Stripe webhooks (signing secret in STRIPE_WEBHOOK_SECRET; local mode's Stripe fake signs with the one
 * in .data/stripe-webhook-secret). Each event is claimed once in Postgres, in the same transaction as
 * licensing's sync, which re-reads the customer's subscriptions rather than trusting the payload, so
 * duplicated and out-of-order deliveries end in the same license.
 */
async function createHandler(): Promise<WebhooksHandler> {
  const [db, ready] = await Promise.all([database(), licensing.ready()]);
  return createStripeWebhooksHandler({
    store: createPostgresIdempotencyStore(db),
    on: { ...ready.stripeCallbacks },
  });
}

let handler: Promise<WebhooksHandler> | undefined;

export async function POST(request: Request): Promise<Response> {
  handler ??= createHandler().catch((error: unknown) => {
    handler = undefined;
    throw error;
  });
  return (await handler).POST(request);
}
