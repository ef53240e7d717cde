import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripeSetup, setupFakeStripe, submitForm } from './test-support/stripe-fake-setup';

let setup: FakeStripeSetup;
beforeEach(async () => {
  setup = await setupFakeStripe();
});
afterEach(async () => {
  await setup.close();
});

async function subscriptionCheckout(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  const customer = await setup.stripe.customers.create({
    email: 'owner@acme.test',
    metadata: { clerkOrgId: 'org_acme' },
  });
  const session = await setup.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    client_reference_id: 'org_acme',
    line_items: [
      { price: setup.seatPrice.id, quantity: 3, adjustable_quantity: { enabled: true, minimum: 1 } },
    ],
    success_url: 'http://app.test/licensing?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://app.test/licensing?canceled=1',
    ...extra,
  });
  return { customer, session };
}

function lineField(html: string): string {
  const name = /name="(quantity_li_[^"]+)"/.exec(html)?.[1];
  if (!name) throw new Error('no adjustable quantity on the page');
  return name;
}

describe('Checkout in subscription mode, through the hosted page', () => {
  it('Acme pays for 5 seats: redirect to success_url with the session id, active subscription, verified events', async () => {
    const { customer, session } = await subscriptionCheckout();
    expect(session.url).toBe(`${setup.fake.url}/checkout/${session.id}`);
    const html = await (await fetch(session.url ?? '')).text();
    expect(html).toContain('Seat');
    const response = await submitForm(session.url ?? '', {
      cardNumber: '4242 4242 4242 4242',
      [lineField(html)]: '5',
      action: 'pay',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`http://app.test/licensing?session_id=${session.id}`);

    const completed = await setup.stripe.checkout.sessions.retrieve(session.id, {
      expand: ['subscription', 'line_items'],
    });
    expect(completed).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      customer: customer.id,
      amount_total: 5000,
    });
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription).toMatchObject({ status: 'active', customer: customer.id });
    expect(subscription.items.data[0]?.quantity).toBe(5);
    expect(completed.line_items?.data[0]?.quantity).toBe(5);

    await setup.fake.waitForDeliveries();
    expect(setup.receiver.rejected).toEqual([]);
    expect(setup.receiver.types()).toEqual([
      'customer.created',
      'payment_method.attached',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'checkout.session.completed',
    ]);
    const done = setup.receiver.events.at(-1) as Stripe.CheckoutSessionCompletedEvent;
    expect(done.data.object).toMatchObject({
      client_reference_id: 'org_acme',
      subscription: subscription.id,
    });
    expect(done.request).toEqual({ id: null, idempotency_key: null });
    const paid = setup.receiver.events.find(
      (event) => event.type === 'invoice.paid',
    ) as Stripe.InvoicePaidEvent;
    expect(paid.data.object).toMatchObject({
      amount_paid: 5000,
      billing_reason: 'subscription_create',
      status: 'paid',
    });
    expect(paid.data.object.parent?.subscription_details?.subscription).toBe(subscription.id);
  });

  it('without a customer, Checkout creates one from the email typed on the page, and a trial costs nothing now', async () => {
    const session = await setup.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: setup.seatPrice.id, quantity: 1 }],
      subscription_data: { trial_period_days: 14, metadata: { clerkUserId: 'user_ada' } },
      success_url: 'http://app.test/welcome',
    });
    const response = await submitForm(session.url ?? '', {
      cardNumber: '4242424242424242',
      email: 'ada@example.com',
      action: 'pay',
    });
    expect(response.headers.get('location')).toBe('http://app.test/welcome');
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types().slice(0, 3)).toEqual([
      'customer.created',
      'payment_method.attached',
      'customer.subscription.created',
    ]);
    const created = setup.receiver.events[2] as Stripe.CustomerSubscriptionCreatedEvent;
    expect(created.data.object).toMatchObject({ status: 'trialing', metadata: { clerkUserId: 'user_ada' } });
    expect(created.data.object.trial_end).toBe((created.data.object.trial_start ?? 0) + 14 * 86_400);
    const completed = await setup.stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ payment_status: 'no_payment_required', amount_total: 0 });
    expect(setup.fake.customers.get(String(completed.customer))?.email).toBe('ada@example.com');
  });

  it('Cancel goes back to cancel_url and changes nothing', async () => {
    const { session } = await subscriptionCheckout();
    const response = await submitForm(session.url ?? '', { action: 'cancel' });
    expect(response.headers.get('location')).toBe('http://app.test/licensing?canceled=1');
    expect((await setup.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect(setup.fake.subscriptions.size).toBe(0);
  });

  it('a declined card (4000 0000 0000 0002) stays on the page with the decline; nothing is created', async () => {
    const { session } = await subscriptionCheckout();
    const response = await submitForm(session.url ?? '', { cardNumber: '4000000000000002', action: 'pay' });
    expect(response.status).toBe(402);
    expect(await response.text()).toContain('Your card was declined.');
    expect(setup.fake.subscriptions.size).toBe(0);
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types()).toEqual(['customer.created']);
  });

  it('a 3D Secure card (4000 0025 0000 3155) asks to complete authentication; failing it declines, completing it pays', async () => {
    const { session } = await subscriptionCheckout();
    const challenge = await submitForm(session.url ?? '', { cardNumber: '4000002500003155', action: 'pay' });
    expect(await challenge.text()).toContain('Complete authentication');
    const failed = await submitForm(`${session.url}/authenticate`, {
      cardNumber: '4000002500003155',
      action: 'fail',
    });
    expect(await failed.text()).toContain('unable to authenticate');
    expect(setup.fake.subscriptions.size).toBe(0);
    const passed = await submitForm(`${session.url}/authenticate`, {
      cardNumber: '4000002500003155',
      action: 'complete',
    });
    expect(passed.status).toBe(303);
    const [subscription] = setup.fake.subscriptions.values();
    expect(subscription?.status).toBe('active');
  });

  it('refuses what Stripe refuses: an unknown price, quantity 0, no quantity', async () => {
    const create = (lineItems: Stripe.Checkout.SessionCreateParams.LineItem[]) =>
      setup.stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: lineItems,
        success_url: 'http://app.test',
      });
    await expect(create([{ price: 'price_missing', quantity: 1 }])).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      param: 'line_items[0][price]',
      message: "No such price: 'price_missing'",
    });
    await expect(create([{ price: setup.seatPrice.id, quantity: 0 }])).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_invalid_integer',
      param: 'line_items[0][quantity]',
      message: 'This value must be greater than or equal to 1.',
    });
    await expect(create([{ price: setup.seatPrice.id }])).rejects.toMatchObject({ param: 'line_items[0]' });
  });
});

describe('Checkout in setup mode', () => {
  it('saves a card for the customer: a succeeded SetupIntent, the card attached, checkout.session.completed', async () => {
    const customer = await setup.stripe.customers.create({ email: 'ada@example.com' });
    const session = await setup.stripe.checkout.sessions.create({
      mode: 'setup',
      customer: customer.id,
      currency: 'usd',
      success_url: 'http://app.test/card-saved?session_id={CHECKOUT_SESSION_ID}',
    });
    const response = await submitForm(session.url ?? '', { cardNumber: '4242424242424242', action: 'pay' });
    expect(response.headers.get('location')).toBe(`http://app.test/card-saved?session_id=${session.id}`);
    const completed = await setup.stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    const intent = completed.setup_intent as Stripe.SetupIntent;
    expect(intent.status).toBe('succeeded');
    const methods = await setup.stripe.customers.listPaymentMethods(customer.id);
    expect(methods.data.map((method) => method.id)).toEqual([intent.payment_method]);
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types()).toEqual([
      'customer.created',
      'payment_method.attached',
      'setup_intent.created',
      'setup_intent.succeeded',
      'checkout.session.completed',
    ]);
  });
});
