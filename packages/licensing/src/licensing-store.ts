import type { License, LicenseClaim, LicenseSnapshot, SeatAssignment } from './license';
import type { StatusPolicy } from './status-policy';

/** What to do when the purchased quantity drops below the seats assigned. */
export type OverLimitStrategy =
  /** Revoke the most recently assigned seats until the count fits (default). */
  | 'revoke-newest'
  /** Keep every assignment; no new seat until admins revoke enough to fit. */
  | 'keep-until-revoked';

/** The outcome of writing a sync. */
export interface WriteLicenseResult {
  /** `false` when a newer sync had already written (this one read older Stripe data). */
  written: boolean;
  license: License;
  /** Members whose seat the over-limit strategy revoked. */
  revoked: string[];
}

/** The outcome of an assignment. */
export type AssignOutcome = 'assigned' | 'already_assigned';

/** A Clerk metadata write the store owes (the outbox of the Clerk mirror). */
export interface PendingMirror {
  /** The organization's `license` claim, when it changed since it was last mirrored. */
  license: { claim: LicenseClaim; version: number } | null;
  /** Seats whose `seat` flag changed since they were last mirrored. */
  seats: { userId: string; seat: boolean; version: number }[];
}

/**
 * Where licensing keeps its state. `@clerkship/licensing/drizzle` implements it on Postgres; the seat
 * limit and the ordering of syncs are enforced by the database, so any number of app instances can
 * share one store.
 */
export interface LicensingStore {
  /** The same store, running its queries in `transaction` (a drizzle transaction from a webhook store). */
  bind(transaction: unknown): LicensingStore;
  /** The database's clock: the version of a sync that starts now. */
  now(): Promise<Date>;
  /** The organization's Stripe customer, or `null`. */
  customerOf(orgId: string): Promise<string | null>;
  /** The organization of a Stripe customer, or `null` for a customer the app does not know. */
  organizationOf(customerId: string): Promise<string | null>;
  /** Records the organization's customer unless one is recorded; returns the recorded one (race-safe). */
  saveCustomer(orgId: string, customerId: string): Promise<string>;
  /** The organization's license, or `null`. */
  license(orgId: string): Promise<License | null>;
  /**
   * Writes what a sync read, unless a sync that started later already wrote: in one transaction, with
   * the over-limit strategy applied when the quantity dropped below the seats in use.
   */
  writeLicense(
    orgId: string,
    customerId: string,
    snapshot: LicenseSnapshot,
    syncedAt: Date,
    overLimit: OverLimitStrategy,
  ): Promise<WriteLicenseResult>;
  /**
   * Assigns a seat atomically: at most `seatLimit` seats, whatever the concurrency.
   *
   * @throws {LicensingError} `no_subscription`, `license_inactive` or `seat_limit_reached`; nothing changed.
   */
  assignSeat(
    orgId: string,
    userId: string,
    assignedBy: string | null,
    policy: StatusPolicy,
  ): Promise<AssignOutcome>;
  /**
   * Revokes a seat; `false` when the member held none. `mirrored: true` when no Clerk write is owed (the
   * membership is gone).
   */
  revokeSeat(orgId: string, userId: string, options?: { mirrored?: boolean }): Promise<boolean>;
  /** The assigned seats, oldest first. */
  seats(orgId: string): Promise<SeatAssignment[]>;
  /** Whether the member holds a seat that the license grants now. */
  holdsSeat(orgId: string, userId: string, policy: StatusPolicy): Promise<boolean>;
  /** An organization was deleted: its seats are revoked (nothing to mirror) and its license ended. */
  organizationDeleted(orgId: string): Promise<void>;
  /** The Clerk metadata writes owed for an organization. */
  pendingMirror(orgId: string, policy: StatusPolicy): Promise<PendingMirror>;
  /** Records that a Clerk write was made (a newer change stays owed). */
  markMirrored(
    orgId: string,
    done: { license?: number; seats?: { userId: string; version: number }[] },
  ): Promise<void>;
}
