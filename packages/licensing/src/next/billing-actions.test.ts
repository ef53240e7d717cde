import { defineAccess } from '@clerkship/rbac';
import { createAuthObject, createTestKeys, type Persona, type TestKeys } from '@clerkship/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingWorld, createBillingWorld } from '../__fixtures__/billing-world';
import { LicensingError } from '../errors';
import { createBillingActions, createGuard } from './index';

// Team Tasks' roles: admins manage billing; members edit tasks.
const access = defineAccess({
  permissions: {
    'org:tasks:edit': { description: 'Create and edit tasks' },
    'org:billing:manage': { description: 'Buy and assign seats' },
  },
  roles: {
    'org:admin': ['org:tasks:edit', 'org:billing:manage'],
    'org:member': ['org:tasks:edit'],
  },
});

let keys: TestKeys;
let world: BillingWorld;

beforeAll(async () => {
  [keys, world] = await Promise.all([createTestKeys(), createBillingWorld()]);
});
afterAll(() => world.close());

function persona(userId: string, role: 'org:admin' | 'org:member', orgId = 'org_acme'): Persona {
  return {
    userId,
    organization: {
      id: orgId,
      role,
      permissions: role === 'org:admin' ? ['org:tasks:edit', 'org:billing:manage'] : ['org:tasks:edit'],
    },
    // The documented session token template, rendered from what the Clerk mirror wrote.
    claims: { licensing: world.clerkFake.claimsOf(orgId, userId).licensing },
  };
}

const as = (userId: string, role: 'org:admin' | 'org:member', orgId?: string) => () =>
  createAuthObject(keys, persona(userId, role, orgId));
const signedOut = async () => ({ isAuthenticated: false, userId: null });
const urls = {
  success: 'http://app.test/billing?paid=1',
  cancel: 'http://app.test/billing',
  portalReturn: 'http://app.test/billing',
};

function billingFor(
  auth: () => Promise<unknown>,
  manage: string | ReturnType<typeof access.permission> = 'org:billing:manage',
) {
  return createBillingActions({ licensing: world.licensing, manage, urls, auth: auth as never });
}

async function thrown(promise: Promise<unknown>): Promise<{ code?: string; status?: number } | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as { code?: string; status?: number },
  );
}

describe('billing server functions check the caller on the server', () => {
  it('Acme’s admin buys seats, then assigns one, recorded as assigned by the admin', async () => {
    const admin = billingFor(as('user_admin', 'org:admin'), access.permission('org:billing:manage'));
    const { url } = await admin.checkout({ plan: 'team', seats: 3 });
    await world.submit(url, { cardNumber: '4242424242424242', action: 'pay' });
    expect(await admin.assignSeat({ userId: 'user_bob' })).toBe('assigned');
    const { seats, license } = await admin.overview();
    expect(license).toMatchObject({ status: 'active', seatLimit: 3, seatsUsed: 1 });
    expect(seats).toEqual([expect.objectContaining({ userId: 'user_bob', assignedBy: 'user_admin' })]);
  });

  it('Bob, a member, calling each function directly is refused with forbidden, and nothing changes', async () => {
    const bob = billingFor(as('user_bob', 'org:member'));
    const before = {
      sessions: world.fake.checkoutSessions.size,
      license: await world.store.license('org_acme'),
      seats: await world.store.seats('org_acme'),
    };
    const calls = [
      () => bob.checkout({ plan: 'team', seats: 50 }),
      () => bob.changeSeats({ seats: 40 }),
      () => bob.openPortal(),
      () => bob.assignSeat({ userId: 'user_bob' }),
      () => bob.assignSeat({ userId: 'user_carol' }),
      () => bob.revokeSeat({ userId: 'user_bob' }),
      () => bob.overview(),
    ];
    for (const call of calls) expect(await thrown(call())).toMatchObject({ code: 'forbidden', status: 403 });
    expect({
      sessions: world.fake.checkoutSessions.size,
      license: await world.store.license('org_acme'),
      seats: await world.store.seats('org_acme'),
    }).toEqual(before);
  });

  it('signed out is the guard’s signed_out (401); an admin of another organization acts on hers only', async () => {
    expect(await thrown(billingFor(signedOut).assignSeat({ userId: 'user_bob' }))).toMatchObject({
      code: 'signed_out',
      status: 401,
    });
    const globexAdmin = billingFor(as('user_admin', 'org:admin', 'org_globex'));
    expect(await thrown(globexAdmin.assignSeat({ userId: 'user_carol' }))).toMatchObject({
      code: 'no_subscription',
    });
    expect((await world.store.seats('org_acme')).map((seat) => seat.userId)).toEqual(['user_bob']);
  });

  it('a requirement that passes without an organization still finds none: no_organization', async () => {
    const anyone = { name: 'anyone', check: () => null };
    const billing = billingFor(async () => ({ userId: 'user_dana', isAuthenticated: true }), anyone);
    expect(await thrown(billing.overview())).toMatchObject({ code: 'no_organization', status: 403 });
  });

  it('refuses a missing licensing, a missing manage rule or a relative URL with invalid_option', () => {
    const licensing = world.licensing;
    expect(() => createBillingActions({ manage: 'org:billing:manage', urls } as never)).toThrow(
      LicensingError,
    );
    expect(() => createBillingActions({ licensing, manage: '', urls })).toThrow(/`manage` is required/);
    expect(() =>
      createBillingActions({
        licensing,
        manage: 'org:billing:manage',
        urls: { ...urls, success: '/billing' },
      }),
    ).toThrow(/absolute/);
  });
});

describe('one guard composes licensing with rbac', () => {
  it('a task route needs the permission and a licensed seat: Bob passes, Carol is told why not', async () => {
    const handler = async () => Response.json({ saved: true });
    const route = (auth: () => Promise<unknown>) =>
      createGuard({ auth: auth as never }).route(
        [access.permission('org:tasks:edit'), world.licensing.seat],
        handler,
      );
    const bob = await route(as('user_bob', 'org:member'))(new Request('http://app.test/api/tasks'), {});
    expect(await bob.json()).toEqual({ saved: true });
    const carol = await route(as('user_carol', 'org:member'))(new Request('http://app.test/api/tasks'), {});
    expect(carol.status).toBe(403);
    expect(carol.headers.get('cache-control')).toBe('no-store');
    expect(await carol.json()).toMatchObject({ error: 'no_seat' });
  });

  it('a server action re-checks the seat in the database, so a stale claim does not pass', async () => {
    // Carol's token still says she has a seat, but it was revoked a moment ago.
    const staleCarol = async () =>
      createAuthObject(keys, {
        ...persona('user_carol', 'org:member'),
        claims: { licensing: { seat: true, license: { status: 'active' } } },
      });
    const guard = createGuard({ auth: staleCarol });
    await expect(
      guard.action(access.permission('org:tasks:edit'), world.licensing.seat),
    ).resolves.toMatchObject({
      userId: 'user_carol',
    });
    expect(
      await thrown(
        guard.action(access.permission('org:tasks:edit'), world.licensing.requireSeat({ fresh: true })),
      ),
    ).toMatchObject({ code: 'no_seat' });
  });
});
