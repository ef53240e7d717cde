import { LicensingError } from './errors';
import type { LicenseClaim, LicenseStatus } from './license';

/** How long `past_due` keeps seats, and the statuses that license at all. */
export interface StatusPolicy {
  /** Days a `past_due` license keeps granting seats while Stripe retries the payment. Default 7; 0 = none. */
  pastDueGraceDays: number;
}

export const defaultStatusPolicy: StatusPolicy = { pastDueGraceDays: 7 };

/** Checks a policy option. @throws {LicensingError} `invalid_option`. */
export function resolveStatusPolicy(pastDueGraceDays: unknown = 7): StatusPolicy {
  if (typeof pastDueGraceDays !== 'number' || !Number.isFinite(pastDueGraceDays) || pastDueGraceDays < 0) {
    throw new LicensingError(
      'invalid_option',
      `\`pastDueGraceDays\` must be a number of days ≥ 0, got ${String(pastDueGraceDays)}. Use 0 to stop seats as soon as a payment fails.`,
    );
  }
  return { pastDueGraceDays };
}

/** When a `past_due` license stops granting seats. */
export function graceEndsAt(pastDueSince: Date, policy: StatusPolicy): Date {
  return new Date(pastDueSince.getTime() + policy.pastDueGraceDays * 86_400_000);
}

/**
 * Whether a license grants seats now. Fail closed: `active` and `trialing` grant; `past_due` grants
 * during the grace period; everything else (`incomplete`, `unpaid`, `canceled`, `paused`,
 * `incomplete_expired`, `none`, an unknown status, no license at all) grants nothing.
 *
 * @example
 * licenseGrantsSeats({ status: 'past_due', pastDueSince: yesterday }, { pastDueGraceDays: 7 }); // true
 */
export function licenseGrantsSeats(
  license: { status: LicenseStatus | string; pastDueSince?: Date | null } | null | undefined,
  policy: StatusPolicy = defaultStatusPolicy,
  now: Date = new Date(),
): boolean {
  if (!license) return false;
  if (license.status === 'active' || license.status === 'trialing') return true;
  if (license.status !== 'past_due' || !(license.pastDueSince instanceof Date)) return false;
  return graceEndsAt(license.pastDueSince, policy).getTime() > now.getTime();
}

/** The claim mirrored into the organization's public metadata, so that `isLicensed` can read it. */
export function licenseClaimOf(
  license: { status: LicenseStatus; pastDueSince: Date | null },
  policy: StatusPolicy,
): LicenseClaim {
  if (license.status === 'past_due' && license.pastDueSince) {
    return {
      status: 'past_due',
      graceEndsAt: Math.floor(graceEndsAt(license.pastDueSince, policy).getTime() / 1000),
    };
  }
  return { status: license.status };
}
