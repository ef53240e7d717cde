import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripeSetup, setupFakeStripe } from './test-support/stripe-fake-setup';

const day = 86_400;
let setup: FakeStripeSetup;
beforeEach(async () => {
  setup = await setupFakeStripe({ startTime: new Date('2026-03-01T00:00:00Z') });
});
afterEach(async () => {
  await setup.close();
});

/** A customer whose default payment method is Stripe's named test card `card`. */
async function customerWith(card: string) {
  const customer = await setup.stripe.customers.create({ email: 'owner@acme.test', payment_method: card });
  const [method] = (await setup.stripe.customers.listPaymentMethods(customer.id)).data;
  await setup.stripe.customers.update(customer.id, {
    invoice_settings: { default_payment_method: method?.id },
  });
  return customer;
}

function statuses(events: readonly Stripe.Event[]) {
  return events
    .filter((event) => event.type.startsWith('customer.subscription.'))
    .map(
      (event) =>
        `${event.type.replace('customer.subscription.', '')}:${(event.data.object as Stripe.Subscription).status}`,
    );
}

describe('the test clock', () => {
  it('a 14-day trial: trial_will_end three days before, then the first invoice is paid and it turns active', async () => {
    const customer = await customerWith('pm_card_visa');
    const subscription = await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id, quantity: 4 }],
      trial_period_days: 14,
    });
    expect(subscription).toMatchObject({ status: 'trialing' });
    await setup.fake.waitForDeliveries();
    setup.receiver.events.length = 0;

    await setup.fake.advanceTime(11 * day);
    expect(setup.receiver.types()).toEqual(['customer.subscription.trial_will_end']);
    expect(setup.receiver.events[0]?.created).toBe((subscription.trial_end ?? 0) - 3 * day);

    await setup.fake.advanceTime(3 * day);
    expect(setup.receiver.types().slice(1)).toEqual([
      'customer.subscription.updated',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    const updated = setup.receiver.events[1] as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(updated.data.object.status).toBe('active');
    expect(updated.data.previous_attributes?.status).toBe('trialing');
    const paid = setup.receiver.events[4] as Stripe.InvoicePaidEvent;
    expect(paid.data.object).toMatchObject({ amount_paid: 4000, billing_reason: 'subscription_cycle' });
    expect(paid.request).toEqual({ id: null, idempotency_key: null });
    expect(setup.fake.now.toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });

  it('a trial without a payment method and missing_payment_method: pause is paused, then resumed once a card is added', async () => {
    const customer = await setup.stripe.customers.create({ email: 'trial@example.com' });
    const subscription = await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id }],
      trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: 'pause' } },
    });
    await setup.fake.advanceTime(8 * day);
    expect((await setup.stripe.subscriptions.retrieve(subscription.id)).status).toBe('paused');
    expect(statuses(setup.receiver.events)).toContain('paused:paused');
    await expect(setup.stripe.subscriptions.resume(subscription.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
    });

    const method = await setup.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await setup.stripe.subscriptions.update(subscription.id, { default_payment_method: method.id });
    const resumed = await setup.stripe.subscriptions.resume(subscription.id);
    expect(resumed.status).toBe('active');
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types()).toContain('customer.subscription.resumed');
  });

  it('renewals are paid month after month with the default card', async () => {
    const customer = await customerWith('pm_card_visa');
    const subscription = await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id, quantity: 2 }],
    });
    const firstEnd = subscription.items.data[0]?.current_period_end ?? 0;
    expect(new Date(firstEnd * 1000).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    await setup.fake.advanceTime(61 * day);
    const renewed = await setup.stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.status).toBe('active');
    expect(new Date((renewed.items.data[0]?.current_period_end ?? 0) * 1000).toISOString()).toBe(
      '2026-06-01T00:00:00.000Z',
    );
    const invoices = await setup.stripe.invoices.list({ subscription: subscription.id });
    expect(
      invoices.data.map((invoice) => [invoice.billing_reason, invoice.status, invoice.amount_paid]),
    ).toEqual([
      ['subscription_cycle', 'paid', 2000],
      ['subscription_cycle', 'paid', 2000],
      ['subscription_create', 'paid', 2000],
    ]);
  });

  it('a renewal that fails (4000 0000 0000 0341): past_due, retries on schedule, then canceled', async () => {
    const customer = await customerWith('pm_card_chargeCustomerFail');
    // The card attaches, but charges fail: the first invoice leaves the subscription incomplete…
    const incomplete = await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id }],
    });
    expect(incomplete.status).toBe('incomplete');
    // …so start with a trial, whose end is the first charge.
    const subscription = await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id }],
      trial_period_days: 3,
    });
    await setup.fake.waitForDeliveries();
    setup.receiver.events.length = 0;
    await setup.fake.advanceTime(3 * day);
    expect((await setup.stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');
    const failed = setup.receiver.events.find(
      (event) => event.type === 'invoice.payment_failed',
    ) as Stripe.InvoicePaymentFailedEvent;
    expect(failed.data.object).toMatchObject({
      status: 'open',
      attempt_count: 1,
      next_payment_attempt: setup.fake.now.getTime() / 1000 + 3 * day,
    });

    await setup.fake.advanceTime(30 * day);
    const events = setup.receiver.events.filter((event) => event.type === 'invoice.payment_failed');
    expect(events.map((event) => (event.data.object as Stripe.Invoice).attempt_count)).toEqual([1, 2, 3, 4]);
    expect(statuses(setup.receiver.events)).toEqual([
      'updated:active',
      'updated:past_due',
      'deleted:canceled',
    ]);
    const ended = await setup.stripe.subscriptions.retrieve(subscription.id);
    expect(ended.cancellation_details?.reason).toBe('payment_failed');
  });

  it('a failed renewal recovers when the customer pays the open invoice with a new card', async () => {
    const customer = await customerWith('pm_card_chargeCustomerFail');
    const subscription = await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id }],
      trial_period_days: 1,
    });
    await setup.fake.advanceTime(day);
    const invoice = await setup.stripe.invoices.retrieve(String(subscription.latest_invoice));
    const open = (await setup.stripe.invoices.list({ subscription: subscription.id, status: 'open' }))
      .data[0];
    expect(open?.id).not.toBe(invoice.id);
    await expect(setup.stripe.invoices.pay(open?.id ?? '')).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
    });
    const method = await setup.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await setup.stripe.invoices.pay(open?.id ?? '', { payment_method: method.id });
    expect(paid.status).toBe('paid');
    expect((await setup.stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });
});
