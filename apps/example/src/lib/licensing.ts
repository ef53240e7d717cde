import { clerkClient } from '@clerk/nextjs/server';
import { createLicensing, definePlans, type Licensing, type Requirement } from '@clerkship/licensing';
import { createPostgresLicensingStore } from '@clerkship/licensing/drizzle';
import Stripe from 'stripe';
import { database } from './db';
import { isLocalMode } from './mode';

/** The plans Team Tasks sells: one, per seat. */
export type PlanKey = 'team';

/** The `team` plan on its Stripe seat price: 1 to 50 seats. */
export function teamPlans(price: string) {
  return definePlans({ team: { price, seats: { min: 1, max: 50 } } } as const);
}

/** Billing needs a Stripe account in connected mode; local mode brings its own Stripe fake. */
export function isBillingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return isLocalMode(env) || Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_PRICE_TEAM);
}

/** Connected mode: the app's Stripe account and the seat price, from the environment (server only). */
async function stripeAccount(): Promise<{ stripe: Stripe; teamPrice: string }> {
  if (isLocalMode()) {
    // Loaded on demand: production paths never import local mode's code.
    const { localStripe } = await import('@/local/stripe');
    return localStripe();
  }
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_PRICE_TEAM: teamPrice } = process.env;
  if (!secretKey || !teamPrice) {
    throw new Error(
      'example: billing needs STRIPE_SECRET_KEY and STRIPE_PRICE_TEAM (the per-seat price of the team plan). Set them in .env.local, or run without Clerk keys for local mode.',
    );
  }
  return { stripe: new Stripe(secretKey), teamPrice };
}

async function connect(): Promise<Licensing<PlanKey>> {
  const [db, { stripe, teamPrice }, clerk] = await Promise.all([database(), stripeAccount(), clerkClient()]);
  return createLicensing({
    plans: teamPlans(teamPrice),
    store: createPostgresLicensingStore(db),
    stripe,
    // Seats and license status are mirrored into Clerk metadata, where the session token reads them.
    clerk,
  });
}

// One per server process, kept across dev-server reloads (like the database).
const holder = globalThis as typeof globalThis & { clerkshipLicensing?: Promise<Licensing<PlanKey>> };

/**
 * The app's `@clerkship/licensing`. It needs the database, the Stripe client and Clerk's client, which
 * all start asynchronously, so it is created on first use; its requirements can be used at once.
 */
export const licensing = {
  /** The app's licensing, once its database, Stripe and Clerk clients are ready. */
  ready(): Promise<Licensing<PlanKey>> {
    holder.clerkshipLicensing ??= connect().catch((error: unknown) => {
      holder.clerkshipLicensing = undefined;
      throw error;
    });
    return holder.clerkshipLicensing;
  },

  /**
   * Requirement: a licensed seat in the active organization. `{ fresh: true }` re-checks the seat and
   * the subscription's status in the database (mutating paths: a session claim can be 60 s stale).
   */
  requireSeat(options: { fresh?: boolean } = {}): Requirement {
    return {
      name: options.fresh ? 'licensing:seat:fresh' : 'licensing:seat',
      check: async (subject) => (await licensing.ready()).requireSeat(options).check(subject),
    };
  },
};
