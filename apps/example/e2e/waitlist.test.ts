import { createSessionToken } from '@clerkship/testing';
import { describe, expect, it } from 'vitest';
import { personas } from '../src/local/personas';
import { signInAs, useLocalApp } from './harness';

const issuer = 'https://clerk.clerkship.test';
const context = useLocalApp();

async function bearer(key: string): Promise<string> {
  const persona = personas.find((candidate) => candidate.key === key);
  if (!persona) throw new Error(`no persona ${key}`);
  return `Bearer ${await createSessionToken(context.local.keys, persona, { issuer })}`;
}

describe('the beta waitlist', () => {
  it('sends Wendy (waitlisted) to /waitlist from every app page, and refuses her API calls with 403', async () => {
    const page = await signInAs(context, 'Wendy', '/waitlist');
    for (const path of ['/', '/chat']) {
      await page.goto(`${context.local.app.url}${path}`);
      expect(new URL(page.url()).pathname).toBe('/waitlist');
    }
    await page.close();
    for (const path of ['/api/tasks', '/api/ably']) {
      const response = await fetch(`${context.local.app.url}${path}`, {
        headers: { authorization: await bearer('wendy') },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'waitlisted' });
    }
    const create = await fetch(`${context.local.app.url}/api/tasks`, {
      method: 'POST',
      headers: { authorization: await bearer('wendy'), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Let me in' }),
    });
    expect(create.status).toBe(403);
  });

  it('refuses Bob (not an admin) calling the approve action directly: nothing changes', async () => {
    expect(
      (await fetch(`${context.local.app.url}/admin`, { headers: { authorization: await bearer('bob') } }))
        .status,
    ).toBe(404);

    // Adam's admin page, then Bob's session in the same browser: the Approve button now calls the
    // action as Bob, exactly as a forged request from Bob would.
    const page = await signInAs(context, 'Adam', '/admin');
    await page.goto(`${context.local.app.url}/admin?q=wendy`);
    const bob = personas.find((persona) => persona.key === 'bob');
    if (!bob) throw new Error('no Bob');
    const token = await createSessionToken(context.local.keys, bob, { issuer, lifetimeSeconds: 3600 });
    await page.context().addCookies([
      { name: '__session', value: token, url: context.local.app.url, httpOnly: true },
      {
        name: '__client_uat',
        value: String(Math.floor(Date.now() / 1000) - 5),
        url: context.local.app.url,
        httpOnly: true,
      },
    ]);
    await page.locator('[data-user-id="user_local_wendy"]').getByRole('button', { name: 'Approve' }).click();
    const refusal = page.locator('[data-user-id="user_local_wendy"]').getByTestId('refusal');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.getAttribute('data-code')).toBe('forbidden');
    await page.close();

    const { calls, publicMetadata } = await context.local.backendApi('user_local_wendy');
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
    expect(publicMetadata).toEqual({});
  });

  it('lets Adam approve Wendy on /admin, and Wendy moves on from the waitlist by herself', async () => {
    const wendy = await signInAs(context, 'Wendy', '/waitlist');
    expect(await wendy.getByTestId('waiting').isVisible()).toBe(true);

    const adam = await signInAs(context, 'Adam', '/admin');
    await adam.goto(`${context.local.app.url}/admin?q=wendy`);
    const row = adam.locator('[data-user-id="user_local_wendy"]');
    expect(await row.getAttribute('data-status')).toBe('waitlisted');
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('approved');
    await adam.close();

    // A merge into public metadata, through one PATCH.
    const { calls, publicMetadata } = await context.local.backendApi('user_local_wendy');
    expect(publicMetadata).toEqual({ isBetaUser: true });
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([
      expect.objectContaining({ path: '/v1/users/user_local_wendy/metadata', status: 200 }),
    ]);

    // Her waiting room refreshes her session token and lets her in, with no click.
    await wendy.waitForURL(`${context.local.app.url}/`, { timeout: 20_000 });
    expect(await wendy.getByTestId('user-id').textContent()).toBe('user_local_wendy');
    await wendy.close();
  });

  it('lists 257 users (250 seeded and the personas) at 100 a page in 3 pages of 2 Backend API calls', async () => {
    const before = (await context.local.backendApi()).calls.length;
    const adam = await signInAs(context, 'Adam', '/admin');
    const seen = new Set<string>();
    for (;;) {
      for (const id of await adam
        .locator('[data-testid="user"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user-id')))) {
        if (id) seen.add(id);
      }
      const next = adam.getByRole('link', { name: 'Next page' });
      if ((await next.count()) === 0) break;
      await next.click();
      await adam.waitForLoadState('load');
    }
    await adam.close();
    expect(seen.size).toBe(257);
    const calls = (await context.local.backendApi()).calls.slice(before);
    expect(calls.filter((call) => call.method === 'GET' && call.path === '/v1/users')).toHaveLength(3);
    expect(calls.filter((call) => call.method === 'GET' && call.path === '/v1/users/count')).toHaveLength(3);
    expect(calls).toHaveLength(6);
  });
});
