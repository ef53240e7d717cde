import { createAuthObject, createTestKeys } from '@clerkship/testing';
import type { StripeFakeOptions } from '@clerkship/testing/stripe-api';
import { createPostgresSignupStore } from '../drizzle/postgres-signup-store';
import { createSignupFlow, type SignupFlowOptions } from '../signup/create-signup-flow';
import { createBillingWorld } from './billing-world';

/** Where Stripe sends the new user back to: the welcome page that asks `status()`. */
export const signupUrls = {
  success: 'http://app.test/welcome?session_id={CHECKOUT_SESSION_ID}',
  cancel: 'http://app.test/welcome?canceled=1',
};

/** Team Tasks' free tier, as the app declares it. */
export const freePolicy = { plan: 'free', tasks: 10 } as const;

export const cards = {
  visa: '4242424242424242',
  declined: '4000000000000002',
  threeDSecure: '4000002500003155',
} as const;

/**
 * The billing world (Stripe fake through the real SDK, signed webhooks into licensing's sync, PGlite,
 * Clerk's organization endpoints on a local fake) plus the sign-up flow as the README wires it, and new
 * users who just finished Clerk's sign-up: signed in, no organization yet.
 */
export async function createSignupWorld(
  options: { deliveries?: StripeFakeOptions['deliveries'] } & Partial<
    Pick<SignupFlowOptions<string, typeof freePolicy>, 'wait' | 'concurrency'>
  > = {},
) {
  const [world, keys] = await Promise.all([
    createBillingWorld(options.deliveries ? { deliveries: options.deliveries } : {}),
    createTestKeys(),
  ]);
  const signupStore = createPostgresSignupStore(world.db);
  const flowWith = (overrides: Partial<SignupFlowOptions<string, typeof freePolicy>> = {}) =>
    createSignupFlow({
      licensing: world.licensing,
      clerk: world.clerkFake.clerk,
      store: signupStore,
      urls: signupUrls,
      freePolicy,
      wait: options.wait ?? { timeoutMs: 300, intervalMs: 20 },
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...overrides,
    });
  const signup = flowWith();

  return {
    ...world,
    keys,
    signupStore,
    signup,
    flowWith,
    /**
     * A user who just finished Clerk's sign-up (now held by the Clerk fake), as `auth()` returns them:
     * signed in, no organization.
     */
    newUser(userId: string) {
      world.clerkFake.signUp(userId);
      return createAuthObject(keys, { userId });
    },
    /** Pays on the fake's hosted Checkout page as a browser would. */
    pay: (url: string, card: string = cards.visa) => world.submit(url, { cardNumber: card, action: 'pay' }),
    /** Answers the 3D Secure page of a Checkout. */
    authenticate: (url: string, card: string, action: 'complete' | 'fail') =>
      world.submit(`${url}/authenticate`, { cardNumber: card, action }),
    /** Leaves Checkout with its "Cancel" button. */
    leave: (url: string) => world.submit(url, { action: 'cancel' }),
    /** What Stripe holds for an organization: its customers, subscriptions, invoices, Checkout Sessions. */
    stripeOf(orgId: string) {
      const customers = [...world.fake.customers.values()].filter(
        (customer) => customer.metadata.clerk_org_id === orgId,
      );
      const ids = new Set(customers.map((customer) => customer.id));
      const ofCustomer = <T extends { customer: unknown }>(items: Iterable<T>) =>
        [...items].filter((item) => ids.has(typeof item.customer === 'string' ? item.customer : ''));
      return {
        customers,
        subscriptions: ofCustomer(world.fake.subscriptions.values()),
        invoices: ofCustomer(world.fake.invoices.values()),
        checkoutSessions: ofCustomer(world.fake.checkoutSessions.values()),
      };
    },
    /** The organizations Clerk holds that a user's sign-up created. */
    organizationsOf: (userId: string) =>
      world.clerkFake.createdOrganizations().filter((organization) => organization.createdBy === userId),
  };
}

export type SignupWorld = Awaited<ReturnType<typeof createSignupWorld>>;
