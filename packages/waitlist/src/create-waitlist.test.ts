import { createSessionToken, createTestKeys } from '@clerkship/testing';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createWaitlist } from './create-waitlist';

const waitlist = createWaitlist();
const session = (metadata: unknown) => ({
  isAuthenticated: true,
  userId: 'user_x',
  sessionClaims: { metadata },
});

describe('statusOf', () => {
  it("reads the guide's flags from the session claims", () => {
    expect(waitlist.statusOf(session({ isBetaUser: true }))).toBe('approved');
    expect(waitlist.statusOf(session({ isBetaUser: true, isAdmin: true }))).toBe('admin');
    expect(waitlist.statusOf(session({ isAdmin: true }))).toBe('admin');
    expect(waitlist.statusOf(session({}))).toBe('waitlisted');
    expect(waitlist.statusOf(session({ isBetaUser: 'true' }))).toBe('waitlisted');
  });

  it('is signed-out for signed-out, pending or malformed subjects, never throwing', () => {
    for (const subject of [
      null,
      undefined,
      {},
      { isAuthenticated: false, userId: 'user_x' },
      { userId: 'user_x', sessionStatus: 'pending' },
      { sub: '' },
    ]) {
      expect(waitlist.statusOf(subject as never)).toBe('signed-out');
    }
  });

  it('treats a missing or malformed claim as waitlisted and says which', () => {
    expect(waitlist.inspect({ isAuthenticated: true, userId: 'user_x', sessionClaims: {} })).toEqual({
      status: 'waitlisted',
      userId: 'user_x',
      problem: 'claim_missing',
    });
    expect(waitlist.inspect(session('isBetaUser')).problem).toBe('claim_malformed');
    expect(waitlist.inspect(session(null)).problem).toBe('claim_malformed');
  });

  it('reads a verified session-token payload signed with the custom claim', async () => {
    const token = await createSessionToken(await createTestKeys(), {
      userId: 'user_bob',
      claims: { metadata: { isBetaUser: true } },
    });
    expect(waitlist.statusOf(decodeJwt(token) as { sub: string })).toBe('approved');
  });

  it('uses your claim and keys, and gives the template to paste in the dashboard', () => {
    const custom = createWaitlist({ claim: 'beta', approvedKey: 'tier1', adminKey: 'staff' });
    expect(custom.statusOf({ userId: 'user_x', sessionClaims: { beta: { tier1: true } } })).toBe('approved');
    expect(custom.sessionTokenTemplate).toBe('{"beta":"{{user.public_metadata}}"}');
    expect(waitlist.sessionTokenTemplate).toBe('{"metadata":"{{user.public_metadata}}"}');
  });
});
