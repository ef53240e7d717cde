import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { LicensingError } from '../errors';
import type { SignupRecord, SignupStore } from '../signup/signup-store';
import { type AnyPgDatabase, guarded } from './postgres-licensing-store';
import { licensingSignups } from './schema';

type SignupRow = typeof licensingSignups.$inferSelect;

function recordOf(row: SignupRow): SignupRecord {
  return {
    userId: row.userId,
    orgId: row.orgId,
    organizationName: row.organizationName,
    plan: row.plan,
    seats: row.seats,
    checkoutSessionId: row.checkoutSessionId,
    attempt: row.attempt,
    seatGrantedAt: row.seatGrantedAt,
    createdAt: row.createdAt,
  };
}

/**
 * The sign-up store on Postgres through drizzle (table `licensing_signups`). Taking the lease is one
 * `INSERT … ON CONFLICT DO UPDATE … WHERE lease_until < now()`, so of two requests of one user exactly
 * one acts at a time, across any number of app instances; recording the organization is one conditional
 * `UPDATE … WHERE org_id IS NULL`, so the first organization wins.
 *
 * @example
 * import { createPostgresSignupStore } from '@clerkship/licensing/drizzle';
 *
 * const signup = createSignupFlow({ licensing, clerk: clerkClient, store: createPostgresSignupStore(db), urls });
 *
 * @throws {LicensingError} `invalid_option` when `db` is not a drizzle Postgres database.
 */
export function createPostgresSignupStore(db: AnyPgDatabase): SignupStore {
  const candidate = db as Partial<AnyPgDatabase> | null | undefined;
  if (typeof candidate?.select !== 'function' || typeof candidate.insert !== 'function') {
    throw new LicensingError(
      'invalid_option',
      'createPostgresSignupStore(db) needs a drizzle Postgres database. Pass what `drizzle(...)` from drizzle-orm/pglite, drizzle-orm/node-postgres or drizzle-orm/neon-serverless returns.',
    );
  }

  return {
    get: (userId) =>
      guarded('reading a sign-up', async () => {
        const [row] = await db.select().from(licensingSignups).where(eq(licensingSignups.userId, userId));
        return row ? recordOf(row) : null;
      }),

    acquire: (userId, token, leaseMs) =>
      guarded('taking a sign-up lease', async () => {
        // The database's clock decides when a lease has run out, whichever instance asks.
        const until = sql`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`;
        const [row] = await db
          .insert(licensingSignups)
          .values({ userId, leaseToken: token, leaseUntil: until })
          .onConflictDoUpdate({
            target: licensingSignups.userId,
            set: { leaseToken: token, leaseUntil: until, updatedAt: sql`now()` },
            setWhere: sql`${licensingSignups.leaseUntil} is null or ${licensingSignups.leaseUntil} < clock_timestamp()`,
          })
          .returning();
        return row ? recordOf(row) : null;
      }),

    release: (userId, token) =>
      guarded('giving a sign-up lease back', async () => {
        await db
          .update(licensingSignups)
          .set({ leaseToken: null, leaseUntil: null })
          .where(and(eq(licensingSignups.userId, userId), eq(licensingSignups.leaseToken, token)));
      }),

    recordOrganization: (userId, orgId, organizationName) =>
      guarded('recording the sign-up’s organization', async () => {
        await db
          .update(licensingSignups)
          .set({ orgId, organizationName, updatedAt: sql`now()` })
          .where(and(eq(licensingSignups.userId, userId), isNull(licensingSignups.orgId)));
        const [row] = await db
          .select({ orgId: licensingSignups.orgId })
          .from(licensingSignups)
          .where(eq(licensingSignups.userId, userId));
        if (!row?.orgId) {
          throw new LicensingError(
            'store_failed',
            `the sign-up of ${userId} vanished while its organization was recorded. Check licensing_signups.`,
          );
        }
        return row.orgId;
      }),

    recordCheckout: (userId, checkout) =>
      guarded('recording the sign-up’s Checkout Session', async () => {
        // A request whose lease ran out may finish after a newer one: the newest attempt stays.
        await db
          .update(licensingSignups)
          .set({
            checkoutSessionId: checkout.sessionId,
            plan: checkout.plan,
            seats: checkout.seats,
            attempt: checkout.attempt,
            updatedAt: sql`now()`,
          })
          .where(and(eq(licensingSignups.userId, userId), lt(licensingSignups.attempt, checkout.attempt)));
      }),

    recordSeatGranted: (userId) =>
      guarded('recording the sign-up’s seat', async () => {
        await db
          .update(licensingSignups)
          .set({ seatGrantedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(licensingSignups.userId, userId), isNull(licensingSignups.seatGrantedAt)));
      }),
  };
}
