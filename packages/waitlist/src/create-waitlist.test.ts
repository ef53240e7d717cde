import { resolveSubject } from '@clerkship/internal';
import { createSessionToken, createTestKeys } from '@clerkship/testing';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

  it('is signed_out for signed-out, pending or malformed subjects, never throwing', () => {
    for (const subject of [
      null,
      undefined,
      {},
      { isAuthenticated: false, userId: 'user_x' },
      { userId: 'user_x', sessionStatus: 'pending' },
      { sub: '' },
    ]) {
      expect(waitlist.statusOf(subject as never)).toBe('signed_out');
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

describe('pending sessions', () => {
  it('reads a pending session-token payload as signed out, even when approved', async () => {
    const token = await createSessionToken(await createTestKeys(), {
      userId: 'user_wendy',
      status: 'pending',
      claims: { metadata: { isBetaUser: true } },
    });
    expect(waitlist.statusOf(decodeJwt(token) as { sub: string })).toBe('signed_out');
  });
});

describe('a metadata schema of your own (Standard Schema)', () => {
  const metadata = z.object({ isBetaUser: z.boolean().optional(), isAdmin: z.boolean().optional() });
  const typed = createWaitlist({ schema: metadata });

  it('approves a claim that matches, and reads one that does not as malformed', () => {
    expect(typed.statusOf(session({ isBetaUser: true }))).toBe('approved');
    expect(typed.inspect(session({ isBetaUser: 'yes' }))).toEqual({
      status: 'waitlisted',
      userId: 'user_x',
      problem: 'claim_malformed',
    });
  });

  it('refuses an asynchronous schema clearly instead of approving', () => {
    const asynchronous = createWaitlist({ schema: metadata.refine(async () => true) });
    expect(() => asynchronous.statusOf(session({ isBetaUser: true }))).toThrow(/asynchronous/);
  });
});

describe('guard requirements', () => {
  const subject = (metadata: unknown) => ({ ...session(metadata), sessionClaims: { metadata } });
  const signedIn = (auth: object) => {
    const resolved = resolveSubject(auth);
    if (!resolved) throw new Error('expected a signed-in subject');
    return resolved;
  };

  it('lets approved users and admins through `approved`, and sends the rest to the waiting page', async () => {
    expect(await waitlist.approved.check(signedIn(subject({ isBetaUser: true })))).toBeNull();
    expect(await waitlist.approved.check(signedIn(subject({ isAdmin: true })))).toBeNull();
    const denial = await waitlist.approved.check(signedIn(subject({})));
    expect(denial).toMatchObject({ code: 'waitlisted', status: 403 });
    expect(denial?.message).toMatch(/^@clerkship\/waitlist: you are on the waitlist\. /);
    expect(waitlist.approved.deniedPage).toBe('/waitlist');
    expect(createWaitlist({ waitingPage: '/beta' }).approved.deniedPage).toBe('/beta');
  });

  it('lets only admins through `admin`', async () => {
    expect(await waitlist.admin.check(signedIn(subject({ isAdmin: true })))).toBeNull();
    expect(await waitlist.admin.check(signedIn(subject({ isBetaUser: true })))).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
  });
});
