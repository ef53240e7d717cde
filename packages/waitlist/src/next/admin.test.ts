import { createClerkClient } from '@clerk/backend';
import { type ClerkApiFake, createClerkApiFake } from '@clerkship/testing/clerk-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWaitlist } from '../create-waitlist';
import { createWaitlistAdmin } from './admin';

const waitlist = createWaitlist();
const admin = { isAuthenticated: true, userId: 'user_admin', sessionClaims: { metadata: { isAdmin: true } } };
const member = {
  isAuthenticated: true,
  userId: 'user_seed_001',
  sessionClaims: { metadata: { isBetaUser: true } },
};
const signedOut = { isAuthenticated: false, userId: null };

let fake: ClerkApiFake;
beforeEach(async () => {
  fake = await createClerkApiFake({ users: 250 });
});
afterEach(async () => {
  await fake.close();
});

function adminAs(subject: object) {
  const waits: number[] = [];
  const operations = createWaitlistAdmin(waitlist, {
    auth: async () => subject as never,
    // The app's own client, pointed at the fake: the SDK's real requests, counted by the fake.
    clerkClient: createClerkClient({ secretKey: 'sk_test_fake', apiUrl: fake.url }),
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
    },
  });
  return { operations, waits };
}

describe('waitlist admin operations', () => {
  it('lists 250 users at 100 a page in 3 pages of 2 Backend API calls (users and count)', async () => {
    const { operations } = adminAs(admin);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await operations.listUsers({ ...(cursor ? { cursor } : {}) });
      seen.push(...page.users.map((user) => user.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(250);
    expect(fake.calls).toHaveLength(6);
    expect(seen[0]).toBe('user_seed_250');
  });

  it("searches, and shows each user's status", async () => {
    const { operations } = adminAs(admin);
    await operations.approve('user_seed_042');
    const page = await operations.listUsers({ query: 'user042@example.com' });
    expect(page).toEqual({
      users: [
        {
          id: 'user_seed_042',
          email: 'user042@example.com',
          name: 'Seed User 042',
          status: 'approved',
          createdAt: expect.any(Number),
        },
      ],
      totalCount: 1,
      nextCursor: null,
    });
  });

  it('approves by merging into public metadata, keeping what was there, and revokes', async () => {
    Object.assign(fake.users.get('user_seed_007') ?? {}, { public_metadata: { plan: 'pro' } });
    const { operations } = adminAs(admin);
    expect((await operations.approve('user_seed_007')).status).toBe('approved');
    expect(fake.users.get('user_seed_007')?.public_metadata).toEqual({ plan: 'pro', isBetaUser: true });
    expect((await operations.revoke('user_seed_007')).status).toBe('waitlisted');
    expect(fake.users.get('user_seed_007')?.public_metadata).toEqual({ plan: 'pro', isBetaUser: false });
  });

  it('approves many, waiting out a 429 for its Retry-After', async () => {
    const { operations, waits } = adminAs(admin);
    fake.rateLimitNext(1, 2);
    const approved = await operations.approveMany(['user_seed_010', 'user_seed_011', 'user_seed_012']);
    expect(approved.map((user) => user.status)).toEqual(['approved', 'approved', 'approved']);
    expect(waits).toEqual([2000]);
    expect(fake.calls.map((call) => call.status)).toEqual([429, 200, 200, 200]);
  });

  it('does not let an admin revoke their own access', async () => {
    const { operations } = adminAs(admin);
    await expect(operations.revoke('user_admin')).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/^@clerkship\/waitlist: you cannot revoke your own access\. /),
    });
    expect(fake.calls).toEqual([]);
  });

  it.each([
    [
      'approve',
      (operations: ReturnType<typeof adminAs>['operations']) => operations.approve('user_seed_001'),
    ],
    ['revoke', (operations: ReturnType<typeof adminAs>['operations']) => operations.revoke('user_seed_001')],
    [
      'approveMany',
      (operations: ReturnType<typeof adminAs>['operations']) => operations.approveMany(['user_seed_001']),
    ],
    ['listUsers', (operations: ReturnType<typeof adminAs>['operations']) => operations.listUsers()],
  ])('refuses %s to a non-admin and a signed-out caller before any Backend API call', async (_name, run) => {
    Object.assign(fake.users.get('user_seed_001') ?? {}, { public_metadata: { isBetaUser: true } });
    await expect(run(adminAs(member).operations)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(run(adminAs(signedOut).operations)).rejects.toMatchObject({
      code: 'signed_out',
      status: 401,
    });
    expect(fake.calls).toEqual([]);
    expect(fake.users.get('user_seed_001')?.public_metadata).toEqual({ isBetaUser: true });
  });

  it('refuses bad arguments with invalid_argument', async () => {
    const { operations } = adminAs(admin);
    await expect(operations.approve('../admin' as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(operations.listUsers({ limit: 101 })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(operations.listUsers({ cursor: 'abc' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(operations.listUsers({ cursor: '-5' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(operations.approveMany(['user_seed_001', 'nope'])).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(fake.calls).toEqual([]);
  });

  it('reports an unknown user as user_not_found (404), and a Backend API failure as backend_api', async () => {
    const { operations } = adminAs(admin);
    await expect(operations.approve('user_missing')).rejects.toMatchObject({
      code: 'user_not_found',
      status: 404,
    });
    fake.rateLimitNext(10, 1);
    await expect(operations.approve('user_seed_001')).rejects.toMatchObject({
      code: 'backend_api',
      status: 503,
    });
  });
});
