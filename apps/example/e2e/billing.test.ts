import { createSessionToken } from '@clerkship/testing';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { personas } from '../src/local/personas';
import { signInAs, useLocalApp } from './harness';

const issuer = 'https://clerk.clerkship.test';
const context = useLocalApp();
// Where local mode's Stripe fake answers: learnt from the Checkout page the app sends Alice to.
let stripeOrigin: URL | undefined;

function persona(key: string) {
  const found = personas.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`e2e: no persona ${key}`);
  return found;
}

async function bearer(key: string): Promise<string> {
  return `Bearer ${await createSessionToken(context.local.keys, persona(key), { issuer })}`;
}

/** Reloads the page until `read` gives `expected`: the license changes when Stripe's webhook arrives. */
async function reloadUntil(page: Page, read: () => Promise<string | null>, expected: string | RegExp) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return read();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toMatch(expected);
}

function member(page: Page, key: string) {
  return page.locator(`[data-testid="member"][data-user-id="${persona(key).userId}"]`);
}

async function clearCompletedAs(page: Page, title: string) {
  await page.goto(`${context.local.app.url}/`);
  await page.getByLabel('Task title').fill(title);
  await page.getByRole('button', { name: 'Add task' }).click();
  const row = page.getByTestId('task').filter({ hasText: title });
  await row.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => row.getAttribute('class')).toBe('done');
  await page.getByRole('button', { name: 'Clear completed' }).click();
}

