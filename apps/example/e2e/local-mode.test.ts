import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createSessionToken, createTestKeys } from '@clerkship/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { acme, personas } from '../src/local/personas';
import { startAppExpectingExit } from './app-server';
import { useLocalApp } from './harness';

const artifacts = path.resolve(import.meta.dirname, '../test-results');
const issuer = 'https://clerk.clerkship.test';

const context = useLocalApp();

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
});

const bob = personas.find((persona) => persona.key === 'bob');

async function me(headers: Record<string, string> = {}) {
  const response = await fetch(`${context.local.app.url}/api/me`, { headers });
  return { status: response.status, body: await response.json() };
}

describe('a route handler called with a Bearer session token', () => {
  it.each([1, 2] as const)('knows Bob (member of Acme) from a claim version %i token', async (version) => {
    const token = await createSessionToken(context.local.keys, bob ?? { userId: '' }, { version, issuer });
    const { status, body } = await me({ authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body).toEqual({
      userId: 'user_local_bob',
      sessionId: 'sess_local_bob',
      orgId: acme.id,
      orgRole: 'org:member',
      orgSlug: 'acme',
      orgPermissions: ['org:chat:use', 'org:tasks:edit', 'org:tasks:view'],
    });
  });

  it('answers 401 with a reason when no token is sent', async () => {
    expect(await me()).toEqual({ status: 401, body: expect.objectContaining({ error: 'signed_out' }) });
  });

  it('treats a tampered token as signed out', async () => {
    const token = await createSessionToken(context.local.keys, { userId: 'user_local_charlie' }, { issuer });
    const [header, payload = '', signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user_local_alice' })).toString('base64url');
    expect((await me({ authorization: `Bearer ${[header, forged, signature].join('.')}` })).status).toBe(401);
  });

  it('treats an expired token as signed out', async () => {
    const token = await createSessionToken(
      context.local.keys,
      { userId: 'user_local_alice' },
      {
        issuer,
        issuedAt: new Date(Date.now() - 2 * 3600_000),
      },
    );
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('treats a token signed by anyone else as signed out', async () => {
    const token = await createSessionToken(
      await createTestKeys(),
      { userId: 'user_local_alice' },
      { issuer },
    );
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });
});

describe('the local sign-in page in a browser', () => {
  it('signs Alice in as manager of Acme Inc and shows who she is', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.local.app.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('button', { name: /Alice/ }).click();
    await page.waitForURL(`${context.local.app.url}/`);
    await expect.poll(() => page.getByTestId('user-id').textContent()).toBe('user_local_alice');
    expect(await page.getByTestId('workspace').textContent()).toBe('Acme Inc');
    expect(await page.getByTestId('role').textContent()).toBe('org:manager');
    expect(await page.getByTestId('permissions').textContent()).toBe(
      'org:billing:manage, org:chat:moderate, org:chat:use, org:tasks:edit, org:tasks:manage, org:tasks:view',
    );
    expect(await page.getByTestId('session-bar').textContent()).toContain('Alice');
    await page.screenshot({ path: path.join(artifacts, 'signed-in-as-alice.png'), fullPage: true });

    // The browser's session cookie also works for the API.
    const fromBrowser = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(fromBrowser).toMatchObject({ userId: 'user_local_alice', orgRole: 'org:manager' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${context.local.app.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });

  it('shows Dana her personal account', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.local.app.url}/sign-in`);
    await page.getByRole('button', { name: /Dana/ }).click();
    await page.waitForURL(`${context.local.app.url}/`);
    expect(await page.getByTestId('workspace').textContent()).toBe('Personal account');
    expect(await page.getByTestId('task-count').textContent()).toBe('0');
    await page.close();
  });

  it('sends a tampered session cookie back to sign-in', async () => {
    const browserContext = await context.browser.newContext();
    const token = await createSessionToken(
      context.local.keys,
      { userId: 'user_local_charlie' },
      { issuer, lifetimeSeconds: 3600 },
    );
    const forged = `${token.slice(0, -4)}AAAA`;
    const now = String(Math.floor(Date.now() / 1000) - 5);
    await browserContext.addCookies([
      { name: '__session', value: forged, url: context.local.app.url },
      { name: '__client_uat', value: now, url: context.local.app.url },
    ]);
    const page = await browserContext.newPage();
    await page.goto(`${context.local.app.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getByRole('button', { name: /Charlie/ }).isVisible()).toBe(true);
    await browserContext.close();
  });

  it('never redirects off-site after sign-in', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.local.app.url}/sign-in?redirect_url=//example.com/phish`);
    await page.getByRole('button', { name: /Bob/ }).click();
    await page.waitForURL(`${context.local.app.url}/`);
    expect(await page.getByTestId('user-id').textContent()).toBe('user_local_bob');
    await page.close();
  });
});

describe('local mode in production', () => {
  it('is refused unless explicitly allowed', async () => {
    const { code, output } = await startAppExpectingExit();
    expect(code).not.toBe(0);
    expect(output).toContain('local mode (sign in as any persona) is refused');
  });
});
