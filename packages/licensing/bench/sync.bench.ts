import { createStripeFake } from '@clerkship/testing/stripe-api';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, test } from 'vitest';
import { createLicensing, type StripeClient } from '../src/create-licensing';
import { createTestDatabase } from '../src/drizzle/__fixtures__/test-database';
import { createPostgresLicensingStore } from '../src/drizzle/postgres-licensing-store';
import { licensingLicenses } from '../src/drizzle/schema';
import { definePlans } from '../src/plans';

// What one sync costs: Stripe calls (goal: one list call) and time, against the guide's handler, which
// writes the payload's quantity (no call, but wrong when events arrive out of order or duplicated).
const fake = createStripeFake();
const stripe = new Stripe('sk_test_bench', fake.stripeOptions);
const price = await stripe.prices.create({
  currency: 'usd',
  unit_amount: 1000,
  recurring: { interval: 'month' },
  product_data: { name: 'Seat' },
});
const calls: string[] = [];
/** The Stripe client, counting every API method licensing calls on it. */
function counted<T extends object>(target: T, path: string): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof key !== 'string') return value;
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          calls.push(`${path}.${key}`);
          return value.apply(object, args);
        };
      }
      return typeof value === 'object' && value !== null ? counted(value, `${path}.${key}`) : value;
    },
  });
}
const db = await createTestDatabase();
const store = createPostgresLicensingStore(db);
const plans = definePlans({ team: { price: price.id, seats: { min: 1, max: 50 } } });
const licensing = createLicensing({ plans, store, stripe: counted(stripe as StripeClient, 'stripe') });
const customer = await licensing.ensureCustomer('org_acme');
const subscription = await stripe.subscriptions.create({
  customer,
  items: [{ price: price.id, quantity: 5 }],
  trial_period_days: 14,
});

calls.length = 0;
await licensing.syncCustomer(customer);
const perSync = [...calls];

afterAll(() => {
  console.info(`bench: Stripe calls per sync: ${perSync.length} (${perSync.join(', ')})`);
});

test('one license sync (subscription event → license row), PGlite, in-process Stripe fake', async ({
  bench,
}) => {
  await bench.compare(
    bench("the guide's handler: write the payload's quantity (baseline, order-unsafe)", async () => {
      await db
        .update(licensingLicenses)
        .set({ seatLimit: subscription.items.data[0]?.quantity ?? 0 })
        .where(eq(licensingLicenses.orgId, 'org_acme'));
    }),
    bench('licensing.syncCustomer: list the subscriptions, write under the version guard', async () => {
      await licensing.syncCustomer(customer);
    }),
  );
});