describe('the Billing page (per-seat licensing on the Stripe fake)', () => {
  it('Alice (manager) buys 3 seats through Stripe Checkout, and the page shows them once the webhook has arrived', async () => {
    const page = await signInAs(context, 'Alice', '/billing');
    // The members come from the mirror, which local mode seeds after the first sign-in.
    await reloadUntil(page, async () => String(await page.getByTestId('member').count()), '3');
    expect(await page.getByTestId('plan').textContent()).toBe('No plan');
    expect(await page.getByTestId('seats').textContent()).toBe('0 of 0 used');
    // Nothing to assign before a plan is bought: no Assign buttons, a hint instead.
    expect(await page.getByRole('button', { name: 'Assign' }).count()).toBe(0);
    expect(await page.getByTestId('seats-hint').isVisible()).toBe(true);

    await page.getByLabel('Seats').fill('3');
    await page.getByRole('button', { name: 'Buy seats' }).click();
    await page.waitForURL((url) => url.origin !== context.local.app.url);
    stripeOrigin = new URL(page.url());
    expect(await page.getByLabel('Quantity').inputValue()).toBe('3');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(`${context.local.app.url}/billing?paid=1`);

    // The redirect proves nothing: the license is what the webhook's sync wrote.
    await reloadUntil(page, () => page.getByTestId('status').getAttribute('data-status'), 'active');
    expect(await page.getByTestId('plan').textContent()).toBe('Team (per seat, monthly)');
    expect(await page.getByTestId('seats').textContent()).toBe('0 of 3 used');
    expect(await page.getByRole('button', { name: 'Manage billing' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Buy seats' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Assign' }).count()).toBe(3);
    expect(await page.getByTestId('seats-hint').count()).toBe(0);
    await page.close();
  });

  it('assigns seats to Bob and Charlie; with the quantity lowered in the portal, one more is refused', async () => {
    const page = await signInAs(context, 'Alice', '/billing');
    for (const key of ['bob', 'charlie']) {
      await member(page, key).getByRole('button', { name: 'Assign' }).click();
      await expect.poll(() => member(page, key).getAttribute('data-seat')).toBe('held');
    }
    expect(await page.getByTestId('seats').textContent()).toBe('2 of 3 used');

    // Stripe's billing portal (the fake's hosted page): 3 seats down to 2.
    await page.getByRole('button', { name: 'Manage billing' }).click();
    await page.waitForURL((url) => url.origin !== context.local.app.url);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Update quantity' }).click();
    await page.getByRole('link', { name: 'Return' }).click();
    await page.waitForURL(`${context.local.app.url}/billing`);
    await reloadUntil(page, () => page.getByTestId('seats').textContent(), '2 of 2 used');

    await member(page, 'alice').getByRole('button', { name: 'Assign' }).click();
    const refusal = member(page, 'alice').getByTestId('refusal');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.getAttribute('data-code')).toBe('seat_limit_reached');
    expect(await refusal.textContent()).toMatch(/seat/i);
    await page.reload();
    expect(await page.getByTestId('seats').textContent()).toBe('2 of 2 used');
    expect(await member(page, 'alice').getAttribute('data-seat')).toBe('none');
    await page.close();
  });

  it('shows Bob (member) the plan and his seat, with no manage buttons; his seat lets him clear completed tasks', async () => {
    const page = await signInAs(context, 'Bob', '/billing');
    expect(await page.getByTestId('plan').textContent()).toBe('Team (per seat, monthly)');
    expect(await page.getByTestId('my-seat').textContent()).toBe('You hold a licensed seat.');
    // His new session token carries the seat Clerk's metadata holds (the licensing claim).
    expect(await page.getByTestId('claim-seat').textContent()).toBe('licensed');
    expect(await page.getByTestId('read-only-billing').textContent()).toContain('org:billing:manage');
    expect(
      await page.getByRole('button', { name: /^(Assign|Revoke|Buy seats|Manage billing)$/ }).count(),
    ).toBe(0);

    await clearCompletedAs(page, 'Ship the release notes');
    await expect.poll(() => page.getByTestId('cleared').textContent()).toBe('Cleared 1.');
    await page.close();
  });

  it('refuses Bob calling the assign action directly: nothing changes', async () => {
    // Alice's page, then Bob's session in the same browser: the Assign button now calls the action as
    // Bob, exactly as a forged request from Bob would.
    const page = await signInAs(context, 'Alice', '/billing');
    const token = await createSessionToken(context.local.keys, persona('bob'), {
      issuer,
      lifetimeSeconds: 3600,
    });
    await page.context().addCookies([
      { name: '__session', value: token, url: context.local.app.url, httpOnly: true },
      {
        name: '__client_uat',
        value: String(Math.floor(Date.now() / 1000) - 5),
        url: context.local.app.url,
        httpOnly: true,
      },
    ]);
    await member(page, 'alice').getByRole('button', { name: 'Assign' }).click();
    const refusal = member(page, 'alice').getByTestId('refusal');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.getAttribute('data-code')).toBe('forbidden');
    await page.close();

    const alice = await signInAs(context, 'Alice', '/billing');
    expect(await alice.getByTestId('seats').textContent()).toBe('2 of 2 used');
    expect(await member(alice, 'alice').getAttribute('data-seat')).toBe('none');
    await alice.close();
  });

  it('cancels the subscription: the seat no longer grants the paid action', async () => {
    // The portal cancels at the end of the period, as Stripe's default configuration does: still paid.
    const page = await signInAs(context, 'Alice', '/billing');
    await page.getByRole('button', { name: 'Manage billing' }).click();
    await page.waitForURL((url) => url.origin !== context.local.app.url);
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('link', { name: 'Return' }).click();
    await reloadUntil(
      page,
      () => page.getByTestId('status').textContent(),
      /cancels at the end of the period/,
    );

    // The period ends now: canceled through Stripe's API (the fake's), as the Dashboard would.
    if (!stripeOrigin) throw new Error('e2e: the Checkout test did not run');
    const stripe = new Stripe('sk_test_e2e', {
      host: stripeOrigin.hostname,
      port: Number(stripeOrigin.port),
      protocol: 'http',
    });
    const { data } = await stripe.subscriptions.list({ status: 'active' });
    expect(data).toHaveLength(1);
    await stripe.subscriptions.cancel(data[0]?.id ?? '');
    await reloadUntil(page, () => page.getByTestId('status').getAttribute('data-status'), 'canceled');
    // The assignments stay (a renewal restores them), but grant nothing.
    expect(await page.getByTestId('seats').textContent()).toMatch(/^2 of \d+ used$/);
    await page.close();

    const bob = await signInAs(context, 'Bob', '/billing');
    expect(await bob.getByTestId('my-seat').textContent()).toBe(
      'You hold a seat, but the subscription grants none now.',
    );
    expect(await bob.getByTestId('claim-seat').textContent()).toBe('not licensed');
    await clearCompletedAs(bob, 'Archive the old board');
    const refusal = bob.getByTestId('clear-completed').locator('..').getByTestId('refusal');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.getAttribute('data-code')).toBe('no_seat');
    expect(await bob.getByTestId('task').filter({ hasText: 'Archive the old board' }).count()).toBe(1);
    await bob.close();

    // The API route asks the same requirement.
    const response = await fetch(`${context.local.app.url}/api/tasks`, {
      method: 'DELETE',
      headers: { authorization: await bearer('bob') },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'no_seat' });
  });
});
