import { createWebhookSecret } from '@clerkship/testing';
import { createStripeFake, type StripeFakeOptions } from '@clerkship/testing/stripe-api';
import { createPostgresIdempotencyStore } from '@clerkship/webhooks-handler/drizzle';
import { createStripeWebhooksHandler } from '@clerkship/webhooks-handler/stripe';
import Stripe from 'stripe';
import { createLicensing, type LicensingOptions } from '../create-licensing';
import { createTestDatabase } from '../drizzle/__fixtures__/test-database';
import { createPostgresLicensingStore } from '../drizzle/postgres-licensing-store';
import { definePlans } from '../plans';
import { startClerkOrganizationsFake } from './clerk-organizations-fake';

/** The organizations of the world: each has an admin and six members (alice … frank). */
export const organizations = [
  'org_acme',
  'org_globex',
  'org_initech',
  'org_umbrella',
  'org_hooli',
  'org_stark',
  'org_wayne',
  'org_tyrell',
  'org_cyberdyne',
  'org_soylent',
] as const;

export const urls = { successUrl: 'http://app.test/billing?paid=1', cancelUrl: 'http://app.test/billing' };

/**
 * Team Tasks' billing, wired as the README says: the Stripe API fake (in process, real SDK), its webhooks
 * delivered to `createStripeWebhooksHandler` with the Postgres idempotency store and licensing's
 * callbacks, the licensing store on PGlite, and Clerk's organization metadata on a local fake.
 */
export async function createBillingWorld(
  options: { deliveries?: StripeFakeOptions['deliveries'] } & Partial<
    Pick<LicensingOptions<string>, 'overLimit' | 'pastDueGraceDays'>
  > = {},
) {
  const db = await createTestDatabase();
  // Each test uses its own organization, so one world (one PGlite) serves a test file.
  const members = [
    'user_admin',
    'user_alice',
    'user_bob',
    'user_carol',
    'user_dave',
    'user_erin',
    'user_frank',
  ];
  const clerkFake = await startClerkOrganizationsFake(
    Object.fromEntries(organizations.map((orgId) => [orgId, members])),
  );
  const secret = createWebhookSecret();
  const webhook: { POST?: (request: Request) => Promise<Response> } = {};
  const fake = createStripeFake({
    webhookEndpoints: [{ url: 'http://app.test/api/webhooks/stripe', secret }],
    ...(options.deliveries ? { deliveries: options.deliveries } : {}),
    fetch: (request) => (webhook.POST as (request: Request) => Promise<Response>)(request),
  });
  const stripe = new Stripe('sk_test_licensing', fake.stripeOptions);
  const seat = (name: string, amount: number) =>
    stripe.prices.create({
      currency: 'usd',
      unit_amount: amount,
      recurring: { interval: 'month' },
      product_data: { name },
    });
  const [team, enterprise, starter, solo, unrelated] = await Promise.all([
    seat('Team seat', 1000),
    seat('Enterprise seat', 3000),
    seat('Starter seat', 500),
    seat('Solo seat', 800),
    seat('Another product', 500),
  ]);
  const plans = definePlans({
    team: { price: team.id, seats: { min: 1, max: 50 } },
    enterprise: { price: enterprise.id, seats: { min: 10, max: 5000 } },
    starter: { price: starter.id, seats: { min: 1, max: 10 }, trialDays: 14 },
    solo: { price: solo.id, seats: { min: 1, max: 1 }, trialDays: 30 },
  });
  const warnings: string[] = [];
  const store = createPostgresLicensingStore(db);
  const licensing = createLicensing({
    plans,
    store,
    stripe,
    clerk: clerkFake.clerk,
    clerkRetry: { sleep: async () => {} },
    logger: { warn: (message: string) => warnings.push(message) },
    ...(options.overLimit ? { overLimit: options.overLimit } : {}),
    ...(options.pastDueGraceDays !== undefined ? { pastDueGraceDays: options.pastDueGraceDays } : {}),
  });
  const handler = createStripeWebhooksHandler({
    secret,
    store: createPostgresIdempotencyStore(db),
    on: { ...licensing.stripeCallbacks },
  });
  webhook.POST = handler.POST;

  /** Submits the fake's hosted page as a browser would. */
  async function submit(url: string, fields: Record<string, string>) {
    const response = await fake.handle(
      new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
    );
    await fake.waitForDeliveries();
    return response;
  }

  return {
    db,
    fake,
    stripe,
    clerkFake,
    plans,
    prices: { team, enterprise, starter, solo, unrelated },
    store,
    licensing,
    handler,
    secret,
    warnings,
    submit,
    /** An admin of `orgId` buys seats through Checkout and pays with `card`. */
    async buySeats(orgId: string, input: unknown, card = '4242424242424242') {
      const session = await licensing.checkout(orgId, input, urls);
      const response = await submit(session.url, { cardNumber: card, action: 'pay' });
      return { session, response };
    },
    /** The live subscription of an organization, as Stripe holds it. */
    async subscriptionOf(orgId: string) {
      const license = await store.license(orgId);
      return license?.subscriptionId ? stripe.subscriptions.retrieve(license.subscriptionId) : null;
    },
    async close() {
      await fake.waitForDeliveries();
      await clerkFake.close();
      await db.$client.close();
    },
  };
}

export type BillingWorld = Awaited<ReturnType<typeof createBillingWorld>>;
