import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeStripeSetup, setupFakeStripe } from './test-support/stripe-fake-setup';

let setup: FakeStripeSetup;
afterEach(async () => {
  await setup.close();
});

async function threeCustomers() {
  for (const email of ['a@acme.test', 'b@acme.test', 'c@acme.test'])
    await setup.stripe.customers.create({ email });
}

/** Deliveries of this test's events (the setup's price and product came first). */
function customerDeliveries() {
  return setup.fake.deliveries().filter((delivery) => delivery.event.type === 'customer.created');
}

function emails(events: readonly Stripe.Event[]) {
  return events.map((event) => (event.data.object as Stripe.Customer).email);
}

describe('webhook deliveries', () => {
  it('duplicate: every event arrives twice with the same id, both signed and verified', async () => {
    setup = await setupFakeStripe({ deliveries: { duplicate: true } });
    await setup.stripe.customers.create({ email: 'a@acme.test' });
    await setup.fake.waitForDeliveries();
    const ids = setup.receiver.events.map((event) => event.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(setup.receiver.rejected).toEqual([]);
    expect(customerDeliveries().filter((delivery) => delivery.duplicate)).toHaveLength(1);
  });

  it('hold and release in reverse: a later update arrives before the create', async () => {
    setup = await setupFakeStripe();
    setup.fake.holdDeliveries();
    await threeCustomers();
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.events).toEqual([]);
    expect(customerDeliveries().map((delivery) => delivery.state)).toEqual(['held', 'held', 'held']);
    setup.fake.releaseDeliveries('reverse');
    await setup.fake.waitForDeliveries();
    expect(emails(setup.receiver.events)).toEqual(['c@acme.test', 'b@acme.test', 'a@acme.test']);
  });

  it('reorder: the events of one request arrive in another order (seeded shuffle replays)', async () => {
    setup = await setupFakeStripe({ deliveries: { reorder: 'reverse' } });
    const customer = await setup.stripe.customers.create({
      email: 'a@acme.test',
      payment_method: 'pm_card_visa',
    });
    const [method] = (await setup.stripe.customers.listPaymentMethods(customer.id)).data;
    await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id }],
      default_payment_method: method?.id,
    });
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types().slice(-5)).toEqual([
      'invoice.payment_succeeded',
      'invoice.paid',
      'invoice.finalized',
      'invoice.created',
      'customer.subscription.created',
    ]);
    // A seeded shuffle gives the same order every run.
    const orders: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const shuffled = await setupFakeStripe({ deliveries: { reorder: 'shuffle', seed: 7 } });
      await shuffled.stripe.customers.create({ email: 'a@acme.test', payment_method: 'pm_card_visa' });
      await shuffled.fake.waitForDeliveries();
      orders.push(shuffled.receiver.types());
      await shuffled.close();
    }
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]?.sort()).toEqual(['customer.created', 'payment_method.attached']);
  });

  it('a failing endpoint is retried on the fake clock, with the same event, until it answers 2xx', async () => {
    setup = await setupFakeStripe({ deliveries: { retrySchedule: [3600, 7200] } });
    let failures = 2;
    setup.receiver.respondWith(() => (failures-- > 0 ? 500 : 200));
    await setup.stripe.customers.create({ email: 'a@acme.test' });
    await setup.fake.waitForDeliveries();
    const [delivery] = customerDeliveries();
    expect(delivery).toMatchObject({ state: 'retrying', attempts: [{ status: 500 }] });
    await setup.fake.advanceTime(3599);
    expect(delivery?.attempts).toHaveLength(1);
    await setup.fake.advanceTime(1);
    expect(delivery).toMatchObject({ state: 'retrying', attempts: [{ status: 500 }, { status: 500 }] });
    await setup.fake.advanceTime(7200);
    expect(delivery?.state).toBe('succeeded');
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect(setup.receiver.events).toHaveLength(1);
  });

  it('gives up after the last retry: failed', async () => {
    setup = await setupFakeStripe({ deliveries: { retrySchedule: [60] } });
    setup.receiver.respondWith(() => 503);
    await setup.stripe.customers.create({ email: 'a@acme.test' });
    await setup.fake.waitForDeliveries();
    await setup.fake.advanceTime(3600);
    expect(customerDeliveries()[0]).toMatchObject({ state: 'failed', nextAttemptAt: null });
  });

  it('delayMs: the API answers before the webhook arrives', async () => {
    setup = await setupFakeStripe({ deliveries: { delayMs: 150 } });
    await setup.stripe.customers.create({ email: 'a@acme.test' });
    expect(setup.receiver.events).toHaveLength(0);
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.events).toHaveLength(1);
  });
});
