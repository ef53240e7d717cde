import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { TestingError } from '../errors';
import { createWebhookSecret } from '../webhook-secret';
import { createStripeFake } from './stripe-fake';

// In process: the SDK's fetch client calls fake.handle, and deliveries go to a handler function, so this
// file runs under Node and the edge runtime alike.
function setup() {
  const secret = createWebhookSecret();
  const received: Stripe.Event[] = [];
  const cryptoProvider = Stripe.createSubtleCryptoProvider();
  const fake = createStripeFake({
    webhookEndpoints: [{ url: 'http://app.test/api/webhooks/stripe', secret }],
    fetch: async (request) => {
      const event = await Stripe.webhooks.constructEventAsync(
        await request.text(),
        request.headers.get('stripe-signature') ?? '',
        secret,
        undefined,
        cryptoProvider,
      );
      received.push(event);
      return new Response(null, { status: 200 });
    },
  });
  const stripe = new Stripe('sk_test_in_process', fake.stripeOptions);
  return { fake, stripe, received };
}

describe('the Stripe fake in process (no socket)', () => {
  it('keeps a customer between calls, updates its metadata, finds it by email, and deletes it', async () => {
    const { fake, stripe, received } = setup();
    const acme = await stripe.customers.create({
      email: 'billing@acme.test',
      name: 'Acme',
      metadata: { clerkOrgId: 'org_acme' },
    });
    await stripe.customers.create({ email: 'someone@else.test' });
    expect((await stripe.customers.retrieve(acme.id)) as Stripe.Customer).toMatchObject({
      email: 'billing@acme.test',
      metadata: { clerkOrgId: 'org_acme' },
    });

    const updated = await stripe.customers.update(acme.id, { metadata: { plan: 'team', clerkOrgId: '' } });
    expect(updated.metadata).toEqual({ plan: 'team' });

    const byEmail = await stripe.customers.list({ email: 'billing@acme.test' });
    expect(byEmail.data.map((customer) => customer.id)).toEqual([acme.id]);
    const searched = await stripe.customers.search({ query: "metadata['plan']:'team'" });
    expect(searched.data.map((customer) => customer.id)).toEqual([acme.id]);

    expect(await stripe.customers.del(acme.id)).toEqual({ id: acme.id, object: 'customer', deleted: true });
    expect(await stripe.customers.retrieve(acme.id)).toMatchObject({ deleted: true });

    await fake.waitForDeliveries();
    expect(received.map((event) => event.type)).toEqual([
      'customer.created',
      'customer.created',
      'customer.updated',
      'customer.deleted',
    ]);
    const update = received[2] as Stripe.CustomerUpdatedEvent;
    expect(update.data.previous_attributes).toEqual({ metadata: { clerkOrgId: 'org_acme' } });
    expect(update.request?.id).toMatch(/^req_/);
    expect(fake.customers.has(acme.id)).toBe(false);
  });

  it('lists events through the API, newest first, filtered by type, with auto-pagination', async () => {
    const { stripe } = setup();
    for (let index = 0; index < 12; index += 1)
      await stripe.customers.create({ email: `user${index}@example.com` });
    const page = await stripe.events.list({ type: 'customer.*', limit: 5 });
    expect(page.data).toHaveLength(5);
    expect(page.has_more).toBe(true);
    const all = await stripe.events.list({ type: 'customer.created' }).autoPagingToArray({ limit: 100 });
    expect(all).toHaveLength(12);
    expect(((all[0] as Stripe.Event).data.object as Stripe.Customer).email).toBe('user11@example.com');
  });

  it('prices with lookup keys, expanded products', async () => {
    const { stripe } = setup();
    const price = await stripe.prices.create({
      currency: 'usd',
      unit_amount: 1200,
      recurring: { interval: 'month' },
      lookup_key: 'seat_monthly',
      product_data: { name: 'Seat' },
    });
    const found = await stripe.prices.list({ lookup_keys: ['seat_monthly'], expand: ['data.product'] });
    expect(found.data[0]?.id).toBe(price.id);
    expect(((found.data[0] as Stripe.Price).product as Stripe.Product).name).toBe('Seat');
    expect(found.data[0]?.unit_amount_decimal?.toString()).toBe('1200');
  });

  it('invalid_stripe_fake_options: options it cannot use, and a clock asked to go back', async () => {
    expect(() =>
      createStripeFake({ webhookEndpoints: [{ url: 'not a url', secret: createWebhookSecret() }] }),
    ).toThrow(expect.objectContaining({ code: 'invalid_stripe_fake_options' }));
    expect(() =>
      createStripeFake({ webhookEndpoints: [{ url: 'http://app.test', secret: 'nope' }] }),
    ).toThrow(expect.objectContaining({ code: 'invalid_webhook_secret' }));
    const error = await setup()
      .fake.advanceTime(-1)
      .catch((caught: unknown) => caught);
    expect(TestingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_stripe_fake_options' });
  });
});
