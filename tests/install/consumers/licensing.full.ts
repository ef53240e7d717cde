// @clerkship/licensing as its README's quickstart wires it, outside the workspace: plans from an
// allowlist, the store on a drizzle database, Stripe through the real SDK (against @clerkship/testing's
// fake), the sign-up flow, and the zero-call license check.
import { createClerkClient } from '@clerk/backend';
import { createLicensing, definePlans, isLicensed, LicensingError } from '@clerkship/licensing';
import {
  createPostgresLicensingStore,
  createPostgresSignupStore,
  licensingSeats,
} from '@clerkship/licensing/drizzle';
import { createSignupFlow } from '@clerkship/licensing/signup';
import { createStripeFake } from '@clerkship/testing/stripe-api';
import { drizzle } from 'drizzle-orm/pg-proxy';
import Stripe from 'stripe';

const stripe = new Stripe('sk_test_install', createStripeFake().stripeOptions);
const product = await stripe.products.create({ name: 'Team Tasks' });
const price = await stripe.prices.create({
  product: product.id,
  currency: 'usd',
  unit_amount: 900,
  recurring: { interval: 'month' },
});

const plans = definePlans({ team: { price: price.id, seats: { min: 1, max: 200 }, trialDays: 14 } } as const);
// Any drizzle Postgres database: a proxy one here, so nothing needs a server to start.
const db = drizzle(async () => ({ rows: [] }));
const licensing = createLicensing({
  plans,
  store: createPostgresLicensingStore(db),
  stripe,
  clerk: createClerkClient({ secretKey: 'sk_test_install' }),
});
createSignupFlow({
  licensing,
  clerk: createClerkClient({ secretKey: 'sk_test_install' }),
  store: createPostgresSignupStore(db),
  urls: { success: 'https://app.example.com/welcome', cancel: 'https://app.example.com/plan' },
});

// Clients send a plan key and a quantity, never a price id.
const parsed = plans.parseCheckout({ plan: 'team', seats: 5 });
if (parsed.plan !== 'team' || parsed.seats !== 5) throw new Error('parseCheckout lost the input');
try {
  plans.parseCheckout({ plan: 'team', seats: 500 });
  throw new Error('500 seats were accepted');
} catch (error) {
  if (!LicensingError.isInstance(error) || error.code !== 'quantity_out_of_range') throw error;
}
const licensed = { licensing: { seat: true, license: { status: 'active' } } };
if (!isLicensed(licensed) || isLicensed({ licensing: { seat: true } }))
  throw new Error('isLicensed is wrong');
if (!licensingSeats) throw new Error('no licensingSeats table');
console.info('ok');
