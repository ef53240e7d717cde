import { createWebhookSecret } from '@clerkship/testing';
import {
  createStripeEvent,
  createStripeSubscription,
  createStripeWebhookRequest,
} from '@clerkship/testing/stripe';
import Stripe from 'stripe';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { WebhooksHandlerError } from '../errors';
import { createStripeWebhooksHandler } from './create-stripe-webhooks-handler';

// An assertion that fails mid-test must not leave its environment to the tests after it.
afterEach(() => {
  vi.unstubAllEnvs();
});

const secret = createWebhookSecret();

async function signedHeader(body: string, at = new Date(), key = secret) {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload: body,
    secret: key,
    timestamp: Math.floor(at.getTime() / 1000),
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}

function stripeRequest(body: string, signature?: string): Request {
  return new Request('http://localhost/api/webhooks/stripe', {
    method: 'POST',
    headers: signature === undefined ? {} : { 'stripe-signature': signature },
    body,
  });
}

/** Status and JSON body; a plain success has no body. */
async function json(response: Response) {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("the guide's license count, from Stripe's subscription events", () => {
  it('sets the seats bought when the subscription is created', async () => {
    const licenses = new Map<string, number>();
    const handler = createStripeWebhooksHandler({
      secret,
      on: {
        'customer.subscription.created': async (subscription, { event }) => {
          expectTypeOf(subscription).toEqualTypeOf<Stripe.Subscription>();
          expectTypeOf(event.type).toEqualTypeOf<'customer.subscription.created'>();
          licenses.set(subscription.customer as string, subscription.items.data[0]?.quantity ?? 0);
        },
      },
    });
    const subscription = createStripeSubscription({ customer: 'cus_acme', quantity: 5 });
    const event = createStripeEvent('customer.subscription.created', subscription, { id: 'evt_seats' });
    const response = await handler.POST(await createStripeWebhookRequest(event, { secret }));
    expect([response.status, await response.text()]).toEqual([200, '']);
    expect(licenses.get('cus_acme')).toBe(5);
  });

  it('runs a redelivered event once (dedupe on event.id), even 20 at once', async () => {
    let runs = 0;
    const handler = createStripeWebhooksHandler({
      secret,
      on: {
        'customer.subscription.updated': async () => {
          runs++;
          await new Promise((resolve) => setTimeout(resolve, 10));
        },
      },
    });
    const event = createStripeEvent(
      'customer.subscription.updated',
      createStripeSubscription({ quantity: 7 }),
    );
    const body = JSON.stringify(event);
    const signature = await signedHeader(body);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => handler.POST(stripeRequest(body, signature)).then(json)),
    );
    expect(runs).toBe(1);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(responses.filter((response) => response.body?.duplicate)).toHaveLength(19);
  });

  it('a callback that throws answers 500, and the retry runs it', async () => {
    let attempt = 0;
    const handler = createStripeWebhooksHandler({
      secret,
      onError: () => {},
      on: {
        'invoice.paid': () => {
          attempt++;
          if (attempt === 1) throw new Error('database down');
        },
      },
    });
    const event = createStripeEvent('invoice.paid', { object: 'invoice', id: 'in_1' });
    const first = await handler.POST(await createStripeWebhookRequest(event, { secret }));
    expect(await json(first)).toMatchObject({ status: 500, body: { error: 'callback_failed' } });
    expect((await handler.POST(await createStripeWebhookRequest(event, { secret }))).status).toBe(200);
    expect(attempt).toBe(2);
  });
});

