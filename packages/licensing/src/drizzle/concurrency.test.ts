import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LicensingError } from '../errors';
import type { LicenseSnapshot } from '../license';
import type { LicensingStore } from '../licensing-store';
import { assignSeatFunctionSql } from './__fixtures__/licensing-sql';
import { noServerReason, startLicensingServer } from './__fixtures__/postgres-server';
import { createPostgresLicensingStore } from './postgres-licensing-store';

// Five app instances (five pools) on one real Postgres server: PGlite runs one transaction at a time,
// so only a real server can prove that the database, not the process, enforces the limits.
const server = await startLicensingServer(5);
if (!server) console.warn(`@clerkship/licensing concurrency tests skipped: ${noServerReason}`);

const policy = { pastDueGraceDays: 7 };
const acme = 'org_acme';
let stores: LicensingStore[] = [];

function snapshot(overrides: Partial<LicenseSnapshot> = {}): LicenseSnapshot {
  return {
    status: 'active',
    subscriptionId: 'sub_acme',
    plan: 'team',
    priceId: 'price_team_seat',
    itemId: 'si_acme',
    seatLimit: 10,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    ...overrides,
  };
}

const instance = (index: number) => stores[index % stores.length] as LicensingStore;

describe.skipIf(!server)('on a real Postgres server, five app instances at once', () => {
  beforeAll(() => {
    stores = server?.databases.map((db) => createPostgresLicensingStore(db)) ?? [];
  });
  beforeEach(() => server?.truncate());
  afterAll(() => server?.stop());

  it('50 concurrent assignments for 10 seats grant exactly 10', async () => {
    await instance(0).writeLicense(
      acme,
      'cus_acme',
      snapshot({ seatLimit: 10 }),
      await instance(0).now(),
      'revoke-newest',
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        instance(index).assignSeat(acme, `user_${index}`, 'user_admin', policy),
      ),
    );
    const granted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(granted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const outcome of refused) {
      expect(LicensingError.isInstance(outcome.reason) && outcome.reason.code).toBe('seat_limit_reached');
    }
    expect(await instance(1).seats(acme)).toHaveLength(10);
    expect((await instance(2).license(acme))?.seatsUsed).toBe(10);
  });

  it('the same member assigned from every instance at once takes one seat', async () => {
    await instance(0).writeLicense(
      acme,
      'cus_acme',
      snapshot({ seatLimit: 10 }),
      await instance(0).now(),
      'revoke-newest',
    );
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => instance(index).assignSeat(acme, 'user_alice', null, policy)),
    );
    expect(outcomes.filter((outcome) => outcome === 'assigned')).toHaveLength(1);
    expect((await instance(0).license(acme))?.seatsUsed).toBe(1);
  });

  it('assignments and revocations racing keep the count equal to the seats held, never above the limit', async () => {
    await instance(0).writeLicense(
      acme,
      'cus_acme',
      snapshot({ seatLimit: 5 }),
      await instance(0).now(),
      'revoke-newest',
    );
    const work = Array.from({ length: 60 }, (_, index) => {
      const user = `user_${index % 12}`;
      return index % 3 === 2
        ? instance(index).revokeSeat(acme, user)
        : instance(index)
            .assignSeat(acme, user, null, policy)
            .catch(() => 'refused');
    });
    await Promise.all(work);
    const held = await instance(0).seats(acme);
    const license = await instance(1).license(acme);
    expect(license?.seatsUsed).toBe(held.length);
    expect(held.length).toBeLessThanOrEqual(5);
  });

  it('without the migration (its function dropped), the transaction path grants exactly 10 of 50 too', async () => {
    const [first] = server?.databases ?? [];
    if (!first) throw new Error('no database');
    await first.execute('DROP FUNCTION clerkship_licensing_assign_seat_v1');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // New stores: each finds the function missing on its first assignment and falls back.
      const fallback = server?.databases.map((db) => createPostgresLicensingStore(db)) ?? [];
      await fallback[0]?.writeLicense(
        acme,
        'cus_acme',
        snapshot({ seatLimit: 10 }),
        new Date(),
        'revoke-newest',
      );
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, index) =>
          fallback[index % fallback.length]?.assignSeat(acme, `user_${index}`, 'user_admin', policy),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
      expect((await instance(0).license(acme))?.seatsUsed).toBe(10);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('0000_clerkship_licensing_assign_seat'));
    } finally {
      warn.mockRestore();
      await first.execute(assignSeatFunctionSql);
    }
  });

  it('concurrent first checkouts record one customer for the organization', async () => {
    const recorded = await Promise.all(
      Array.from({ length: 10 }, (_, index) => instance(index).saveCustomer(acme, `cus_attempt_${index}`)),
    );
    expect(new Set(recorded).size).toBe(1);
    expect(await instance(3).customerOf(acme)).toBe(recorded[0]);
  });

  it('duplicated and reordered syncs, written at once, end in the newest row', async () => {
    const start = (await instance(0).now()).getTime();
    // Ten syncs read Stripe one after another (quantities 1…10); their writes arrive shuffled and twice.
    const syncs = Array.from({ length: 10 }, (_, index) => ({
      at: new Date(start + index * 1000),
      snapshot: snapshot({ seatLimit: index + 1, status: index === 9 ? 'past_due' : 'active' }),
    }));
    const deliveries = [...syncs, ...syncs].sort(() => Math.random() - 0.5);
    await Promise.all(
      deliveries.map((sync, index) =>
        instance(index).writeLicense(acme, 'cus_acme', sync.snapshot, sync.at, 'revoke-newest'),
      ),
    );
    const license = await instance(4).license(acme);
    expect(license).toMatchObject({ seatLimit: 10, status: 'past_due' });
    expect(license?.syncedAt.getTime()).toBe(start + 9000);
  });
});
