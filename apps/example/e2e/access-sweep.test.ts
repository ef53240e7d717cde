import { createSessionToken } from '@clerkship/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { personas } from '../src/local/personas';
import { signInAs, useLocalApp } from './harness';

// The cases of the access sweep that once failed: each is what a user (or an attacker) would try.
const context = useLocalApp();
const issuer = 'https://clerk.clerkship.test';

async function bearer(key: string): Promise<string> {
  const persona = personas.find((candidate) => candidate.key === key);
  if (!persona) throw new Error(`no persona ${key}`);
  return `Bearer ${await createSessionToken(context.local.keys, persona, { issuer })}`;
}

async function call(key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${context.local.app.url}${path}`, {
    method,
    headers: { authorization: await bearer(key), 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Swaps the browser's session for another persona's, as a forged request from them would look. */
async function becomeInBrowser(page: Page, key: string): Promise<void> {
  const persona = personas.find((candidate) => candidate.key === key);
  if (!persona) throw new Error(`no persona ${key}`);
  const token = await createSessionToken(context.local.keys, persona, { issuer, lifetimeSeconds: 3600 });
  await page.context().addCookies([
    { name: '__session', value: token, url: context.local.app.url, httpOnly: true },
    { name: '__client_uat', value: String(Math.floor(Date.now() / 1000) - 5), url: context.local.app.url },
  ]);
}

describe('sign-in redirects stay on this origin', () => {
  it.each([
    '/%09/127.0.0.1:3298/x',
    '//127.0.0.1:3298/x',
    '/%5C127.0.0.1:3298/x',
    '/%0d%0aLocation:%20http://127.0.0.1:3298/',
    'http://127.0.0.1:3298/x',
  ])('after sign-in with redirect_url=%s, Chromium is still on the app', async (target) => {
    const page = await context.browser.newPage();
    await page.goto(`${context.local.app.url}/sign-in?redirect_url=${target}`);
    await page.getByRole('button', { name: /Alice/ }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => new URL(page.url()).origin).toBe(context.local.app.url);
    await page.close();
  });

  it('sends a forged persona back to the picker with a message, signing in no one', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.local.app.url}/sign-in`);
    await page
      .locator('button[name="persona"]')
      .first()
      .evaluate((button) => {
        (button as HTMLButtonElement).value = 'mallory';
      });
    await page.locator('button[name="persona"]').first().click();
    await expect.poll(() => page.getByTestId('refusal').isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get('error')).toBe('unknown_persona');
    expect((await page.context().cookies()).some((cookie) => cookie.name === '__session')).toBe(false);
    await page.close();
  });
});

