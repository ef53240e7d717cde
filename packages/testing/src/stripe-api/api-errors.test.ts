import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripeSetup, setupFakeStripe } from './test-support/stripe-fake-setup';

let setup: FakeStripeSetup;
beforeEach(async () => {
  setup = await setupFakeStripe();
});
afterEach(async () => {
  await setup.close();
});

describe('idempotency keys, with Stripe replay semantics', () => {
  it('the same key and parameters replay the first answer (idempotent-replayed), creating one customer and one event', async () => {
    const params = { email: 'owner@acme.test', metadata: { clerkOrgId: 'org_acme' } };
    const first = await setup.stripe.customers.create(params, { idempotencyKey: 'clerk:msg_1:customer' });
    const again = await setup.stripe.customers.create(params, { idempotencyKey: 'clerk:msg_1:customer' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(setup.fake.customers.size).toBe(1);
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types()).toEqual(['customer.created']);
    expect(setup.receiver.events[0]?.request?.idempotency_key).toBe('clerk:msg_1:customer');
  });

  it('the same key with other parameters is refused: 400 idempotency_error, StripeIdempotencyError', async () => {
    await setup.stripe.customers.create({ email: 'a@acme.test' }, { idempotencyKey: 'key-1' });
    const error = await setup.stripe.customers
      .create({ email: 'b@acme.test' }, { idempotencyKey: 'key-1' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({
      statusCode: 400,
      type: 'StripeIdempotencyError',
      rawType: 'idempotency_error',
    });
    expect(setup.fake.customers.size).toBe(1);
  });

  it('a card decline is saved and replayed too; a validation error is not saved', async () => {
    const customer = await setup.stripe.customers.create({ email: 'a@acme.test' });
    const attach = () =>
      setup.stripe.paymentMethods.attach(
        'pm_card_visa_chargeDeclined',
        { customer: customer.id },
        { idempotencyKey: 'attach-1' },
      );
    await expect(attach()).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    const replayed = (await attach().catch((caught: unknown) => caught)) as Stripe.errors.StripeError;
    expect(replayed.headers?.['idempotent-replayed']).toBe('true');
    const bad = () =>
      setup.stripe.subscriptions.create(
        { customer: 'cus_missing', items: [{ price: setup.seatPrice.id }] },
        { idempotencyKey: 'sub-1' },
      );
    await expect(bad()).rejects.toMatchObject({ code: 'resource_missing' });
    const retried = (await bad().catch((caught: unknown) => caught)) as Stripe.errors.StripeError;
    expect(retried.headers?.['idempotent-replayed']).toBeUndefined();
  });
});

describe("errors in Stripe shape, thrown as the SDK's own classes", () => {
  it('an unknown price, a missing customer, a negative quantity: StripeInvalidRequestError with code and param', async () => {
    const customer = await setup.stripe.customers.create({
      email: 'a@acme.test',
      payment_method: 'pm_card_visa',
    });
    await expect(
      setup.stripe.subscriptions.create({ customer: customer.id, items: [{ price: 'price_nope' }] }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'resource_missing',
      param: 'items[0][price]',
      message: "No such price: 'price_nope'",
    });
    await expect(
      setup.stripe.subscriptions.create({ customer: 'cus_nope', items: [{ price: setup.seatPrice.id }] }),
    ).rejects.toMatchObject({
      code: 'resource_missing',
      param: 'customer',
    });
    await expect(setup.stripe.customers.retrieve('cus_nope')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    await expect(
      setup.stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: setup.seatPrice.id, quantity: -1 }],
      }),
    ).rejects.toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'items[0][quantity]',
    });
  });

  it('no payment method on a subscription without a trial is refused; error_if_incomplete with a declining card is a StripeCardError', async () => {
    const bare = await setup.stripe.customers.create({ email: 'bare@acme.test' });
    await expect(
      setup.stripe.subscriptions.create({ customer: bare.id, items: [{ price: setup.seatPrice.id }] }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      message: expect.stringContaining('no attached payment source or default payment method'),
    });
    const method = await setup.stripe.paymentMethods.create({
      type: 'card',
      card: { token: 'tok_chargeCustomerFail' },
    });
    await setup.stripe.paymentMethods.attach(method.id, { customer: bare.id });
    const error = await setup.stripe.subscriptions
      .create({
        customer: bare.id,
        items: [{ price: setup.seatPrice.id }],
        default_payment_method: method.id,
        payment_behavior: 'error_if_incomplete',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect(setup.fake.subscriptions.size).toBe(0);
  });

  it('a declined card cannot be attached or set up: StripeCardError, and setup_intent.setup_failed is sent', async () => {
    const customer = await setup.stripe.customers.create({ email: 'a@acme.test' });
    await expect(
      setup.stripe.paymentMethods.attach('pm_card_visa_chargeDeclined', { customer: customer.id }),
    ).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
    });
    const intent = await setup.stripe.setupIntents.create({ customer: customer.id });
    await expect(
      setup.stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_visa_chargeDeclined' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((await setup.stripe.setupIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
    await setup.fake.waitForDeliveries();
    expect(setup.receiver.types()).toContain('setup_intent.setup_failed');
  });

  it('a 3D Secure card on a SetupIntent needs the authentication page, then succeeds', async () => {
    const customer = await setup.stripe.customers.create({ email: 'a@acme.test' });
    const intent = await setup.stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
      return_url: 'http://app.test/card-done',
    });
    expect(intent.status).toBe('requires_action');
    const next = intent.next_action?.redirect_to_url;
    const response = await fetch(next?.url ?? '', {
      method: 'POST',
      body: new URLSearchParams({ action: 'complete' }),
      redirect: 'manual',
    });
    expect(response.headers.get('location')).toBe(
      `http://app.test/card-done?setup_intent=${intent.id}&redirect_status=succeeded`,
    );
    expect((await setup.stripe.setupIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('a key that is not a test secret key is a StripeAuthenticationError; an endpoint the fake lacks is a 404', async () => {
    const anonymous = new Stripe('pk_test_public', setup.fake.stripeOptions);
    await expect(anonymous.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(setup.stripe.charges.list()).rejects.toMatchObject({
      statusCode: 404,
      message: expect.stringContaining('Unrecognized request URL'),
    });
  });
});

describe('expand', () => {
  it('expands what SDK users expand: data.items.data.price.product, latest_invoice, customer', async () => {
    const customer = await setup.stripe.customers.create({
      email: 'a@acme.test',
      payment_method: 'pm_card_visa',
    });
    const [method] = (await setup.stripe.customers.listPaymentMethods(customer.id)).data;
    await setup.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: setup.seatPrice.id, quantity: 2 }],
      default_payment_method: method?.id,
    });
    const list = await setup.stripe.subscriptions.list({
      customer: customer.id,
      status: 'all',
      expand: ['data.items.data.price.product', 'data.latest_invoice', 'data.customer'],
    });
    const subscription = list.data[0] as Stripe.Subscription;
    expect(
      ((subscription.items.data[0] as Stripe.SubscriptionItem).price.product as Stripe.Product).name,
    ).toBe('Seat');
    expect((subscription.latest_invoice as Stripe.Invoice).status).toBe('paid');
    expect((subscription.customer as Stripe.Customer).email).toBe('a@acme.test');
    await expect(setup.stripe.subscriptions.list({ expand: ['data.nothing'] })).rejects.toMatchObject({
      param: 'expand',
    });
    await expect(setup.stripe.customers.retrieve(customer.id, { expand: ['nothing'] })).rejects.toMatchObject(
      { param: 'expand' },
    );
  });
});
