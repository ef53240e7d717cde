import { createWebhookSecret } from '@clerkship/testing';
import { createStripeEvent, createStripeWebhookRequest } from '@clerkship/testing/stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingWorld, createBillingWorld } from './__fixtures__/billing-world';
import { isLicensed } from './is-licensed';

// Stripe neither orders nor deduplicates deliveries: every delivery of this world is sent twice and
// shuffled; each one triggers the same sync, which re-reads the subscriptions, so they all converge.
let world: BillingWorld;

beforeAll(async () => {
  world = await createBillingWorld({ deliveries: { duplicate: true, reorder: 'shuffle', seed: 17 } });
});
afterAll(() => world.close());

describe('the one sync function, fed by the webhook handler', () => {
  it('duplicated and shuffled deliveries of a whole story end in the row Stripe’s truth gives', async () => {
    world.fake.holdDeliveries();
    const session = await world.licensing.checkout(
      'org_acme',
      { plan: 'team', seats: 5 },
      {
        successUrl: 'http://app.test/billing',
        cancelUrl: 'http://app.test/billing',
      },
    );
    await world.fake.handle(
      new Request(session.url, {
        method: 'POST',
        body: new URLSearchParams({ cardNumber: '4242424242424242', action: 'pay' }),
      }),
    );
    const subscription = [...world.fake.subscriptions.values()].find(
      (candidate) => candidate.metadata.clerk_org_id === 'org_acme',
    );
    const itemId = subscription?.items.data[0]?.id ?? '';
    await world.stripe.subscriptions.update(subscription?.id ?? '', { items: [{ id: itemId, quantity: 9 }] });
    await world.stripe.subscriptions.update(subscription?.id ?? '', { items: [{ id: itemId, quantity: 7 }] });
    expect(await world.store.license('org_acme')).toBeNull();
    world.fake.releaseDeliveries('shuffle');
    await world.fake.waitForDeliveries();

    const deliveries = world.fake.deliveries();
    expect(deliveries.length).toBeGreaterThan(10);
    expect(deliveries.every((delivery) => delivery.attempts.every((attempt) => attempt.status === 200))).toBe(
      true,
    );
    expect(await world.store.license('org_acme')).toMatchObject({
      status: 'active',
      seatLimit: 7,
      plan: 'team',
    });
    expect(world.clerkFake.organization('org_acme')).toEqual({ license: { status: 'active' } });
  });

  it('a forged or stale delivery is answered 400 and changes nothing', async () => {
    const before = await world.store.license('org_acme');
    const customer = (await world.store.customerOf('org_acme')) as string;
    const event = createStripeEvent('customer.subscription.deleted', { customer, object: 'subscription' });
    const forged = await createStripeWebhookRequest(event, { secret: createWebhookSecret() });
    expect((await world.handler.POST(forged)).status).toBe(400);
    const stale = await createStripeWebhookRequest(event, {
      secret: world.secret,
      timestamp: new Date(Date.now() - 3600_000),
    });
    expect((await world.handler.POST(stale)).status).toBe(400);
    expect(await world.store.license('org_acme')).toEqual(before);
  });

  it('an event for a customer no organization has is acknowledged, logged, and grants no seats', async () => {
    const stranger = await world.stripe.customers.create({ email: 'someone@elsewhere.test' });
    await world.stripe.subscriptions.create({
      customer: stranger.id,
      items: [{ price: world.prices.team.id, quantity: 40 }],
      trial_period_days: 7,
    });
    await world.fake.waitForDeliveries();
    const forStranger = world.fake
      .deliveries()
      .filter((delivery) => (delivery.event.data.object as { customer?: string }).customer === stranger.id);
    expect(forStranger.length).toBeGreaterThan(0);
    expect(forStranger.every((delivery) => delivery.attempts.at(-1)?.status === 200)).toBe(true);
    expect(world.warnings.some((warning) => warning.includes(stranger.id))).toBe(true);
    expect(await world.store.organizationOf(stranger.id)).toBeNull();
  });

  it('a subscription to a price that is not a plan licenses nothing', async () => {
    const customer = await world.licensing.ensureCustomer('org_globex');
    await world.stripe.subscriptions.create({
      customer,
      items: [{ price: world.prices.unrelated.id, quantity: 30 }],
      trial_period_days: 7,
    });
    await world.fake.waitForDeliveries();
    expect(await world.store.license('org_globex')).toMatchObject({ status: 'none', seatLimit: 0 });
    expect(world.clerkFake.organization('org_globex')).toEqual({ license: { status: 'none' } });
  });

  it('with the database down, the delivery answers 500; Stripe’s retry repairs the license', async () => {
    await world.buySeats('org_initech', { plan: 'team', seats: 3 });
    const subscription = await world.subscriptionOf('org_initech');
    await world.db.$client.exec('ALTER TABLE licensing_licenses RENAME TO licensing_licenses_away');
    await world.stripe.subscriptions.update(subscription?.id ?? '', {
      items: [{ id: subscription?.items.data[0]?.id ?? '', quantity: 6 }],
    });
    await world.fake.waitForDeliveries();
    const failed = world.fake.deliveries().filter((delivery) => delivery.attempts.at(-1)?.status === 500);
    expect(failed.length).toBeGreaterThan(0);
    await world.db.$client.exec('ALTER TABLE licensing_licenses_away RENAME TO licensing_licenses');
    expect((await world.store.license('org_initech'))?.seatLimit).toBe(3);
    await world.fake.advanceTime(3 * 3600);
    expect((await world.store.license('org_initech'))?.seatLimit).toBe(6);
  });

  it('a trial licenses; a failed first charge keeps seats through the grace period, then the claims stop', async () => {
    // This card sets up fine and declines every charge: the trial starts, its first invoice fails.
    await world.buySeats('org_umbrella', { plan: 'starter', seats: 2 }, '4000000000000341');
    expect(await world.store.license('org_umbrella')).toMatchObject({ status: 'trialing', seatLimit: 2 });
    await world.licensing.assignSeat('org_umbrella', { userId: 'user_alice' });
    expect(isLicensed(world.clerkFake.claimsOf('org_umbrella', 'user_alice'))).toBe(true);
    await world.fake.advanceTime(15 * 86_400);
    const license = await world.store.license('org_umbrella');
    expect(license?.status).toBe('past_due');
    const claims = world.clerkFake.claimsOf('org_umbrella', 'user_alice');
    expect(claims.licensing.license).toMatchObject({ status: 'past_due', graceEndsAt: expect.any(Number) });
    const graceEndsAt = (claims.licensing.license as { graceEndsAt: number }).graceEndsAt * 1000;
    expect(isLicensed(claims, graceEndsAt - 1000)).toBe(true);
    expect(isLicensed(claims, graceEndsAt + 1000)).toBe(false);
  });

  it('organization.deleted cancels the live subscription in Stripe and frees every seat', async () => {
    await world.buySeats('org_hooli', { plan: 'team', seats: 2 });
    await world.licensing.assignSeat('org_hooli', { userId: 'user_bob' });
    await world.licensing.clerkCallbacks.onOrganizationDeleted({ id: 'org_hooli' }, {});
    await world.fake.waitForDeliveries();
    const subscription = await world.subscriptionOf('org_hooli');
    expect(subscription?.status).toBe('canceled');
    expect(await world.licensing.overview('org_hooli')).toMatchObject({ seats: [], active: false });
  });
});
