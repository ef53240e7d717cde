import { launchChromium } from '@clerkship/internal/chromium';
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripeSetup, setupFakeStripe } from './test-support/stripe-fake-setup';

let setup: FakeStripeSetup;
beforeEach(async () => {
  setup = await setupFakeStripe();
});
afterEach(async () => {
  await setup.close();
});

describe('the hosted Checkout page in a real browser (Chromium)', () => {
  it('a customer changes the quantity, pays with 4242…, and lands on success_url with the session id', {
    timeout: 90_000,
  }, async () => {
    const session = await setup.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [
        {
          price: setup.seatPrice.id,
          quantity: 2,
          adjustable_quantity: { enabled: true, minimum: 1, maximum: 50 },
        },
      ],
      customer_email: 'owner@acme.test',
      success_url: `${setup.fake.url}/after?session_id={CHECKOUT_SESSION_ID}`,
    });
    // A browser test is a proof: without Chromium it fails, it never skips.
    const browser = await launchChromium('stripe-api browser test');
    try {
      const page = await browser.newPage();
      await page.goto(session.url ?? '');
      await page.getByLabel('Quantity').fill('6');
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.waitForURL(/\/after\?session_id=/);
      expect(new URL(page.url()).searchParams.get('session_id')).toBe(session.id);
    } finally {
      await browser.close();
    }
    const completed = await setup.stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(completed.status).toBe('complete');
    await setup.fake.waitForDeliveries();
    const created = setup.receiver.events.find((event) => event.type === 'customer.subscription.created');
    expect(
      ((created as Stripe.Event).data.object as { items: { data: { quantity: number }[] } }).items.data[0]
        ?.quantity,
    ).toBe(6);
  });
});
