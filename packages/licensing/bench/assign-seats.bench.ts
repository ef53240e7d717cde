import { startPostgresServer } from '@clerkship/testing/postgres';
import { and, count, eq, isNull } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, test } from 'vitest';
import { assignSeatFunctionSql, licensingSql } from '../src/drizzle/__fixtures__/licensing-sql';
import { createPostgresLicensingStore } from '../src/drizzle/postgres-licensing-store';
import { licensingLicenses, licensingSeats } from '../src/drizzle/schema';

// Seat assignments per second, 8 admins at once, each on its own app instance (its own pool), on a real
// Postgres server started here. Baseline in the same run: the guide's way (count the seats, then
// write if the count is under the limit, no lock), which is as fast and over-assigns.
const admins = 8;
const policy = { pastDueGraceDays: 7 };
const server = await startPostgresServer();
if (!server) throw new Error('bench: needs a PostgreSQL server (apt install postgresql)');
const instances = Array.from({ length: admins }, () =>
  drizzle({ connection: { connectionString: server.url, max: 4 } }),
);
const [first] = instances;
if (!first) throw new Error('bench: no instance');
await first.$client.query(licensingSql);
// Stores created before the migration find its function missing and keep the transaction path.
const transactionStores = instances.map((db) => createPostgresLicensingStore(db));
const quiet = console.warn;
console.warn = () => {};
await Promise.all(
  transactionStores.map((store) => store.assignSeat('org_probe', 'user_probe', null, policy).catch(() => {})),
);
console.warn = quiet;
await first.$client.query(assignSeatFunctionSql);
const stores = instances.map((db) => createPostgresLicensingStore(db));

async function licenseFor(orgId: string, seatLimit: number) {
  const store = stores[0];
  if (!store) throw new Error('bench: no store');
  await store.writeLicense(
    orgId,
    `cus_${orgId}`,
    {
      status: 'active',
      subscriptionId: `sub_${orgId}`,
      plan: 'team',
      priceId: 'price_team_seat',
      itemId: `si_${orgId}`,
      seatLimit,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
    },
    await store.now(),
    'revoke-newest',
  );
}

let next = 0;
await licenseFor('org_bench', 100_000_000);
await licenseFor('org_guide', 100_000_000);
await licenseFor('org_transaction', 100_000_000);

/** The guide's check, done on the server (the guide only disables the switch in the UI). */
async function guideAssign(db: (typeof instances)[number], orgId: string, userId: string) {
  const [license] = await db.select().from(licensingLicenses).where(eq(licensingLicenses.orgId, orgId));
  const [used] = await db
    .select({ used: count() })
    .from(licensingSeats)
    .where(and(eq(licensingSeats.orgId, orgId), isNull(licensingSeats.revokedAt)));
  if (!license || (used?.used ?? 0) >= license.seatLimit) throw new Error('full');
  await db.insert(licensingSeats).values({ orgId, userId }).onConflictDoNothing();
}

/** 200 assignments for 10 seats, 8 admins at once: how many seats each way grants. */
async function overAssignment() {
  const results: string[] = [];
  for (const [name, assign] of [
    [
      "licensing (one call of the migration's function)",
      (i: number, orgId: string) => stores[i % admins]?.assignSeat(orgId, `user_${i}`, null, policy),
    ],
    [
      'licensing without the migration (a transaction)',
      (i: number, orgId: string) =>
        transactionStores[i % admins]?.assignSeat(orgId, `user_${i}`, null, policy),
    ],
    [
      'the guide’s count-then-write',
      (i: number, orgId: string) =>
        guideAssign(instances[i % admins] as (typeof instances)[number], orgId, `user_${i}`),
    ],
  ] as const) {
    const orgId = `org_race_${results.length}`;
    await licenseFor(orgId, 10);
    await Promise.allSettled(Array.from({ length: 200 }, (_, i) => assign(i, orgId)));
    const [held] = await first
      .select({ held: count() })
      .from(licensingSeats)
      .where(and(eq(licensingSeats.orgId, orgId), isNull(licensingSeats.revokedAt)));
    results.push(`${name}: ${held?.held} seats granted of 10`);
  }
  return results;
}

afterAll(async () => {
  for (const line of await overAssignment()) console.info(`bench: ${line}`);
  await Promise.all(instances.map((db) => db.$client.end()));
  await server.stop();
});

test(`${admins} admins assigning seats at once (8 assignments per iteration), one real Postgres server`, async ({
  bench,
}) => {
  await bench.compare(
    bench("the guide's count-then-write (baseline, not safe)", async () => {
      await Promise.all(instances.map((db) => guideAssign(db, 'org_guide', `user_${next++}`)));
    }),
    bench("licensing: assignSeat (one call of the migration's function)", async () => {
      await Promise.all(
        stores.map((store) => store.assignSeat('org_bench', `user_${next++}`, 'user_admin', policy)),
      );
    }),
    bench('licensing: assignSeat without the migration (a transaction)', async () => {
      await Promise.all(
        transactionStores.map((store) =>
          store.assignSeat('org_transaction', `user_${next++}`, 'user_admin', policy),
        ),
      );
    }),
  );
});
