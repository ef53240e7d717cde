import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 6 });

/** Organization ↔ Stripe customer: one row per organization, one organization per customer. */
export const licensingCustomers = pgTable('licensing_customers', {
  orgId: text('org_id').primaryKey(),
  customerId: text('customer_id').notNull().unique(),
  createdAt: moment('created_at').notNull().defaultNow(),
});

/**
 * One license per organization: what the latest sync read from Stripe, and the seats in use. `version`
 * counts changes of the mirrored claim; `mirrored_version` is the last one written to Clerk.
 */
export const licensingLicenses = pgTable(
  'licensing_licenses',
  {
    orgId: text('org_id').primaryKey(),
    customerId: text('customer_id').notNull(),
    subscriptionId: text('subscription_id'),
    plan: text('plan'),
    priceId: text('price_id'),
    itemId: text('item_id'),
    status: text('status').notNull(),
    seatLimit: integer('seat_limit').notNull().default(0),
    seatsUsed: integer('seats_used').notNull().default(0),
    currentPeriodEnd: moment('current_period_end'),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    pastDueSince: moment('past_due_since'),
    syncedAt: moment('synced_at').notNull(),
    version: integer('version').notNull().default(1),
    mirroredVersion: integer('mirrored_version').notNull().default(0),
  },
  (table) => [check('licensing_licenses_seats_used_check', sql`${table.seatsUsed} >= 0`)],
);

/**
 * Seat assignments, one row per organization and member (revoked rows are kept, with `revoked_at`, as
 * the history and as the Clerk mirror's outbox).
 */
export const licensingSeats = pgTable(
  'licensing_seats',
  {
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    assignedAt: moment('assigned_at').notNull().defaultNow(),
    assignedBy: text('assigned_by'),
    revokedAt: moment('revoked_at'),
    version: integer('version').notNull().default(1),
    mirroredVersion: integer('mirrored_version').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.userId] }),
    index('licensing_seats_org_assigned_idx').on(table.orgId, table.assignedAt),
  ],
);

/**
 * Sign-ups in progress (`@clerkship/licensing/signup`), one row per Clerk user: the organization the
 * sign-up created, the latest Checkout Session, and a lease that lets one request at a time act for the
 * user, so a double submit, a reload or the back button makes one organization and one subscription.
 */
export const licensingSignups = pgTable('licensing_signups', {
  userId: text('user_id').primaryKey(),
  orgId: text('org_id'),
  organizationName: text('organization_name'),
  plan: text('plan'),
  seats: integer('seats'),
  checkoutSessionId: text('checkout_session_id'),
  attempt: integer('attempt').notNull().default(0),
  leaseToken: text('lease_token'),
  leaseUntil: moment('lease_until'),
  /** When `status()` first gave the user their seat: the grant happens once, never again after a revoke. */
  seatGrantedAt: moment('seat_granted_at'),
  createdAt: moment('created_at').notNull().defaultNow(),
  updatedAt: moment('updated_at').notNull().defaultNow(),
});

/**
 * Every table of `@clerkship/licensing/drizzle`, to spread into your drizzle schema so drizzle-kit
 * generates their migration.
 *
 * @example
 * // db/schema.ts
 * export {
 *   licensingCustomers,
 *   licensingLicenses,
 *   licensingSeats,
 *   licensingSignups,
 * } from '@clerkship/licensing/drizzle';
 */
export const licensingSchema = { licensingCustomers, licensingLicenses, licensingSeats, licensingSignups };
