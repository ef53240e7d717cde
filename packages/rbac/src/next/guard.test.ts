import type { AuthLike } from '@clerkship/internal';
import { createTestKeys, type Persona, type TestKeys } from '@clerkship/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { access, alice, bob, charlie, serverAuthOf } from '../__fixtures__/team-tasks';
import { createGuard } from './index';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

const signedOut = async () => ({ isAuthenticated: false, userId: null, redirectToSignIn: undefined });
const as = (persona: Persona) => () => serverAuthOf(keys, persona, 2);
const aliceTask = { tenantId: 'org_acme', createdById: 'user_alice' };

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('page guard', () => {
  it('returns the session with its tenant when allowed', async () => {
    const session = await createGuard({ auth: as(bob) }).page(access.permission('org:tasks:view'));
    expect(session).toMatchObject({ userId: 'user_bob', tenantId: 'org_acme' });
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const error = await thrown(
      createGuard({ auth: signedOut, signInUrl: '/sign-in' }).page(access.permission('org:tasks:view')),
    );
    expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/) });
  });

  it('answers 404 (not found) to a member without the permission, or redirects when configured', async () => {
    const error = await thrown(createGuard({ auth: as(charlie) }).page(access.permission('org:tasks:edit')));
    expect(error).toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    const redirected = await thrown(
      createGuard({ auth: as(charlie), deniedPage: '/no-access' }).page(access.permission('org:tasks:edit')),
    );
    expect(redirected).toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/no-access;/),
    });
  });
});

describe('action guard', () => {
  it("lets Bob act on his organization's resources and refuses Alice's task", async () => {
    const guards = createGuard({ auth: as(bob) });
    await expect(guards.action(access.permission('org:tasks:edit'))).resolves.toMatchObject({
      userId: 'user_bob',
    });
    await expect(guards.action(access.permission('org:tasks:edit', aliceTask))).rejects.toMatchObject({
      code: 'forbidden',
      reason: 'not_creator',
    });
  });

  it('refuses a signed-out caller with signed_out (401)', async () => {
    await expect(createGuard({ auth: signedOut }).action()).rejects.toMatchObject({
      code: 'signed_out',
      status: 401,
    });
  });
});

describe('route guard', () => {
  const handler = async (_request: Request, { session }: { session: { userId: string; tenantId: string } }) =>
    Response.json({ userId: session.userId, tenantId: session.tenantId });

  it('calls the handler with the session when allowed', async () => {
    const GET = createGuard({ auth: as(alice) }).route<object>(access.permission('org:tasks:view'), handler);
    const response = await GET(new Request('http://localhost/api/tasks'), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: 'user_alice', tenantId: 'org_acme' });
  });

  it('answers 401 JSON when signed out and 403 JSON when denied', async () => {
    const out = await createGuard({ auth: signedOut }).route<object>(
      access.permission('org:tasks:view'),
      handler,
    )(new Request('http://localhost/api/tasks'), {});
    expect(out.status).toBe(401);
    expect(await out.json()).toEqual({
      error: 'signed_out',
      message: expect.stringMatching(/^@clerkship\/guard: no signed-in, active session\. Sign in/),
    });
    expect(out.headers.get('cache-control')).toBe('no-store');
    const denied = await createGuard({ auth: as(charlie) }).route<object>(
      access.permission('org:tasks:edit'),
      handler,
    )(new Request('http://localhost/api/tasks', { method: 'POST' }), {});
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      error: 'forbidden',
      message: expect.stringMatching(/does not carry "org:tasks:edit"/),
    });
  });

  it("turns an RbacError from the handler's own resource check into 403", async () => {
    const PATCH = createGuard({ auth: as(bob) }).route(
      access.permission('org:tasks:edit'),
      async (_request, { session }) => {
        access.require(session.auth, 'org:tasks:edit', aliceTask);
        return new Response('changed');
      },
    );
    const response = await PATCH(new Request('http://localhost/api/tasks/1', { method: 'PATCH' }), {});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/covers only resources/),
    });
  });

  it('lets other errors through, so the framework answers 500', async () => {
    const GET = createGuard({ auth: as(bob) }).route(access.permission('org:tasks:view'), async () => {
      throw new Error('database down');
    });
    await expect(GET(new Request('http://localhost/'), {})).rejects.toThrow('database down');
  });
});

