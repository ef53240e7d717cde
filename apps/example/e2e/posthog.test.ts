import { createClerkEvent, createClerkWebhookRequest } from '@clerkship/testing';
import { describe, expect, it } from 'vitest';
import { type PostHogEvent, useLocalApp } from './harness';

const context = useLocalApp();

function identifies(events: PostHogEvent[]) {
  return events.filter((event) => event.event === '$identify');
}

/**
 * The identifies posthog-js sent. Local mode's mirror seed also identifies every persona from the server
 * (posthog-node, on their `user.created` webhooks), right after the first sign-in.
 */
function browserIdentifies(events: PostHogEvent[]) {
  return identifies(events).filter((event) => event.properties?.$lib === 'web');
}

describe('PostHog identify in the browser (real posthog-js, local capture endpoint)', () => {
  it('ties events to Alice, then to Bob, and never merges Bob into Alice', async () => {
    // A desktop browser's user agent: posthog-js drops events from agents that look like bots (headless).
    const page = await context.browser.newPage({
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    });
    const signIn = async (name: string) => {
      await page.goto(`${context.local.app.url}/sign-in`);
      await page.getByRole('button', { name: new RegExp(name) }).click();
      await page.waitForURL(`${context.local.app.url}/`);
    };

    await signIn('Alice');
    await expect
      .poll(() => browserIdentifies(context.local.posthogEvents()).map((event) => event.distinct_id), {
        timeout: 20_000,
      })
      .toContain('user_local_alice');
    const aliceIdentify = browserIdentifies(context.local.posthogEvents()).find(
      (event) => event.distinct_id === 'user_local_alice',
    );
    expect(aliceIdentify?.properties?.$anon_distinct_id).toEqual(expect.any(String));
    expect(aliceIdentify?.properties?.$set).toMatchObject({ name: 'Alice' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    await signIn('Bob');
    await expect
      .poll(() => browserIdentifies(context.local.posthogEvents()).map((event) => event.distinct_id), {
        timeout: 20_000,
      })
      .toContain('user_local_bob');
    // Bob keeps using the app: his page views (flushed by the next page load at the latest) carry his id.
    await page.goto(`${context.local.app.url}/chat`);
    await page.goto(`${context.local.app.url}/`);
    await expect
      .poll(
        () =>
          context.local
            .posthogEvents()
            .some((event) => event.event === '$pageview' && event.distinct_id === 'user_local_bob'),
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.close();

    const events = context.local.posthogEvents();
    const bobIdentify = browserIdentifies(events).find((event) => event.distinct_id === 'user_local_bob');
    // Bob's identify merges only the anonymous id made by the reset, never Alice.
    expect(bobIdentify?.properties?.$anon_distinct_id).not.toBe('user_local_alice');
    expect(bobIdentify?.properties?.$anon_distinct_id).not.toBe(aliceIdentify?.properties?.$anon_distinct_id);
    expect(
      events.filter(
        (event) =>
          event.distinct_id === 'user_local_bob' &&
          event.properties?.$anon_distinct_id === 'user_local_alice',
      ),
    ).toEqual([]);
    // Alice was identified once, not on every render or page.
    expect(
      browserIdentifies(events).filter((event) => event.distinct_id === 'user_local_alice'),
    ).toHaveLength(1);
    // Every event the browser sent after Bob's identify carries Bob's id; none after Alice's sign-out
    // carries hers.
    const bobIndex = events.indexOf(bobIdentify as PostHogEvent);
    expect(
      events
        .slice(bobIndex + 1)
        .filter((event) => event.properties?.$lib === 'web')
        .every((event) => event.distinct_id !== 'user_local_alice'),
    ).toBe(true);
  });
});

describe('PostHog identify from a Clerk webhook (posthog-node)', () => {
  it('identifies a new user from a signed user.created webhook', async () => {
    const event = createClerkEvent('user.created', {
      id: 'user_from_webhook',
      first_name: 'Wanda',
      last_name: 'Hook',
    });
    const request = await createClerkWebhookRequest(event, { secret: context.local.webhookSecret });
    const response = await fetch(`${context.local.app.url}/api/webhooks/clerk`, {
      method: 'POST',
      headers: request.headers,
      body: await request.text(),
    });
    expect(response.status).toBe(200);
    await expect
      .poll(() =>
        identifies(context.local.posthogEvents()).find((item) => item.distinct_id === 'user_from_webhook'),
      )
      .toMatchObject({ properties: { $set: { email: 'alice@example.com', name: 'Wanda Hook' } } });
  });

  it('refuses a forged webhook with 400 and sends nothing', async () => {
    const event = createClerkEvent('user.created', { id: 'user_forged' });
    const request = await createClerkWebhookRequest(event, { secret: context.local.webhookSecret });
    const response = await fetch(`${context.local.app.url}/api/webhooks/clerk`, {
      method: 'POST',
      headers: request.headers,
      body: (await request.text()).replace('user_forged', 'user_admin'),
    });
    expect(response.status).toBe(400);
    expect(context.local.posthogEvents().some((item) => item.distinct_id === 'user_admin')).toBe(false);
  });
});
