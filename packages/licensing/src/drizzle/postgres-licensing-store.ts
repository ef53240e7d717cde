import { postgresErrorOf } from '@clerkship/internal';
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { LicensingError } from '../errors';
import type { License, LicenseSnapshot } from '../license';
import type { LicensingStore, OverLimitStrategy, PendingMirror } from '../licensing-store';
import { licenseClaimOf, licenseGrantsSeats, type StatusPolicy } from '../status-policy';
import { licensingCustomers, licensingLicenses, licensingSeats } from './schema';

/**
 * Any drizzle Postgres database or transaction: PGlite, node-postgres, postgres.js, Neon over
 * WebSockets (not drizzle-orm/neon-http, which has no transactions).
 */
// biome-ignore lint/suspicious/noExplicitAny: any driver's query result type and any schema are accepted.
export type AnyPgDatabase = PgDatabase<any, any, any>;

type LicenseRow = typeof licensingLicenses.$inferSelect;

function licenseOf(row: LicenseRow): License {
  return {
    orgId: row.orgId,
    customerId: row.customerId,
    status: row.status as License['status'],
    subscriptionId: row.subscriptionId,
    plan: row.plan,
    priceId: row.priceId,
    itemId: row.itemId,
    seatLimit: row.seatLimit,
    seatsUsed: row.seatsUsed,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    pastDueSince: row.pastDueSince,
    syncedAt: row.syncedAt,
  };
}

function assertDatabase(db: unknown, what: string): asserts db is AnyPgDatabase {
  const candidate = db as Partial<AnyPgDatabase> | null | undefined;
  if (
    typeof candidate?.transaction !== 'function' ||
    typeof candidate.select !== 'function' ||
    typeof candidate.execute !== 'function'
  ) {
    throw new LicensingError(
      'invalid_option',
      `${what} needs a drizzle Postgres database or transaction. Pass what \`drizzle(...)\` from drizzle-orm/pglite, drizzle-orm/node-postgres or drizzle-orm/neon-serverless returns.`,
    );
  }
}

/** The rows of `db.execute()`, whatever the driver (an array for postgres.js, `{ rows }` for the others). */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

/** Runs a store query; a database fault becomes `store_failed` (503), so nothing is granted on it. */
export async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (LicensingError.isInstance(error)) throw error;
    throw new LicensingError(
      'store_failed',
      `the database failed while ${what}. Nothing was granted; retry once the database answers.`,
      { cause: error },
    );
  }
}

/**
 * The licensing store on Postgres through drizzle. Correctness under concurrency comes from the
 * database: an assignment inserts the member's row (primary key on organization and member) and then
 * claims a seat with one conditional `UPDATE … SET seats_used = seats_used + 1 WHERE seats_used <
 * seat_limit`, in one transaction, so 50 concurrent assignments for 10 seats grant exactly 10 across any
 * number of app instances. A sync locks the license row and writes only when it started reading Stripe
 * after the sync that wrote the row.
 *
 * @example
 * import { createPostgresLicensingStore } from '@clerkship/licensing/drizzle';
 *
 * const store = createPostgresLicensingStore(db);
 * const licensing = createLicensing({ plans, store, stripe, clerk: clerkClient });
 *
 * @throws {LicensingError} `invalid_option` when `db` is not a drizzle Postgres database.
 */
export function createPostgresLicensingStore(db: AnyPgDatabase): LicensingStore {
  assertDatabase(db, 'createPostgresLicensingStore(db)');
  return storeOn(db, { inTransaction: false, assignFunction: { installed: undefined } });
}

/** Whether the database has the one-call assignment function: unknown until the first assignment. */
interface AssignFunctionState {
  installed: boolean | undefined;
}

/** The SQL function of the migration `0000_clerkship_licensing_assign_seat`. */
const assignFunction = 'clerkship_licensing_assign_seat_v1';
const assignMigration = '0000_clerkship_licensing_assign_seat';

