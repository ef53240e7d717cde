/**
 * A license's status: Stripe's subscription status, or `none` when the organization has no subscription
 * to one of the declared plans.
 */
export type LicenseStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'incomplete'
  | 'incomplete_expired'
  | 'unpaid'
  | 'canceled'
  | 'paused'
  | 'none';

/** What the latest sync read from Stripe for one organization. */
export interface LicenseSnapshot {
  status: LicenseStatus;
  /** The subscription the license comes from, or `null` when there is none. */
  subscriptionId: string | null;
  /** The declared plan key, or `null`. */
  plan: string | null;
  priceId: string | null;
  /** The subscription item of the seat price (what a seat change updates). */
  itemId: string | null;
  /** Purchased seats: the seat item's `quantity`. */
  seatLimit: number;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

/** An organization's license, as the store keeps it. */
export interface License extends LicenseSnapshot {
  orgId: string;
  customerId: string;
  /** Seats assigned now. */
  seatsUsed: number;
  /** When the license first turned `past_due` (the grace period counts from here), else `null`. */
  pastDueSince: Date | null;
  /** The database time at which the sync that wrote this row started reading Stripe. */
  syncedAt: Date;
}

/** One member's seat. */
export interface SeatAssignment {
  orgId: string;
  userId: string;
  assignedAt: Date;
  /** The admin who assigned it (`null` when unknown). */
  assignedBy: string | null;
}

/** The license as mirrored into the organization's public metadata (`license`), read back from claims. */
export interface LicenseClaim {
  status: LicenseStatus;
  /** With `past_due`: until when (Unix seconds) the grace period keeps seats licensed. */
  graceEndsAt?: number;
}
