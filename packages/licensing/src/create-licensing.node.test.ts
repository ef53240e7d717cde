import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BillingWorld, createBillingWorld, urls } from './__fixtures__/billing-world';
import { createLicensing } from './create-licensing';
import { LicensingError } from './errors';
import { isLicensed } from './is-licensed';

let world: BillingWorld;

beforeAll(async () => {
  world = await createBillingWorld();
});
afterAll(() => world.close());

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (LicensingError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

const subjectOf = (orgId: string, userId: string) => ({
  userId,
  orgId,
  orgRole: 'org:member',
  tenantId: orgId,
  claims: world.clerkFake.claimsOf(orgId, userId),
  holds: () => false,
});

describe('buying seats', () => {
  it('Acme’s admin buys 5 team seats through Checkout; the webhook writes an active license mirrored into Clerk', async () => {
    const { session, response } = await world.buySeats('org_acme', { plan: 'team', seats: 5 });
    expect(response.status).toBe(303);
    const customers = [...world.fake.customers.values()].filter(
      (customer) => customer.metadata.clerk_org_id === 'org_acme',
    );
    expect(customers).toHaveLength(1);
    expect(world.fake.checkoutSessions.get(session.id)).toMatchObject({
      client_reference_id: 'org_acme',
      customer: customers[0]?.id,
    });
    const license = await world.store.license('org_acme');
    expect(license).toMatchObject({ status: 'active', plan: 'team', seatLimit: 5, seatsUsed: 0 });
    expect(world.clerkFake.organization('org_acme')).toEqual({ license: { status: 'active' } });
  });

  it('a second checkout for a subscribed organization is refused with already_subscribed', async () => {
    await world.buySeats('org_globex', { plan: 'team', seats: 2 });
    const sessions = world.fake.checkoutSessions.size;
    expect(await codeOf(world.licensing.checkout('org_globex', { plan: 'team', seats: 3 }, urls))).toBe(
      'already_subscribed',
    );
    expect(world.fake.checkoutSessions.size).toBe(sessions);
  });

  it.each([
    ['a plan key not declared', { plan: 'platinum', seats: 5 }, 'invalid_input'],
    ['a Stripe price id', { plan: 'price_123', seats: 5 }, 'invalid_input'],
    ['quantity 0', { plan: 'team', seats: 0 }, 'quantity_out_of_range'],
    ['a negative quantity', { plan: 'team', seats: -2 }, 'quantity_out_of_range'],
    ['a quantity above the plan’s bound', { plan: 'team', seats: 51 }, 'quantity_out_of_range'],
  ])('%s is refused before anything reaches Stripe', async (_, input, code) => {
    const before = { customers: world.fake.customers.size, sessions: world.fake.checkoutSessions.size };
    expect(await codeOf(world.licensing.checkout('org_initech', input, urls))).toBe(code);
    expect({ customers: world.fake.customers.size, sessions: world.fake.checkoutSessions.size }).toEqual(
      before,
    );
  });

  it('concurrent first checkouts (and organization.created retried) make one Stripe customer and one row', async () => {
    await Promise.all([
      world.licensing.checkout('org_umbrella', { plan: 'team', seats: 3 }, urls),
      world.licensing.checkout('org_umbrella', { plan: 'team', seats: 4 }, urls),
      world.licensing.clerkCallbacks.onOrganizationCreated({ id: 'org_umbrella', name: 'Umbrella' }, {}),
      world.licensing.clerkCallbacks.onOrganizationCreated({ id: 'org_umbrella', name: 'Umbrella' }, {}),
    ]);
    const customers = [...world.fake.customers.values()].filter(
      (customer) => customer.metadata.clerk_org_id === 'org_umbrella',
    );
    expect(customers).toHaveLength(1);
    expect(customers[0]?.name).toBe('Umbrella');
    expect(await world.store.customerOf('org_umbrella')).toBe(customers[0]?.id);
  });

  it('a sync costs one Stripe call: the list of the customer’s subscriptions', async () => {
    const customerId = (await world.store.customerOf('org_acme')) as string;
    const list = vi.spyOn(world.stripe.subscriptions, 'list');
    const retrieve = vi.spyOn(world.stripe.subscriptions, 'retrieve');
    const customer = vi.spyOn(world.stripe.customers, 'retrieve');
    const outcome = await world.licensing.syncCustomer(customerId);
    expect(outcome).toMatchObject({ outcome: 'written', orgId: 'org_acme' });
    expect([list.mock.calls.length, retrieve.mock.calls.length, customer.mock.calls.length]).toEqual([
      1, 0, 0,
    ]);
    list.mockRestore();
    retrieve.mockRestore();
    customer.mockRestore();
  });
});

describe('assigning seats', () => {
  it('Acme’s admin assigns all 5 seats; the sixth is refused; each assignment is one Backend API call', async () => {
    world.clerkFake.clearCalls();
    for (const userId of ['user_admin', 'user_alice', 'user_bob', 'user_carol', 'user_dave']) {
      expect(await world.licensing.assignSeat('org_acme', { userId }, { assignedBy: 'user_admin' })).toBe(
        'assigned',
      );
    }
    expect(world.clerkFake.calls).toHaveLength(5);
    expect(await codeOf(world.licensing.assignSeat('org_acme', { userId: 'user_erin' }))).toBe(
      'seat_limit_reached',
    );
    expect(world.clerkFake.calls).toHaveLength(5);
    expect(world.clerkFake.membership('org_acme', 'user_erin')).toEqual({});
  });

  it('Alice’s claims license her; Erin’s do not; the fresh requirement agrees from the database', async () => {
    expect(isLicensed(world.clerkFake.claimsOf('org_acme', 'user_alice'))).toBe(true);
    expect(isLicensed(world.clerkFake.claimsOf('org_acme', 'user_erin'))).toBe(false);
    expect(await world.licensing.seat.check(subjectOf('org_acme', 'user_alice'))).toBeNull();
    expect(await world.licensing.seat.check(subjectOf('org_acme', 'user_erin'))).toMatchObject({
      code: 'no_seat',
      status: 403,
    });
    const fresh = world.licensing.requireSeat({ fresh: true });
    expect(await fresh.check(subjectOf('org_acme', 'user_alice'))).toBeNull();
    expect(await fresh.check(subjectOf('org_acme', 'user_erin'))).toMatchObject({ code: 'no_seat' });
    expect(await fresh.check({ ...subjectOf('org_acme', 'user_alice'), orgId: null })).toMatchObject({
      code: 'no_organization',
    });
  });

  it('assigning a user who is not a member is not_a_member, and takes no seat', async () => {
    await world.licensing.revokeSeat('org_acme', { userId: 'user_dave' });
    expect(await codeOf(world.licensing.assignSeat('org_acme', { userId: 'user_mallory' }))).toBe(
      'not_a_member',
    );
    const { seats, license } = await world.licensing.overview('org_acme');
    expect(seats.map((seat) => seat.userId)).not.toContain('user_mallory');
    expect(license?.seatsUsed).toBe(4);
    expect(await world.licensing.assignSeat('org_acme', { userId: 'user_dave' })).toBe('assigned');
  });

  it('a malformed user id is invalid_input and changes nothing', async () => {
    expect(await codeOf(world.licensing.assignSeat('org_acme', { userId: 'user_1; drop table' }))).toBe(
      'invalid_input',
    );
    expect(await codeOf(world.licensing.revokeSeat('org_acme', {}))).toBe('invalid_input');
  });

  it('assigning with no subscription is no_subscription', async () => {
    expect(await codeOf(world.licensing.assignSeat('org_hooli', { userId: 'user_alice' }))).toBe(
      'no_subscription',
    );
  });

  it('a member who leaves frees the seat, with no Backend API call', async () => {
    world.clerkFake.clearCalls();
    await world.licensing.clerkCallbacks.onOrganizationMembershipDeleted(
      { organization: { id: 'org_acme' }, public_user_data: { user_id: 'user_dave' } },
      {},
    );
    expect((await world.store.license('org_acme'))?.seatsUsed).toBe(4);
    await world.licensing.flushMirror('org_acme');
    expect(world.clerkFake.calls).toEqual([]);
  });
});

describe('changing seats', () => {
  it('below the seats in use is seats_in_use; outside the plan is quantity_out_of_range; nothing reaches Stripe', async () => {
    const update = vi.spyOn(world.stripe.subscriptions, 'update');
    expect(await codeOf(world.licensing.changeSeats('org_acme', { seats: 3 }))).toBe('seats_in_use');
    expect(await codeOf(world.licensing.changeSeats('org_acme', { seats: 51 }))).toBe(
      'quantity_out_of_range',
    );
    expect(await codeOf(world.licensing.changeSeats('org_acme', { seats: 'many' }))).toBe('invalid_input');
    expect(await codeOf(world.licensing.changeSeats('org_hooli', { seats: 3 }))).toBe('no_subscription');
    expect(update).not.toHaveBeenCalled();
    update.mockRestore();
  });

  it('to 8 seats: Stripe’s item quantity and the license show 8 at once', async () => {
    const license = await world.licensing.changeSeats('org_acme', { seats: 8 });
    expect(license.seatLimit).toBe(8);
    expect((await world.subscriptionOf('org_acme'))?.items.data[0]?.quantity).toBe(8);
    await world.fake.waitForDeliveries();
    expect((await world.store.license('org_acme'))?.seatLimit).toBe(8);
  });

  it('lowering the quantity in the portal below the seats in use revokes the newest seats, in Clerk too', async () => {
    for (const userId of ['user_erin', 'user_frank'])
      await world.licensing.assignSeat('org_acme', { userId });
    const portal = await world.licensing.portal('org_acme', { returnUrl: 'http://app.test/billing' });
    const subscription = await world.subscriptionOf('org_acme');
    await world.submit(portal.url, {
      subscription: subscription?.id ?? '',
      quantity: '4',
      action: 'update_quantity',
    });
    const { license, seats } = await world.licensing.overview('org_acme');
    expect(license).toMatchObject({ seatLimit: 4, seatsUsed: 4 });
    expect(seats.map((seat) => seat.userId).sort()).toEqual([
      'user_admin',
      'user_alice',
      'user_bob',
      'user_carol',
    ]);
    expect(world.clerkFake.membership('org_acme', 'user_frank')).toEqual({});
    expect(world.clerkFake.membership('org_acme', 'user_erin')).toEqual({});
    expect(isLicensed(world.clerkFake.claimsOf('org_acme', 'user_frank'))).toBe(false);
  });

  it('the portal needs a customer: no_subscription before the first checkout', async () => {
    expect(await codeOf(world.licensing.portal('org_hooli', { returnUrl: 'http://app.test/billing' }))).toBe(
      'no_subscription',
    );
  });
});

describe('canceling', () => {
  it('a canceled subscription licenses nobody, from the claims and from the database', async () => {
    const subscription = await world.subscriptionOf('org_acme');
    await world.stripe.subscriptions.cancel(subscription?.id ?? '');
    await world.fake.waitForDeliveries();
    expect(await world.store.license('org_acme')).toMatchObject({ status: 'canceled' });
    expect(world.clerkFake.organization('org_acme')).toEqual({ license: { status: 'canceled' } });
    expect(isLicensed(world.clerkFake.claimsOf('org_acme', 'user_alice'))).toBe(false);
    expect(
      await world.licensing.requireSeat({ fresh: true }).check(subjectOf('org_acme', 'user_alice')),
    ).toMatchObject({
      code: 'no_seat',
    });
    expect(await codeOf(world.licensing.assignSeat('org_acme', { userId: 'user_erin' }))).toBe(
      'license_inactive',
    );
    expect(await codeOf(world.licensing.changeSeats('org_acme', { seats: 9 }))).toBe('license_inactive');
  });

  it('after canceling, the organization may check out again', async () => {
    const { response } = await world.buySeats('org_acme', { plan: 'team', seats: 6 });
    expect(response.status).toBe(303);
    expect(await world.store.license('org_acme')).toMatchObject({
      status: 'active',
      seatLimit: 6,
      seatsUsed: 4,
    });
    expect(isLicensed(world.clerkFake.claimsOf('org_acme', 'user_alice'))).toBe(true);
  });
});

describe('options', () => {
  it('refuses missing plans, store or Stripe, and unknown strategies, with invalid_option', () => {
    const { plans, store, stripe } = world;
    expect(() => createLicensing({ store, stripe } as never)).toThrow(/`plans` is required/);
    expect(() => createLicensing({ plans, stripe } as never)).toThrow(/`store` is required/);
    expect(() => createLicensing({ plans, store } as never)).toThrow(/`stripe` is required/);
    expect(() => createLicensing({ plans, store, stripe, overLimit: 'random' as never })).toThrow(
      /overLimit/,
    );
    expect(() => createLicensing({ plans, store, stripe, pastDueGraceDays: -1 })).toThrow(/pastDueGraceDays/);
  });
});
