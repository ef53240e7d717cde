import { licensingStripeEvents } from '@clerkship/licensing';
import { type RunningStripeFake, startStripeFake } from '@clerkship/testing/stripe-api';
import Stripe from 'stripe';
import { database, schema } from '@/lib/db';

/** Local mode's Stripe: the fake, a client of it, and the seat price the `team` plan sells. */
export interface LocalStripe {
  fake: RunningStripeFake;
  stripe: Stripe;
  /** The per-seat price of the `team` plan. */
  teamPrice: string;
}

// The fake accepts any test key; this one never leaves the server.
const localSecretKey = 'sk_test_clerkship_local_stripe';

const holder = globalThis as typeof globalThis & { clerkshipLocalStripe?: Promise<LocalStripe> };

/** Where this server answers: `next start` / `next dev` put the port they listen on in PORT. */
function appOrigin(): string {
  return `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
}

async function start(): Promise<LocalStripe> {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    throw new Error(
      "example: local mode's Stripe webhook secret is missing. Run the app with `pnpm dev` (or `node src/local/setup.ts` first), which creates .data/stripe-webhook-secret.",
    );
  }
  // The fake delivers to the app's own route, signed as Stripe signs, only the events licensing syncs
  // on (the endpoint setup of the licensing README). Its hosted Checkout and portal pages are served on
  // its own URL, which the browser reaches on this machine.
  const fake = await startStripeFake({
    webhookEndpoints: [
      { url: `${appOrigin()}/api/webhooks/stripe`, secret, enabledEvents: licensingStripeEvents },
    ],
  });
  const stripe = new Stripe(localSecretKey, fake.stripeOptions);
  const product = await stripe.products.create({ name: 'Team Tasks: Team plan' });
  const price = await stripe.prices.create({
    product: product.id,
    currency: 'usd',
    unit_amount: 800,
    recurring: { interval: 'month' },
    lookup_key: 'team_seat',
    nickname: 'Team seat, monthly',
  });
  // The fake forgets everything when the server stops, and so does the local Clerk Backend API: the
  // customers, licenses and seats a previous run wrote point at nothing now.
  const db = await database();
  await db.transaction(async (transaction) => {
    await transaction.delete(schema.licensingSeats);
    await transaction.delete(schema.licensingLicenses);
    await transaction.delete(schema.licensingCustomers);
    await transaction.delete(schema.licensingSignups);
  });
  return { fake, stripe, teamPrice: price.id };
}

/**
 * Starts local mode's Stripe API fake on first use (licensing's first call), once per server process,
 * kept across dev-server reloads.
 */
export function localStripe(): Promise<LocalStripe> {
  holder.clerkshipLocalStripe ??= start().catch((error: unknown) => {
    holder.clerkshipLocalStripe = undefined;
    throw error;
  });
  return holder.clerkshipLocalStripe;
}
