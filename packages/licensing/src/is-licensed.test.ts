import { describe, expect, it } from 'vitest';
import { isLicensed, sessionTokenTemplate } from './is-licensed';

const now = Date.UTC(2026, 11, 4, 12);
const claimsOf = (licensing: unknown) => ({
  sub: 'user_bob',
  o: { id: 'org_acme', rol: 'member' },
  v: 2,
  licensing,
});

describe('isLicensed: from the verified claims, zero calls', () => {
  it('Bob, with a seat in an active organization, is licensed', () => {
    expect(isLicensed(claimsOf({ seat: true, license: { status: 'active' } }), now)).toBe(true);
    expect(isLicensed(claimsOf({ seat: true, license: { status: 'trialing' } }), now)).toBe(true);
  });

  it('reads the claims from auth() objects and guard sessions too', () => {
    const claims = claimsOf({ seat: true, license: { status: 'active' } });
    expect(isLicensed({ sessionClaims: claims }, now)).toBe(true);
    expect(isLicensed({ claims }, now)).toBe(true);
  });

  it('Carol, a member without a seat, is not', () => {
    expect(isLicensed(claimsOf({ license: { status: 'active' } }), now)).toBe(false);
    // Clerk renders a missing metadata key as an empty string or null.
    expect(isLicensed(claimsOf({ seat: '', license: { status: 'active' } }), now)).toBe(false);
    expect(isLicensed(claimsOf({ seat: 'true', license: { status: 'active' } }), now)).toBe(false);
  });

  it('a seat in a canceled, unpaid or unknown license grants nothing', () => {
    for (const status of ['canceled', 'unpaid', 'paused', 'incomplete', 'none', 'future_status']) {
      expect(isLicensed(claimsOf({ seat: true, license: { status } }), now)).toBe(false);
    }
    expect(isLicensed(claimsOf({ seat: true }), now)).toBe(false);
    expect(isLicensed(claimsOf({ seat: true, license: 'active' }), now)).toBe(false);
  });

  it('past_due licenses until the mirrored grace end', () => {
    const until = now / 1000 + 60;
    expect(
      isLicensed(claimsOf({ seat: true, license: { status: 'past_due', graceEndsAt: until } }), now),
    ).toBe(true);
    expect(
      isLicensed(claimsOf({ seat: true, license: { status: 'past_due', graceEndsAt: until } }), now + 61_000),
    ).toBe(false);
    expect(isLicensed(claimsOf({ seat: true, license: { status: 'past_due' } }), now)).toBe(false);
  });

  it('no claim, no session, or a malformed one: not licensed', () => {
    expect(isLicensed(claimsOf(undefined), now)).toBe(false);
    expect(isLicensed(claimsOf(null), now)).toBe(false);
    expect(isLicensed(null)).toBe(false);
    expect(isLicensed(undefined)).toBe(false);
    expect(isLicensed({ sessionClaims: null })).toBe(false);
  });

  it('documents the session token template it reads', () => {
    expect(sessionTokenTemplate).toEqual({
      licensing: {
        seat: '{{org_membership.public_metadata.seat}}',
        license: '{{org.public_metadata.license}}',
      },
    });
  });
});