function storeOn(
  db: AnyPgDatabase,
  context: { inTransaction: boolean; assignFunction: AssignFunctionState },
): LicensingStore {
  async function licenseRow(executor: AnyPgDatabase, orgId: string, lock = false) {
    const query = executor.select().from(licensingLicenses).where(eq(licensingLicenses.orgId, orgId));
    const [row] = await (lock ? query.for('update') : query);
    return row;
  }

  return {
    bind(transaction) {
      assertDatabase(transaction, 'store.bind(transaction)');
      return storeOn(transaction, { ...context, inTransaction: true });
    },

    now: () =>
      guarded('reading the clock', async () => {
        const [row] = rowsOf(
          await db.execute(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now`),
        );
        return new Date(Number(row?.now));
      }),

    customerOf: (orgId) =>
      guarded('reading a customer', async () => {
        const [row] = await db
          .select({ customerId: licensingCustomers.customerId })
          .from(licensingCustomers)
          .where(eq(licensingCustomers.orgId, orgId));
        return row?.customerId ?? null;
      }),

    organizationOf: (customerId) =>
      guarded('reading a customer', async () => {
        const [row] = await db
          .select({ orgId: licensingCustomers.orgId })
          .from(licensingCustomers)
          .where(eq(licensingCustomers.customerId, customerId));
        return row?.orgId ?? null;
      }),

    saveCustomer: (orgId, customerId) =>
      guarded('recording a customer', async () => {
        // Two first checkouts at once: one insert wins on the primary key, both read the winner.
        await db.insert(licensingCustomers).values({ orgId, customerId }).onConflictDoNothing();
        const [row] = await db
          .select({ customerId: licensingCustomers.customerId })
          .from(licensingCustomers)
          .where(eq(licensingCustomers.orgId, orgId));
        if (!row) {
          throw new LicensingError(
            'store_failed',
            `the customer ${customerId} is recorded for another organization. Check licensing_customers for a duplicate.`,
          );
        }
        return row.customerId;
      }),

    license: (orgId) =>
      guarded('reading a license', async () => {
        const row = await licenseRow(db, orgId);
        return row ? licenseOf(row) : null;
      }),

    writeLicense: (orgId, customerId, snapshot, syncedAt, overLimit) =>
      guarded('writing a license', () =>
        db.transaction(async (tx) => {
          await tx
            .insert(licensingLicenses)
            .values({ orgId, customerId, status: 'none', syncedAt: new Date(0), version: 0 })
            .onConflictDoNothing();
          const current = await licenseRow(tx, orgId, true);
          if (!current) throw new Error('the license row vanished inside its transaction');
          // A sync that started reading Stripe before the one that wrote this row read older data.
          if (current.syncedAt.getTime() > syncedAt.getTime()) {
            return { written: false, license: licenseOf(current), revoked: [] };
          }
          const pastDueSince =
            snapshot.status !== 'past_due'
              ? null
              : current.status === 'past_due' && current.pastDueSince
                ? current.pastDueSince
                : syncedAt;
          const claimChanged =
            current.version === 0 ||
            current.status !== snapshot.status ||
            current.pastDueSince?.getTime() !== pastDueSince?.getTime();
          const revoked = await applyOverLimit(tx, current, snapshot, overLimit);
          const [row] = await tx
            .update(licensingLicenses)
            .set({
              ...snapshotColumns(snapshot),
              customerId,
              pastDueSince,
              syncedAt,
              seatsUsed: current.seatsUsed - revoked.length,
              version: claimChanged ? current.version + 1 : current.version,
            })
            .where(eq(licensingLicenses.orgId, orgId))
            .returning();
          if (!row) throw new Error('the license row vanished inside its transaction');
          return { written: true, license: licenseOf(row), revoked };
        }),
      ),

    assignSeat: (orgId, userId, assignedBy, policy) =>
      guarded('assigning a seat', async () => {
        // Outside a caller's transaction, one call of the migration's function, in autocommit: the
        // license row is locked only while the database runs it and writes its commit.
        if (!context.inTransaction && context.assignFunction.installed !== false) {
          const outcome = await assignThroughFunction(db, orgId, userId, assignedBy, policy);
          if (outcome !== 'missing') {
            context.assignFunction.installed = true;
            return outcome;
          }
          context.assignFunction.installed = false;
          console.warn(
            `@clerkship/licensing: the database has no function ${assignFunction} (the migration ${assignMigration} of @clerkship/licensing was not applied), so seat assignments run as a transaction: as safe, about half as fast for one organization's concurrent assignments. See "Seat assignment in one call" in the package README.`,
          );
        }
        return db.transaction(async (tx) => {
          // The member's row first (the primary key serialises two assignments of one member), then the
          // seat: one conditional UPDATE, which Postgres re-checks after waiting for the row lock.
          const claimed = await tx
            .insert(licensingSeats)
            .values({ orgId, userId, assignedBy })
            .onConflictDoUpdate({
              target: [licensingSeats.orgId, licensingSeats.userId],
              set: {
                revokedAt: null,
                assignedAt: sql`now()`,
                assignedBy,
                version: sql`${licensingSeats.version} + 1`,
              },
              setWhere: sql`${licensingSeats.revokedAt} is not null`,
            })
            .returning({ version: licensingSeats.version });
          if (claimed.length === 0) return 'already_assigned' as const;
          const granted = await tx
            .update(licensingLicenses)
            .set({ seatsUsed: sql`${licensingLicenses.seatsUsed} + 1` })
            .where(
              and(
                eq(licensingLicenses.orgId, orgId),
                lt(licensingLicenses.seatsUsed, licensingLicenses.seatLimit),
                grantsNow(policy),
              ),
            )
            .returning({ seatsUsed: licensingLicenses.seatsUsed });
          if (granted.length === 1) return 'assigned' as const;
          throw await refusal(tx, orgId, policy);
        });
      }),

    revokeSeat: (orgId, userId, options = {}) =>
      guarded('revoking a seat', () =>
        db.transaction(async (tx) => {
          const revoked = await tx
            .update(licensingSeats)
            .set({
              revokedAt: sql`now()`,
              version: sql`${licensingSeats.version} + 1`,
              ...(options.mirrored ? { mirroredVersion: sql`${licensingSeats.version} + 1` } : {}),
            })
            .where(
              and(
                eq(licensingSeats.orgId, orgId),
                eq(licensingSeats.userId, userId),
                isNull(licensingSeats.revokedAt),
              ),
            )
            .returning({ userId: licensingSeats.userId });
          if (revoked.length === 0) return false;
          await tx
            .update(licensingLicenses)
            .set({ seatsUsed: sql`greatest(${licensingLicenses.seatsUsed} - 1, 0)` })
            .where(eq(licensingLicenses.orgId, orgId));
          return true;
        }),
      ),

    seats: (orgId) =>
      guarded('listing seats', () =>
        db
          .select({
            orgId: licensingSeats.orgId,
            userId: licensingSeats.userId,
            assignedAt: licensingSeats.assignedAt,
            assignedBy: licensingSeats.assignedBy,
          })
          .from(licensingSeats)
          .where(and(eq(licensingSeats.orgId, orgId), isNull(licensingSeats.revokedAt)))
          .orderBy(asc(licensingSeats.assignedAt), asc(licensingSeats.userId)),
      ),

    holdsSeat: (orgId, userId, policy) =>
      guarded('checking a seat', async () => {
        const [row] = await db
          .select({ status: licensingLicenses.status, pastDueSince: licensingLicenses.pastDueSince })
          .from(licensingSeats)
          .innerJoin(licensingLicenses, eq(licensingLicenses.orgId, licensingSeats.orgId))
          .where(
            and(
              eq(licensingSeats.orgId, orgId),
              eq(licensingSeats.userId, userId),
              isNull(licensingSeats.revokedAt),
            ),
          );
        return licenseGrantsSeats(row, policy);
      }),

    organizationDeleted: (orgId) =>
      guarded('ending a deleted organization', () =>
        db.transaction(async (tx) => {
          // The memberships are gone with the organization: no Clerk write is owed.
          await tx
            .update(licensingSeats)
            .set({
              revokedAt: sql`now()`,
              version: sql`${licensingSeats.version} + 1`,
              mirroredVersion: sql`${licensingSeats.version} + 1`,
            })
            .where(and(eq(licensingSeats.orgId, orgId), isNull(licensingSeats.revokedAt)));
          await tx
            .update(licensingLicenses)
            .set({ seatsUsed: 0, mirroredVersion: sql`${licensingLicenses.version}` })
            .where(eq(licensingLicenses.orgId, orgId));
        }),
      ),

    pendingMirror: (orgId, policy) =>
      guarded('reading the Clerk mirror', async (): Promise<PendingMirror> => {
        const row = await licenseRow(db, orgId);
        const seats = await db
          .select({
            userId: licensingSeats.userId,
            revokedAt: licensingSeats.revokedAt,
            version: licensingSeats.version,
          })
          .from(licensingSeats)
          .where(
            and(eq(licensingSeats.orgId, orgId), gt(licensingSeats.version, licensingSeats.mirroredVersion)),
          );
        return {
          license:
            row && row.version > row.mirroredVersion
              ? { claim: licenseClaimOf(licenseOf(row), policy), version: row.version }
              : null,
          seats: seats.map((seat) => ({
            userId: seat.userId,
            seat: seat.revokedAt === null,
            version: seat.version,
          })),
        };
      }),

    markMirrored: (orgId, done) =>
      guarded('recording the Clerk mirror', async () => {
        if (done.license !== undefined) {
          await db
            .update(licensingLicenses)
            .set({ mirroredVersion: sql`greatest(${licensingLicenses.mirroredVersion}, ${done.license})` })
            .where(eq(licensingLicenses.orgId, orgId));
        }
        for (const seat of done.seats ?? []) {
          await db
            .update(licensingSeats)
            .set({ mirroredVersion: sql`greatest(${licensingSeats.mirroredVersion}, ${seat.version})` })
            .where(and(eq(licensingSeats.orgId, orgId), eq(licensingSeats.userId, seat.userId)));
        }
      }),
  };
}

