import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LicensingError } from '../errors';
import type { LicenseSnapshot } from '../license';
import type { LicensingStore } from '../licensing-store';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { createPostgresLicensingStore } from './postgres-licensing-store';

const policy = { pastDueGraceDays: 7 };
const acme = 'org_acme';

let db: TestDatabase;
let store: LicensingStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createPostgresLicensingStore(db);
});
beforeEach(() => emptyTestDatabase(db));

function snapshot(overrides: Partial<LicenseSnapshot> = {}): LicenseSnapshot {
  return {
    status: 'active',
    subscriptionId: 'sub_acme',
    plan: 'team',
    priceId: 'price_team_seat',
    itemId: 'si_acme',
    seatLimit: 3,
    currentPeriodEnd: new Date('2027-01-01T00:00:00Z'),
    cancelAtPeriodEnd: false,
    ...overrides,
  };
}

async function license(
  overrides: Partial<LicenseSnapshot> = {},
  at?: Date,
  strategy = 'revoke-newest' as const,
) {
  return store.writeLicense(acme, 'cus_acme', snapshot(overrides), at ?? (await store.now()), strategy);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (LicensingError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('customers', () => {
  it('records one customer per organization; a second one loses to the first', async () => {
    expect(await store.saveCustomer(acme, 'cus_first')).toBe('cus_first');
    expect(await store.saveCustomer(acme, 'cus_second')).toBe('cus_first');
    expect(await store.customerOf(acme)).toBe('cus_first');
    expect(await store.organizationOf('cus_first')).toBe(acme);
    expect(await store.organizationOf('cus_second')).toBeNull();
  });
});

describe('seats', () => {
  it('assigns up to the purchased quantity, then refuses with seat_limit_reached', async () => {
    await license({ seatLimit: 2 });
    expect(await store.assignSeat(acme, 'user_alice', 'user_admin', policy)).toBe('assigned');
    expect(await store.assignSeat(acme, 'user_bob', 'user_admin', policy)).toBe('assigned');
    expect(await codeOf(store.assignSeat(acme, 'user_carol', 'user_admin', policy))).toBe(
      'seat_limit_reached',
    );
    expect((await store.seats(acme)).map((seat) => seat.userId)).toEqual(['user_alice', 'user_bob']);
    expect((await store.license(acme))?.seatsUsed).toBe(2);
  });

  it('assigning a member twice takes one seat', async () => {
    await license({ seatLimit: 2 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    expect(await store.assignSeat(acme, 'user_alice', null, policy)).toBe('already_assigned');
    expect((await store.license(acme))?.seatsUsed).toBe(1);
  });

  it('a revoked seat is free again, and can be assigned again', async () => {
    await license({ seatLimit: 1 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    expect(await store.revokeSeat(acme, 'user_alice')).toBe(true);
    expect(await store.revokeSeat(acme, 'user_alice')).toBe(false);
    expect(await store.assignSeat(acme, 'user_bob', null, policy)).toBe('assigned');
    expect(await store.revokeSeat(acme, 'user_bob')).toBe(true);
    expect(await store.assignSeat(acme, 'user_alice', null, policy)).toBe('assigned');
    expect((await store.license(acme))?.seatsUsed).toBe(1);
  });

  it('no subscription: no_subscription; a canceled one: license_inactive; nothing is written', async () => {
    expect(await codeOf(store.assignSeat(acme, 'user_alice', null, policy))).toBe('no_subscription');
    await license({ status: 'canceled' });
    expect(await codeOf(store.assignSeat(acme, 'user_alice', null, policy))).toBe('license_inactive');
    expect(await store.seats(acme)).toEqual([]);
    expect((await store.license(acme))?.seatsUsed).toBe(0);
  });

  it('holdsSeat re-checks the seat and the status policy in the database', async () => {
    await license({ seatLimit: 2 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    expect(await store.holdsSeat(acme, 'user_alice', policy)).toBe(true);
    expect(await store.holdsSeat(acme, 'user_bob', policy)).toBe(false);
    expect(await store.holdsSeat('org_other', 'user_alice', policy)).toBe(false);
    await license({ status: 'unpaid', seatLimit: 2 });
    expect(await store.holdsSeat(acme, 'user_alice', policy)).toBe(false);
  });

  it('past_due keeps assigning during the grace period, counted from the first past_due sync', async () => {
    const now = await store.now();
    await license({ status: 'past_due' }, new Date(now.getTime() - 8 * 86_400_000));
    expect(await codeOf(store.assignSeat(acme, 'user_alice', null, policy))).toBe('license_inactive');
    // A later sync, still past_due, keeps the first past_due moment.
    await license({ status: 'past_due' }, now);
    expect((await store.license(acme))?.pastDueSince?.getTime()).toBe(now.getTime() - 8 * 86_400_000);
    await license({ status: 'active' });
    expect(await store.assignSeat(acme, 'user_alice', null, policy)).toBe('assigned');
    expect((await store.license(acme))?.pastDueSince).toBeNull();
  });
});

describe('writeLicense: the newest sync wins', () => {
  it('an older sync never overwrites a newer one', async () => {
    const now = await store.now();
    await license({ seatLimit: 10 }, now);
    const older = await license({ seatLimit: 2 }, new Date(now.getTime() - 1000));
    expect(older.written).toBe(false);
    expect((await store.license(acme))?.seatLimit).toBe(10);
  });

  it('when the quantity drops below the seats in use, revoke-newest revokes the newest seats', async () => {
    await license({ seatLimit: 3 });
    for (const user of ['user_alice', 'user_bob', 'user_carol'])
      await store.assignSeat(acme, user, null, policy);
    const result = await license({ seatLimit: 1 });
    expect(result.revoked.sort()).toEqual(['user_bob', 'user_carol']);
    expect((await store.seats(acme)).map((seat) => seat.userId)).toEqual(['user_alice']);
    expect(result.license.seatsUsed).toBe(1);
  });

  it('keep-until-revoked keeps every seat and assigns no new one until the count fits', async () => {
    await license({ seatLimit: 2 });
    for (const user of ['user_alice', 'user_bob']) await store.assignSeat(acme, user, null, policy);
    const result = await license({ seatLimit: 1 }, undefined, 'keep-until-revoked' as never);
    expect(result.revoked).toEqual([]);
    expect(result.license.seatsUsed).toBe(2);
    expect(await codeOf(store.assignSeat(acme, 'user_carol', null, policy))).toBe('seat_limit_reached');
    await store.revokeSeat(acme, 'user_bob');
    expect(await codeOf(store.assignSeat(acme, 'user_carol', null, policy))).toBe('seat_limit_reached');
    await store.revokeSeat(acme, 'user_alice');
    expect(await store.assignSeat(acme, 'user_carol', null, policy)).toBe('assigned');
  });

  it('a canceled subscription keeps the assignments (they grant nothing) so a renewal restores them', async () => {
    await license({ seatLimit: 2 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    const result = await license({ status: 'canceled', seatLimit: 0 });
    expect(result.revoked).toEqual([]);
    expect(await store.holdsSeat(acme, 'user_alice', policy)).toBe(false);
    await license({ status: 'active', seatLimit: 2, subscriptionId: 'sub_renewed' });
    expect(await store.holdsSeat(acme, 'user_alice', policy)).toBe(true);
  });
});

describe('the Clerk mirror outbox', () => {
  it('owes the license claim when the status changes, and each seat change, until marked', async () => {
    await license({ seatLimit: 2 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    const pending = await store.pendingMirror(acme, policy);
    expect(pending.license?.claim).toEqual({ status: 'active' });
    expect(pending.seats).toEqual([{ userId: 'user_alice', seat: true, version: 1 }]);
    await store.markMirrored(acme, { license: pending.license?.version, seats: pending.seats });
    expect(await store.pendingMirror(acme, policy)).toEqual({ license: null, seats: [] });

    // Same status again (a duplicate event): nothing owed. A revocation: owed.
    await license({ seatLimit: 2 });
    await store.revokeSeat(acme, 'user_alice');
    expect(await store.pendingMirror(acme, policy)).toEqual({
      license: null,
      seats: [{ userId: 'user_alice', seat: false, version: 2 }],
    });
  });

  it('a seat freed because the membership is gone owes nothing', async () => {
    await license({ seatLimit: 2 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    await store.markMirrored(acme, { seats: [{ userId: 'user_alice', version: 1 }] });
    await store.revokeSeat(acme, 'user_alice', { mirrored: true });
    expect((await store.pendingMirror(acme, policy)).seats).toEqual([]);
    expect((await store.license(acme))?.seatsUsed).toBe(0);
  });

  it('a deleted organization frees every seat and owes Clerk nothing', async () => {
    await license({ seatLimit: 2 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    await store.organizationDeleted(acme);
    expect(await store.seats(acme)).toEqual([]);
    expect(await store.pendingMirror(acme, policy)).toEqual({ license: null, seats: [] });
  });
});

describe('faults', () => {
  it('refuses something that is not a drizzle database', () => {
    expect(() => createPostgresLicensingStore({} as never)).toThrow(/drizzle Postgres database/);
  });

  it('a database error is store_failed (503), and grants nothing', async () => {
    // A table that is not there answers every query with an error, like a database that went away.
    await db.$client.exec('ALTER TABLE licensing_licenses RENAME TO licensing_licenses_away');
    const error = await store.holdsSeat(acme, 'user_alice', policy).catch((caught: unknown) => caught);
    await db.$client.exec('ALTER TABLE licensing_licenses_away RENAME TO licensing_licenses');
    expect(error).toMatchObject({ code: 'store_failed', status: 503 });
  });
});

describe('seat assignment in one call (the migration 0000_clerkship_licensing_assign_seat)', () => {
  it('with the migration, an assignment opens no transaction: one call of the function', async () => {
    await license({ seatLimit: 1 });
    const transaction = vi.spyOn(db, 'transaction');
    try {
      expect(await store.assignSeat(acme, 'user_alice', 'user_admin', policy)).toBe('assigned');
      expect(await store.assignSeat(acme, 'user_alice', 'user_admin', policy)).toBe('already_assigned');
      const refused = await store.assignSeat(acme, 'user_bob', 'user_admin', policy).catch((error) => error);
      expect(LicensingError.isInstance(refused) && refused.code).toBe('seat_limit_reached');
      expect(refused.message).toContain('all 1 purchased seats');
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      transaction.mockRestore();
    }
    expect((await store.seats(acme)).map((seat) => seat.userId)).toEqual(['user_alice']);
  });

  it('without it, assignments run as a transaction, with the same outcomes, and say so once', async () => {
    const bare = await createTestDatabase({ withoutMigration: true });
    const fallback = createPostgresLicensingStore(bare);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await fallback.writeLicense(
        acme,
        'cus_acme',
        snapshot({ seatLimit: 1 }),
        await fallback.now(),
        'revoke-newest',
      );
      expect(await fallback.assignSeat(acme, 'user_alice', null, policy)).toBe('assigned');
      expect(await fallback.assignSeat(acme, 'user_alice', null, policy)).toBe('already_assigned');
      const refused = await fallback.assignSeat(acme, 'user_bob', null, policy).catch((error) => error);
      expect(LicensingError.isInstance(refused) && refused.code).toBe('seat_limit_reached');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toContain('0000_clerkship_licensing_assign_seat');
    } finally {
      warn.mockRestore();
      await bare.$client.close();
    }
  });

  it("inside a caller's transaction, a refusal rolls back only the assignment", async () => {
    await license({ seatLimit: 1 });
    await store.assignSeat(acme, 'user_alice', null, policy);
    const outcome = await db.transaction(async (tx) => {
      const bound = store.bind(tx);
      const refused = await bound.assignSeat(acme, 'user_bob', null, policy).catch((error) => error);
      // The caller's transaction goes on after the refusal.
      await bound.revokeSeat(acme, 'user_alice');
      return refused;
    });
    expect(LicensingError.isInstance(outcome) && outcome.code).toBe('seat_limit_reached');
    expect(await store.seats(acme)).toEqual([]);
  });
});
