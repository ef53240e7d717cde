import Stripe from 'stripe';
import { type RunningStripeFake, type StartStripeFakeOptions, startStripeFake } from '../start-stripe-fake';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

export interface FakeStripeSetup {
  fake: RunningStripeFake;
  stripe: Stripe;
  receiver: WebhookReceiver;
  /** $10.00 a month per seat. */
  seatPrice: Stripe.Price;
  close(): Promise<void>;
}

/** A fake on a port, a receiver as its webhook endpoint, the real SDK pointed at it, and a seat price. */
export async function setupFakeStripe(
  options: Omit<StartStripeFakeOptions, 'webhookEndpoints'> = {},
): Promise<FakeStripeSetup> {
  const receiver = await startWebhookReceiver();
  const fake = await startStripeFake({
    ...options,
    webhookEndpoints: [{ url: receiver.url, secret: receiver.secret }],
  });
  const stripe = new Stripe('sk_test_clerkship', fake.stripeOptions);
  const seatPrice = await stripe.prices.create(
    {
      currency: 'usd',
      unit_amount: 1000,
      recurring: { interval: 'month' },
      lookup_key: 'seat',
      product_data: { name: 'Seat' },
    },
    { idempotencyKey: 'seed-seat-price' },
  );
  await fake.waitForDeliveries();
  receiver.events.length = 0;
  return {
    fake,
    stripe,
    receiver,
    seatPrice,
    async close() {
      await fake.close();
      await receiver.close();
    },
  };
}

/** Submits the fake's hosted Checkout form as a browser would, following nothing. */
export async function submitForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}
