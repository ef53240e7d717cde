import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signInAs, useLocalApp } from './harness';

const context = useLocalApp();

/** A new user on the plan page, with the team plan, 3 seats and the team's name filled in. */
async function planFor(page: Page, organizationName: string) {
  await page.getByLabel('Seats').fill('3');
  await page.getByLabel('Organization name').fill(organizationName);
}

/** Waits for the Stripe fake's hosted Checkout (another origin than the app's). */
async function onCheckout(page: Page): Promise<URL> {
  await page.waitForURL((url) => url.origin !== context.local.app.url, { timeout: 30_000 });
  return new URL(page.url());
}

async function organizationsCreated(): Promise<number> {
  const { calls } = await context.local.backendApi();
  return calls.filter((call) => call.method === 'POST' && call.path === '/v1/organizations').length;
}

describe('sign up and subscribe (the hybrid sign-up on the Stripe fake)', () => {
  it('a new user signs up, buys the team plan with 3 seats for "Acme Two", and Billing shows 1 of 3 used', async () => {
    const page = await signInAs(context, 'New user', '/plan');
    await planFor(page, 'Acme Two');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await onCheckout(page);
    expect(await page.getByText('Quantity: 3').isVisible()).toBe(true);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();

    // Through /welcome, which waits for the webhook's sync (never the redirect), activates Acme Two
    // in the session, and opens Billing.
    await page.waitForURL(`${context.local.app.url}/billing`, { timeout: 30_000 });
    expect(await page.getByTestId('plan').textContent()).toBe('Team (per seat, monthly)');
    expect(await page.getByTestId('status').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('seats').textContent()).toBe('1 of 3 used');
    expect(await page.getByTestId('my-seat').textContent()).toBe('You hold a licensed seat.');
    // The creator manages the new organization: the manager's view, with the billing portal.
    expect(await page.getByRole('button', { name: 'Manage billing' }).isVisible()).toBe(true);
    await page.close();
  });

  it('a double submit of the plan form (two tabs at once) makes one organization and one Checkout', async () => {
    const first = await signInAs(context, 'New user', '/plan');
    // A second tab of the same browser: the same session cookies.
    const second = await context.browser.newPage();
    await second.context().addCookies(await first.context().cookies());
    await second.goto(`${context.local.app.url}/plan`);
    await planFor(first, 'Double Co');
    await planFor(second, 'Double Co');
    const before = await organizationsCreated();

    await Promise.all([
      first.getByRole('button', { name: 'Continue to payment' }).click(),
      second.getByRole('button', { name: 'Continue to payment' }).click(),
    ]);
    const [checkout, again] = await Promise.all([onCheckout(first), onCheckout(second)]);
    expect(again.href).toBe(checkout.href);
    expect((await organizationsCreated()) - before).toBe(1);

    // Stripe's own view (the fake's API): one Checkout Session for the organization's customer.
    const stripe = new Stripe('sk_test_e2e', {
      host: checkout.hostname,
      port: Number(checkout.port),
      protocol: 'http',
    });
    const session = await stripe.checkout.sessions.retrieve(checkout.pathname.split('/').pop() ?? '');
    const customer = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? '');
    expect(customer).toMatch(/^cus_/);
    expect((await stripe.checkout.sessions.list({ customer })).data).toHaveLength(1);
    await first.close();
    await second.close();
  });

  it('leaving Checkout (Cancel) lands on /welcome with the free plan and a way back to Checkout', async () => {
    const page = await signInAs(context, 'New user', '/plan');
    await planFor(page, 'Maybe Later');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    const checkout = await onCheckout(page);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.waitForURL(`${context.local.app.url}/welcome`);
    expect(await page.getByTestId('free-plan-name').textContent()).toBe('Free');
    expect(await page.getByTestId('free-plan').textContent()).toContain('Nothing was charged');
    // The Checkout is still open: the resume link goes back to it.
    expect(await page.getByTestId('resume').getAttribute('href')).toBe(checkout.href);
    await page.close();
  });
});