describe('bad input gets a 4xx that says what is wrong', () => {
  it.each([
    ['a NUL byte', 'Ship\u0000it'],
    ['a newline', 'one\ntwo'],
    ['201 characters', 'x'.repeat(201)],
    ['nothing but spaces', '   '],
  ])('POST and PATCH /api/tasks refuse a title with %s (400 invalid_input)', async (_what, title) => {
    const created = await call('bob', 'POST', '/api/tasks', { title });
    expect(created).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    expect(created.body.message).toMatch(/^@clerkship\/guard: the input is not valid \(title: /);
    const task = await call('bob', 'POST', '/api/tasks', { title: 'A fine title' });
    const patched = await call('bob', 'PATCH', `/api/tasks/${task.body.task.id}`, { title });
    expect(patched).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
  });

  it('refuses a body that is not JSON, an unknown field and a malformed task id', async () => {
    expect((await call('bob', 'POST', '/api/tasks', 'not json')).status).toBe(400);
    expect((await call('bob', 'POST', '/api/tasks', { title: 'ok', ownerId: 'org_other' })).status).toBe(400);
    expect((await call('bob', 'PATCH', '/api/tasks/not-a-uuid', { completed: true })).status).toBe(400);
  });

  it.each(['garbage', '-5', '1e3'])(
    'answers /admin?cursor=%s with the 404 page, not a crash',
    async (cursor) => {
      const response = await fetch(`${context.local.app.url}/admin?cursor=${cursor}`, {
        headers: { authorization: await bearer('adam') },
      });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('the link is not valid');
    },
  );
});

describe('refused server actions are refusals the page shows, and change nothing', () => {
  it('refuses Charlie (viewer) creating a task through the add-task action', async () => {
    const page = await signInAs(context, 'Bob');
    await becomeInBrowser(page, 'charlie');
    await page.getByLabel('Task title').fill('Charlie was here');
    await page.getByRole('button', { name: 'Add task' }).click();
    const refusal = page.getByTestId('add-task').locator('xpath=..').getByTestId('refusal');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.getAttribute('data-code')).toBe('forbidden');
    const tasks = (await call('alice', 'GET', '/api/tasks')).body.tasks as { title: string }[];
    expect(tasks.some((task) => task.title === 'Charlie was here')).toBe(false);
    await page.close();
  });

  it('tells Adam that an unknown user cannot be approved, and that he cannot revoke himself', async () => {
    const page = await signInAs(context, 'Adam', '/admin');
    await page.goto(`${context.local.app.url}/admin?q=wendy`);
    const row = page.locator('[data-user-id="user_local_wendy"]');
    await row.locator('input[name="userId"]').evaluate((input) => {
      (input as HTMLInputElement).value = 'user_nobody';
    });
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => row.getByTestId('refusal').getAttribute('data-code')).toBe('user_not_found');

    await page.goto(`${context.local.app.url}/admin?q=bob`);
    const bobRow = page.locator('[data-user-id="user_local_bob"]');
    await bobRow.locator('input[name="userId"]').evaluate((input) => {
      (input as HTMLInputElement).value = 'user_local_adam';
    });
    await bobRow.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => bobRow.getByTestId('refusal').getAttribute('data-code')).toBe('invalid_argument');
    expect((await context.local.backendApi('user_local_adam')).publicMetadata).toEqual({
      isBetaUser: true,
      isAdmin: true,
    });
    await page.close();
  });
});

describe('routes that show other users’ data check who asks', () => {
  it('answers the local Backend API log 401 without a session and 403 to a non-admin', async () => {
    const url = `${context.local.app.url}/api/local/backend-api-calls?userId=user_local_adam`;
    expect((await fetch(url)).status).toBe(401);
    const asBob = await fetch(url, { headers: { authorization: await bearer('bob') } });
    expect(asBob.status).toBe(403);
    expect(await asBob.json()).toMatchObject({ error: 'forbidden' });
  });
});

describe('the example shows everything', () => {
  it('fills the Team page in local mode: the mirror is seeded through the webhook route at sign-in', async () => {
    const page = await signInAs(context, 'Alice', '/team');
    const members = page.getByTestId('member');
    await expect.poll(() => members.count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Team: Acme Inc');
    expect(await page.locator('[data-user-id="user_local_bob"]').textContent()).toContain('org:member');
    await page.close();
  });

  it('gives admins an Admin link, a status filter and the Backend API count; others no link', async () => {
    const bob = await signInAs(context, 'Bob');
    expect(await bob.getByTestId('nav-admin').count()).toBe(0);
    await bob.close();
    const adam = await signInAs(context, 'Adam');
    await adam.getByTestId('nav-admin').click();
    await adam.waitForURL(`${context.local.app.url}/admin`);
    expect(await adam.getByTestId('backend-api-calls').textContent()).toMatch(/requests so far: \d+/);
    await adam.getByLabel('Status').selectOption('waitlisted');
    await adam.getByRole('button', { name: 'Search' }).click();
    await adam.waitForURL(/status=waitlisted/);
    const statuses = await adam
      .getByTestId('user')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['waitlisted']));
    await adam.close();
  });
});