describe('proxy handler', () => {
  const rules = [{ path: '/admin', requirements: access.permission('org:tasks:manage') }];
  const html = { accept: 'text/html,application/xhtml+xml' };
  // The proxy gets Clerk's auth() from clerkMiddleware; here any AuthLike source stands in for it.
  const proxyWith = (options: { signInUrl?: string } = {}) =>
    createGuard({ ...options, auth: signedOut as () => Promise<AuthLike> }).proxy(rules);

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
    expect(await api?.json()).toMatchObject({ error: 'signed_out' });
  });

  it('answers a member 404 on pages and 403 JSON on other requests', async () => {
    const proxy = proxyWith();
    expect((await proxy(as(bob), new Request('http://localhost/admin', { headers: html })))?.status).toBe(
      404,
    );
    const api = await proxy(as(bob), new Request('http://localhost/admin/export', { method: 'POST' }));
    expect(api?.status).toBe(403);
    expect(await api?.json()).toMatchObject({ error: 'forbidden' });
  });
});

describe('one guard, requirements of several packages', () => {
  // A requirement of another package (waitlist, licensing): the contract is structural.
  const betaError = () =>
    Object.assign(new Error('@clerkship/beta: you are on the waitlist. Wait for an admin.'), {
      [Symbol.for('clerkship.error')]: true,
      code: 'waitlisted',
      status: 403,
    });
  const approved = {
    name: 'beta:approved',
    deniedPage: '/waitlist',
    check: (subject: { claims: Readonly<Record<string, unknown>> }) =>
      (subject.claims.metadata as { beta?: boolean } | undefined)?.beta === true
        ? null
        : (betaError() as never),
  };

  it('reads auth() once for any number of requirements, and the first denial wins', async () => {
    let calls = 0;
    const auth = async () => {
      calls++;
      return serverAuthOf(keys, { ...bob, claims: { metadata: { beta: true } } }, 2);
    };
    const guard = createGuard({ auth });
    await guard.page(approved, access.permission('org:tasks:view'), access.permission('org:tasks:edit'));
    expect(calls).toBe(1);
    const denied = await thrown(guard.action(access.permission('org:tasks:manage'), approved));
    expect(denied).toMatchObject({ code: 'forbidden', reason: 'missing_permission' });
  });

  it("sends a page to the denying requirement's own page before the guard's", async () => {
    const guard = createGuard({ auth: as(bob), deniedPage: '/no-access' });
    const error = await thrown(guard.page(access.permission('org:tasks:view'), approved));
    expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/waitlist;/) });
    const other = await thrown(guard.page(access.permission('org:tasks:manage'), approved));
    expect(other).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/no-access;/) });
  });

  it('treats a pending session as signed out, before any requirement runs', async () => {
    let checked = false;
    const spy = {
      name: 'spy',
      check: () => {
        checked = true;
        return null;
      },
    };
    const pending = () => serverAuthOf(keys, { ...alice, status: 'pending' }, 2);
    const response = await createGuard({ auth: pending }).route(spy, async () => new Response('ok'))(
      new Request('http://localhost/api/tasks'),
      {},
    );
    expect(response.status).toBe(401);
    expect(checked).toBe(false);
  });
});

describe('safe actions', () => {
  it('gives Charlie (viewer) a refusal he can be shown, and runs nothing', async () => {
    let ran = false;
    const createTask = createGuard({ auth: as(charlie) }).safeAction(
      access.permission('org:tasks:edit'),
      async (session, title: string) => {
        ran = true;
        return { title, by: session.userId };
      },
    );
    await expect(createTask('Ship it')).resolves.toEqual({
      ok: false,
      error: 'forbidden',
      status: 403,
      message: expect.stringMatching(/^@clerkship\/rbac: the session does not carry "org:tasks:edit"/),
    });
    expect(ran).toBe(false);
  });

  it('returns the value when allowed, and a refusal for a resource check inside', async () => {
    const guard = createGuard({ auth: as(bob) });
    const rename = guard.safeAction(
      access.permission('org:tasks:edit'),
      async (session, task: typeof aliceTask) => {
        access.require(session, 'org:tasks:edit', task);
        return 'renamed';
      },
    );
    await expect(rename({ tenantId: 'org_acme', createdById: 'user_bob' })).resolves.toEqual({
      ok: true,
      value: 'renamed',
    });
    await expect(rename(aliceTask)).resolves.toMatchObject({ ok: false, error: 'forbidden', status: 403 });
  });

  it('rethrows faults, so they are not mistaken for refusals', async () => {
    const failing = createGuard({ auth: as(bob) }).safeAction([], async () => {
      throw new Error('database down');
    });
    await expect(failing()).rejects.toThrow('database down');
  });
});
