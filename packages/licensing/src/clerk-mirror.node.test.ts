import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ClerkOrganizationsFake,
  startClerkOrganizationsFake,
} from './__fixtures__/clerk-organizations-fake';
import { createClerkMirror } from './clerk-mirror';

let fake: ClerkOrganizationsFake;
const waits: number[] = [];

beforeAll(async () => {
  fake = await startClerkOrganizationsFake({ org_acme: ['user_alice', 'user_bob'] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearCalls();
  waits.length = 0;
});

const mirror = () =>
  createClerkMirror(fake.clerk, {
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

describe('the Clerk mirror, through the real @clerk/backend client', () => {
  it('one Backend API call per seat change, into the membership’s public metadata', async () => {
    await mirror().seat('org_acme', 'user_alice', true);
    expect(fake.membership('org_acme', 'user_alice')).toEqual({ seat: true });
    await mirror().seat('org_acme', 'user_alice', false);
    expect(fake.membership('org_acme', 'user_alice')).toEqual({});
    expect(fake.calls).toEqual([
      { method: 'PATCH', path: '/v1/organizations/org_acme/memberships/user_alice/metadata', status: 200 },
      { method: 'PATCH', path: '/v1/organizations/org_acme/memberships/user_alice/metadata', status: 200 },
    ]);
  });

  it('the license claim goes into the organization’s public metadata', async () => {
    await mirror().license('org_acme', { status: 'past_due', graceEndsAt: 1_800_000_000 });
    expect(fake.organization('org_acme')).toEqual({
      license: { status: 'past_due', graceEndsAt: 1_800_000_000 },
    });
  });

  it('a 429 is retried after its Retry-After', async () => {
    fake.rateLimitNext(2, 3);
    await mirror().seat('org_acme', 'user_bob', true);
    expect(waits).toEqual([3000, 3000]);
    expect(fake.calls.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(fake.membership('org_acme', 'user_bob')).toEqual({ seat: true });
  });

  it('gives up with clerk_failed after the retries, or when Retry-After is too long', async () => {
    fake.rateLimitNext(5, 1);
    await expect(mirror().seat('org_acme', 'user_bob', true)).rejects.toMatchObject({
      code: 'clerk_failed',
      status: 502,
    });
    expect(fake.calls).toHaveLength(4);
    fake.rateLimitNext(1, 60);
    await expect(mirror().seat('org_acme', 'user_bob', true)).rejects.toMatchObject({ code: 'clerk_failed' });
    fake.rateLimitNext(0);
  });

  it('a user who is not a member is not_a_member (404)', async () => {
    await expect(mirror().seat('org_acme', 'user_mallory', true)).rejects.toMatchObject({
      code: 'not_a_member',
      status: 404,
    });
  });

  it('refuses something that is not a Clerk client with invalid_option', () => {
    expect(() => createClerkMirror({} as never)).toThrow(/Clerk Backend API client/);
  });
});
