import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { TestingError } from '../errors';
import { createWebhookSecret } from '../webhook-secret';
import { createStripeEvent, createStripeSubscription } from './stripe-events';
import { createStripeWebhookRequest } from './stripe-webhook';

const secret = createWebhookSecret();
const cryptoProvider = Stripe.createSubtleCryptoProvider();

async function construct(request: Request, withSecret = secret) {
  return Stripe.webhooks.constructEventAsync(
    await request.text(),
    request.headers.get('stripe-signature') ?? '',
    withSecret,
    undefined,
    cryptoProvider,
  );
}

describe('createStripeWebhookRequest', () => {
  it("is accepted by stripe's constructEventAsync, which returns the event", async () => {
    const subscription = createStripeSubscription({
      customer: 'cus_acme',
      quantity: 5,
      metadata: { orgId: 'org_acme' },
    });
    const event = createStripeEvent('customer.subscription.created', subscription);
    const constructed = await construct(await createStripeWebhookRequest(event, { secret }));
    expect(constructed.type).toBe('customer.subscription.created');
    expect(constructed.id).toBe(event.id);
    const object = constructed.data.object as Stripe.Subscription;
    expect(object.customer).toBe('cus_acme');
    expect(object.items.data[0]?.quantity).toBe(5);
    expect(object.metadata).toEqual({ orgId: 'org_acme' });
  });

  it('is refused by stripe when the body changes, the secret differs, or it is older than 300 s', async () => {
    const event = createStripeEvent(
      'customer.subscription.deleted',
      createStripeSubscription({ status: 'canceled' }),
    );
    const request = await createStripeWebhookRequest(event, { secret });
    const forged = new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: (await request.text()).replace('canceled', 'active'),
    });
    await expect(construct(forged)).rejects.toThrow(/signature/i);
    await expect(
      construct(await createStripeWebhookRequest(event, { secret }), createWebhookSecret()),
    ).rejects.toThrow();
    const old = await createStripeWebhookRequest(event, {
      secret,
      timestamp: new Date(Date.now() - 301_000),
    });
    await expect(construct(old)).rejects.toThrow(/tolerance/i);
  });

  it('invalid_webhook_secret: a secret that is not whsec_...', async () => {
    const error = await createStripeWebhookRequest({}, { secret: 'sk_test_123' }).catch(
      (caught: unknown) => caught,
    );
    expect(TestingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_webhook_secret' });
  });

  it('invalid_event: a body that is not JSON-serialisable', async () => {
    await expect(createStripeWebhookRequest(undefined as never, { secret })).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });
});

describe('Stripe payload builders', () => {
  it('builds a per-seat subscription with its period on the item', () => {
    const subscription = createStripeSubscription({ quantity: 3, unitAmount: 1500, created: 1_700_000_000 });
    expect(subscription).toMatchObject({
      object: 'subscription',
      status: 'active',
      cancel_at_period_end: false,
    });
    const [item] = subscription.items.data;
    expect(item).toMatchObject({
      object: 'subscription_item',
      quantity: 3,
      current_period_start: 1_700_000_000,
      current_period_end: 1_700_000_000 + 30 * 24 * 3600,
      price: { unit_amount: 1500, recurring: { usage_type: 'licensed' } },
    });
    expect(subscription.id).toMatch(/^sub_/);
  });

  it('wraps objects in an event with previous attributes for updates', () => {
    const event = createStripeEvent(
      'customer.subscription.updated',
      createStripeSubscription({ quantity: 4 }),
      {
        previousAttributes: { quantity: 3 },
      },
    );
    expect(event).toMatchObject({
      object: 'event',
      livemode: false,
      data: { previous_attributes: { quantity: 3 } },
    });
    expect(event.id).toMatch(/^evt_/);
  });
});