describe('events and secrets', () => {
  it('acknowledges events nobody handles with a note, and onEvent sees them all', async () => {
    const seen: string[] = [];
    const handler = createStripeWebhooksHandler({ secret, onEvent: (event) => void seen.push(event.type) });
    const quiet = createStripeWebhooksHandler({ secret });
    const event = createStripeEvent('customer.created', { object: 'customer', id: 'cus_1' }, { id: 'evt_c' });
    expect((await handler.POST(await createStripeWebhookRequest(event, { secret }))).status).toBe(200);
    expect(seen).toEqual(['customer.created']);
    expect(
      (await json(await quiet.POST(await createStripeWebhookRequest(event, { secret })))).body,
    ).toMatchObject({
      handled: false,
      note: "No callback handles customer.created. Add on['customer.created'], or remove the event from the endpoint in the Stripe Dashboard.",
    });
  });

  it('reads STRIPE_WEBHOOK_SECRET, and accepts either secret while rolling', async () => {
    const next = createWebhookSecret();
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', secret);
    const fromEnvironment = createStripeWebhooksHandler({ on: { 'customer.created': () => {} } });
    const rolling = createStripeWebhooksHandler({
      secret: [secret, next],
      on: { 'customer.created': () => {} },
    });
    const event = () => createStripeEvent('customer.created', { object: 'customer', id: 'cus_1' });
    expect((await fromEnvironment.POST(await createStripeWebhookRequest(event(), { secret }))).status).toBe(
      200,
    );
    const emptyOption = createStripeWebhooksHandler({ secret: '', on: { 'customer.created': () => {} } });
    expect((await emptyOption.POST(await createStripeWebhookRequest(event(), { secret }))).status).toBe(200);
    for (const key of [secret, next]) {
      expect((await rolling.POST(await createStripeWebhookRequest(event(), { secret: key }))).status).toBe(
        200,
      );
    }
  });

  it('answers 500 without a secret, and refuses a malformed one at creation', async () => {
    vi.stubEnv('STRIPE_WEBHOOK_SECRET', '');
    const errors: unknown[] = [];
    const handler = createStripeWebhooksHandler({ onError: (error) => errors.push(error) });
    const event = createStripeEvent('customer.created', { object: 'customer', id: 'cus_1' });
    expect(
      (await json(await handler.POST(await createStripeWebhookRequest(event, { secret })))).body.error,
    ).toBe('missing_secret');
    expect(WebhooksHandlerError.isInstance(errors[0])).toBe(true);
    expect(() => createStripeWebhooksHandler({ secret: 'sk_test_123' })).toThrowError(/whsec_/);
    expect(() => createStripeWebhooksHandler({ secret, on: { 'invoice.paid': 1 as never } })).toThrowError(
      /on\['invoice.paid'\]/,
    );
    expect(() => createStripeWebhooksHandler({ secret, onInvoicePaid: () => {} } as never)).toThrowError(
      /Stripe callbacks go in `on`/,
    );
  });
});

describe('bad input gets the documented answer and runs nothing', () => {
  const ran = vi.fn();
  const handler = createStripeWebhooksHandler({ secret, on: { 'customer.created': ran }, onEvent: ran });
  const body = JSON.stringify(createStripeEvent('customer.created', { object: 'customer', id: 'cus_1' }));

  async function expectRefused(request: Request, status: number, error: string) {
    const response = await handler.POST(request);
    const text = await response.text();
    expect({ status: response.status, error: JSON.parse(text).error }).toEqual({ status, error });
    expect(text).not.toContain(secret);
    expect(ran).not.toHaveBeenCalled();
  }

  it('no stripe-signature: 400', async () => {
    await expectRefused(stripeRequest(body), 400, 'missing_header');
  });

  it('a signature header without t=: 400', async () => {
    await expectRefused(stripeRequest(body, 'v1=abc'), 400, 'invalid_timestamp');
  });

  it('the wrong secret: 400', async () => {
    await expectRefused(
      stripeRequest(body, await signedHeader(body, new Date(), createWebhookSecret())),
      400,
      'invalid_signature',
    );
  });

  it('a signature for another body: 400', async () => {
    await expectRefused(
      stripeRequest(body.replace('cus_1', 'cus_2'), await signedHeader(body)),
      400,
      'invalid_signature',
    );
  });

  it('a header of junk entries: 400', async () => {
    const t = Math.floor(Date.now() / 1000);
    await expectRefused(stripeRequest(body, `t=${t},v0=abc,v1=zz,junk`), 400, 'invalid_signature');
  });

  it('signed 301 s ago or 301 s ahead: 400', async () => {
    await expectRefused(
      stripeRequest(body, await signedHeader(body, new Date(Date.now() - 301_000))),
      400,
      'timestamp_too_old',
    );
    await expectRefused(
      stripeRequest(body, await signedHeader(body, new Date(Date.now() + 301_000))),
      400,
      'timestamp_too_new',
    );
  });

  it('a signed body that is not JSON, or not an event: 422', async () => {
    await expectRefused(stripeRequest('not json', await signedHeader('not json')), 422, 'invalid_event');
    const shapeless = '{"type":"customer.created"}';
    await expectRefused(stripeRequest(shapeless, await signedHeader(shapeless)), 422, 'invalid_event');
  });

  it('a 5 MB body: 413', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) });
    await expectRefused(stripeRequest(big, await signedHeader(big)), 413, 'body_too_large');
  });
});