function snapshotColumns(snapshot: LicenseSnapshot) {
  return {
    status: snapshot.status,
    subscriptionId: snapshot.subscriptionId,
    plan: snapshot.plan,
    priceId: snapshot.priceId,
    itemId: snapshot.itemId,
    seatLimit: snapshot.seatLimit,
    currentPeriodEnd: snapshot.currentPeriodEnd,
    cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd,
  };
}

/** The status policy as a condition on the license row, evaluated by the database's clock. */
function grantsNow(policy: StatusPolicy) {
  const graceSeconds = Math.round(policy.pastDueGraceDays * 86_400);
  return sql`(${licensingLicenses.status} in ('active', 'trialing') or (${licensingLicenses.status} = 'past_due' and ${licensingLicenses.pastDueSince} > now() - make_interval(secs => ${graceSeconds})))`;
}

type Refusal = 'no_subscription' | 'license_inactive' | 'seat_limit_reached';
const refusals = new Set<string>(['no_subscription', 'license_inactive', 'seat_limit_reached']);

/**
 * One call of `clerkship_licensing_assign_seat_v1`: `'assigned'`, `'already_assigned'`, or `'missing'`
 * when the database has no such function (nothing happened then: the failed call was its own
 * transaction).
 *
 * @throws {LicensingError} the refusal the function raised (which rolled the member's row back).
 */
