import { describe, expect, it } from 'vitest';
import { LicensingError } from './errors';
import { licenseClaimOf, licenseGrantsSeats, resolveStatusPolicy } from './status-policy';

const now = new Date('2026-12-04T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const policy = { pastDueGraceDays: 7 };

describe('the status policy fails closed', () => {
  it.each(['active', 'trialing'])('%s grants seats', (status) => {
    expect(licenseGrantsSeats({ status }, policy, now)).toBe(true);
  });

  it.each(['incomplete', 'incomplete_expired', 'unpaid', 'canceled', 'paused', 'none', 'some_new_status'])(
    '%s grants nothing',
    (status) => {
      expect(licenseGrantsSeats({ status, pastDueSince: daysAgo(1) }, policy, now)).toBe(false);
    },
  );

  it('no license grants nothing', () => {
    expect(licenseGrantsSeats(null, policy, now)).toBe(false);
    expect(licenseGrantsSeats(undefined, policy, now)).toBe(false);
  });

  it('past_due keeps seats during the grace period, then stops', () => {
    expect(licenseGrantsSeats({ status: 'past_due', pastDueSince: daysAgo(6.9) }, policy, now)).toBe(true);
    expect(licenseGrantsSeats({ status: 'past_due', pastDueSince: daysAgo(7.1) }, policy, now)).toBe(false);
    expect(licenseGrantsSeats({ status: 'past_due', pastDueSince: null }, policy, now)).toBe(false);
    expect(
      licenseGrantsSeats({ status: 'past_due', pastDueSince: daysAgo(0) }, { pastDueGraceDays: 0 }, now),
    ).toBe(false);
  });

  it('mirrors the grace end into the claim, in Unix seconds', () => {
    expect(licenseClaimOf({ status: 'past_due', pastDueSince: daysAgo(1) }, policy)).toEqual({
      status: 'past_due',
      graceEndsAt: Math.floor(daysAgo(-6).getTime() / 1000),
    });
    expect(licenseClaimOf({ status: 'active', pastDueSince: null }, policy)).toEqual({ status: 'active' });
  });

  it.each([-1, Number.NaN, '7'])('refuses a grace period of %s with invalid_option', (days) => {
    expect(() => resolveStatusPolicy(days)).toThrow(LicensingError);
  });
});
