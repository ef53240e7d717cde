import { createTestKeys, type Persona, type TestKeys } from '@clerkship/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { access, alice, bob, charlie, serverAuthOf } from '../__fixtures__/team-tasks';
import type { AuthLike } from '../subject';
import { createNextGuards } from './guards';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

const signedOut = async () => ({ isAuthenticated: false, userId: null, redirectToSignIn: undefined });
const as = (persona: Persona) => () => serverAuthOf(keys, persona, 2);
const aliceTask = { ownerId: 'org_acme', createdById: 'user_alice' };

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('page guard', () => {
  it('returns the session with its tenant when allowed', async () => {
    const session = await createNextGuards(access, { auth: as(bob) }).page('org:tasks:view');
    expect(session).toMatchObject({ userId: 'user_bob', ownerId: 'org_acme' });
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const error = await thrown(
      createNextGuards(access, { auth: signedOut, signInUrl: '/sign-in' }).page('org:tasks:view'),
    );
    expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/) });
  });

  it('answers 404 (not found) to a member without the permission, or redirects when configured', async () => {
    const error = await thrown(createNextGuards(access, { auth: as(charlie) }).page('org:tasks:edit'));
    expect(error).toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    const redirected = await thrown(
      createNextGuards(access, { auth: as(charlie), forbiddenPage: { redirect: '/no-access' } }).page(
        'org:tasks:edit',
      ),
    );
    expect(redirected).toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/no-access;/),
    });
  });
});

describe('action guard', () => {
  it("lets Bob act on his organization's resources and refuses Alice's task", async () => {
    const guards = createNextGuards(access, { auth: as(bob) });
    await expect(guards.action('org:tasks:edit')).resolves.toMatchObject({ userId: 'user_bob' });
    await expect(guards.action('org:tasks:edit', aliceTask)).rejects.toMatchObject({
      code: 'forbidden',
      reason: 'not_creator',
    });
  });

  it('refuses a signed-out caller with unauthenticated', async () => {
    await expect(createNextGuards(access, { auth: signedOut }).action()).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });
  });
});

describe('route guard', () => {
  const handler = async (_request: Request, { session }: { session: { userId: string; ownerId: string } }) =>
    Response.json({ userId: session.userId, ownerId: session.ownerId });

  it('calls the handler with the session when allowed', async () => {
    const GET = createNextGuards(access, { auth: as(alice) }).route<object>('org:tasks:view', handler);
    const response = await GET(new Request('http://localhost/api/tasks'), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: 'user_alice', ownerId: 'org_acme' });
  });

  it('answers 401 JSON when signed out and 403 JSON when denied', async () => {
    const out = await createNextGuards(access, { auth: signedOut }).route<object>('org:tasks:view', handler)(
      new Request('http://localhost/api/tasks'),
      {},
    );
    expect(out.status).toBe(401);
    expect(await out.json()).toMatchObject({ error: 'unauthenticated', reason: 'signed_out' });
    const denied = await createNextGuards(access, { auth: as(charlie) }).route<object>(
      'org:tasks:edit',
      handler,
    )(new Request('http://localhost/api/tasks', { method: 'POST' }), {});
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: 'forbidden', reason: 'missing_permission' });
  });

  it("turns a ForbiddenError from the handler's own resource check into 403", async () => {
    const PATCH = createNextGuards(access, { auth: as(bob) }).route(
      'org:tasks:edit',
      async (_request, { session }) => {
        access.require(session.auth, 'org:tasks:edit', aliceTask);
        return new Response('changed');
      },
    );
    const response = await PATCH(new Request('http://localhost/api/tasks/1', { method: 'PATCH' }), {});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ reason: 'not_creator' });
  });

  it('lets other errors through, so the framework answers 500', async () => {
    const GET = createNextGuards(access, { auth: as(bob) }).route('org:tasks:view', async () => {
      throw new Error('database down');
    });
    await expect(GET(new Request('http://localhost/'), {})).rejects.toThrow('database down');
  });
});

describe('proxy handler', () => {
  const rules = [{ path: '/admin', permission: 'org:tasks:manage' }] as const;
  const html = { accept: 'text/html,application/xhtml+xml' };
  // The proxy gets Clerk's auth() from clerkMiddleware; here any AuthLike source stands in for it.
  const proxyWith = (options: { signInUrl?: string } = {}) =>
    createNextGuards(access, { ...options, auth: signedOut as () => Promise<AuthLike> }).proxy(rules);

  it('lets through paths it has no rule for, and allowed requests', async () => {
    const proxy = proxyWith({ signInUrl: '/sign-in' });
    expect(await proxy(signedOut, new Request('http://localhost/tasks'))).toBeUndefined();
    expect(await proxy(signedOut, new Request('http://localhost/administrator'))).toBeUndefined();
    expect(
      await proxy(as(alice), new Request('http://localhost/admin/users', { headers: html })),
    ).toBeUndefined();
  });

  it('sends signed-out pages to sign-in and answers other requests 401 JSON', async () => {
    const proxy = proxyWith({ signInUrl: '/sign-in' });
    const page = await proxy(signedOut, new Request('http://localhost/admin', { headers: html }));
    expect(page?.status).toBe(307);
    expect(page?.headers.get('location')).toBe('http://localhost/sign-in');
    const api = await proxy(signedOut, new Request('http://localhost/admin/export'));
    expect(api?.status).toBe(401);
    expect(await api?.json()).toMatchObject({ reason: 'signed_out' });
  });

  it('answers a member 404 on pages and 403 JSON on other requests', async () => {
    const proxy = proxyWith();
    expect((await proxy(as(bob), new Request('http://localhost/admin', { headers: html })))?.status).toBe(
      404,
    );
    const api = await proxy(as(bob), new Request('http://localhost/admin/export', { method: 'POST' }));
    expect(api?.status).toBe(403);
    expect(await api?.json()).toMatchObject({ reason: 'missing_permission' });
  });
});
