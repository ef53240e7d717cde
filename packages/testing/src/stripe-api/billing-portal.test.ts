import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripeSetup, setupFakeStripe, submitForm } from './test-support/stripe-fake-setup';

let setup: FakeStripeSetup;
let subscription: Stripe.Subscription;
let customer: Stripe.Customer;

beforeEach(async () => {
  setup = await setupFakeStripe();
  customer = await setup.stripe.customers.create({
    email: 'owner@acme.test',
    payment_method: 'pm_card_visa',
  });
  const [method] = (await setup.stripe.customers.listPaymentMethods(customer.id)).data;
  subscription = await setup.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: setup.seatPrice.id, quantity: 3 }],
    default_payment_method: method?.id,
  });
  await setup.fake.waitForDeliveries();
  setup.receiver.events.length = 0;
});
afterEach(async () => {
  await setup.close();
});

async function portalUrl() {
  const session = await setup.stripe.billingPortal.sessions.create({
    customer: customer.id,
    return_url: 'http://app.test/licensing',
  });
  expect(session.url).toBe(`${setup.fake.url}/billing_portal/${session.id}`);
  return session.url;
}

describe('the billing portal page', () => {
  it('the owner raises seats from 3 to 7: customer.subscription.updated with the old items in previous_attributes', async () => {
    const url = await portalUrl();
    const page = await (await fetch(url)).text();
    expect(page).toContain('Seat');
    expect(page).toContain('href="http://app.test/licensing"');
    const response = await submitForm(url, {
      subscription: subscription.id,
      quantity: '7',
      action: 'update_quantity',
    });
    expect(response.status).toBe(303);
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types()).toEqual(['customer.subscription.updated']);
    const updated = setup.receiver.events[0] as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(updated.data.object.items.data[0]?.quantity).toBe(7);
    const previous = updated.data.previous_attributes as { items: Stripe.ApiList<Stripe.SubscriptionItem> };
    expect(previous.items.data[0]?.quantity).toBe(3);
    expect((await setup.stripe.subscriptions.retrieve(subscription.id)).items.data[0]?.quantity).toBe(7);
  });

  it('refuses fewer than one seat and changes nothing', async () => {
    const url = await portalUrl();
    const response = await submitForm(url, {
      subscription: subscription.id,
      quantity: '0',
      action: 'update_quantity',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Quantity must be at least 1.');
    expect((await setup.stripe.subscriptions.retrieve(subscription.id)).items.data[0]?.quantity).toBe(3);
  });

  it('cancel at period end, then "don\'t cancel", then the period ends and it is still active', async () => {
    const url = await portalUrl();
    await submitForm(url, { subscription: subscription.id, action: 'cancel' });
    const canceling = await setup.stripe.subscriptions.retrieve(subscription.id);
    expect(canceling).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: canceling.items.data[0]?.current_period_end,
    });
    expect(await (await fetch(url)).text()).toContain("Don't cancel");
    await submitForm(url, { subscription: subscription.id, action: 'renew' });
    expect((await setup.stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(false);
    await setup.fake.waitForDeliveries();
    const updates = setup.receiver.events as Stripe.CustomerSubscriptionUpdatedEvent[];
    expect(updates.map((event) => event.data.previous_attributes?.cancel_at_period_end)).toEqual([
      false,
      true,
    ]);
  });

  it('a portal cancel at period end ends the subscription when the clock passes the period end', async () => {
    await submitForm(await portalUrl(), { subscription: subscription.id, action: 'cancel' });
    await setup.fake.advanceTime(32 * 86_400);
    const ended = await setup.stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({
      status: 'canceled',
      cancellation_details: { reason: 'cancellation_requested' },
    });
    expect(setup.receiver.types()).toEqual([
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ]);
    expect((await setup.stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect(
      (await setup.stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data.map((s) => s.id),
    ).toEqual([subscription.id]);
  });
});