async function assignThroughFunction(
  db: AnyPgDatabase,
  orgId: string,
  userId: string,
  assignedBy: string | null,
  policy: StatusPolicy,
): Promise<'assigned' | 'already_assigned' | 'missing'> {
  const graceSeconds = Math.round(policy.pastDueGraceDays * 86_400);
  let result: unknown;
  try {
    result = await db.execute(
      sql`select ${sql.raw(assignFunction)}(${orgId}, ${userId}, ${assignedBy}, ${graceSeconds}) as outcome`,
    );
  } catch (error) {
    const postgres = postgresErrorOf(error);
    if (postgres?.code === '42883' && postgres.message.includes(assignFunction)) return 'missing';
    const reason =
      postgres?.code === 'P0001'
        ? /^clerkship_licensing_refused:(\w+)$/.exec(postgres.message)?.[1]
        : undefined;
    if (reason && refusals.has(reason)) throw await refusal(db, orgId, policy, reason as Refusal);
    throw error;
  }
  const outcome = rowsOf(result)[0]?.outcome;
  if (outcome !== 'assigned' && outcome !== 'already_assigned') {
    throw new Error(`${assignFunction} returned ${String(outcome)}`);
  }
  return outcome;
}

/** Why a seat could not be claimed (read inside the failed transaction, which then rolls back). */
async function refusal(
  tx: AnyPgDatabase,
  orgId: string,
  policy: StatusPolicy,
  known?: Refusal,
): Promise<LicensingError> {
  const [row] = await tx.select().from(licensingLicenses).where(eq(licensingLicenses.orgId, orgId));
  if (known === 'no_subscription' || (!known && (!row || row.subscriptionId === null))) {
    return new LicensingError(
      'no_subscription',
      'the organization has no subscription, so it has no seats to assign. Buy seats through checkout first.',
    );
  }
  if (known === 'license_inactive' || (!known && row && !licenseGrantsSeats(licenseOf(row), policy))) {
    return new LicensingError(
      'license_inactive',
      `the organization's subscription is ${row?.status ?? 'gone'}, which grants no seats. Settle the subscription in the billing portal.`,
    );
  }
  return new LicensingError(
    'seat_limit_reached',
    `all ${row?.seatLimit ?? 0} purchased seats are assigned. Revoke a seat or buy more seats.`,
  );
}

/** The over-limit strategy, applied inside the sync's transaction: which seats it revokes. */
async function applyOverLimit(
  tx: AnyPgDatabase,
  current: LicenseRow,
  snapshot: LicenseSnapshot,
  overLimit: OverLimitStrategy,
): Promise<string[]> {
  // Only a live subscription's quantity says how many seats were bought: an ended or missing one keeps
  // the assignments (they grant nothing meanwhile) so that a renewal restores them.
  const live =
    snapshot.subscriptionId !== null && !['canceled', 'incomplete_expired'].includes(snapshot.status);
  const excess = current.seatsUsed - snapshot.seatLimit;
  if (overLimit !== 'revoke-newest' || !live || excess <= 0) return [];
  const newest = await tx
    .select({ userId: licensingSeats.userId })
    .from(licensingSeats)
    .where(and(eq(licensingSeats.orgId, current.orgId), isNull(licensingSeats.revokedAt)))
    .orderBy(desc(licensingSeats.assignedAt), desc(licensingSeats.userId))
    .limit(excess);
  const userIds = newest.map((seat) => seat.userId);
  if (userIds.length === 0) return [];
  await tx
    .update(licensingSeats)
    .set({ revokedAt: sql`now()`, version: sql`${licensingSeats.version} + 1` })
    .where(and(eq(licensingSeats.orgId, current.orgId), inArray(licensingSeats.userId, userIds)));
  return userIds;
}
