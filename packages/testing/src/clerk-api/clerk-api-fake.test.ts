import { createClerkClient } from '@clerk/backend';
import { isClerkAPIResponseError } from '@clerk/backend/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClerkApiFake, createClerkApiFake } from './clerk-api-fake';

let fake: ClerkApiFake;
let clerk: ReturnType<typeof createClerkClient>;

beforeEach(async () => {
  fake = await createClerkApiFake({ users: 250 });
  clerk = createClerkClient({ secretKey: 'sk_test_fake', apiUrl: fake.url });
});
afterEach(async () => {
  await fake.close();
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isClerkAPIResponseError(error)) throw new Error(`expected a Clerk API error, got ${String(error)}`);
  return error;
}

describe('the Clerk Backend API fake, through @clerk/backend', () => {
  it('pages through 250 users, 100 at a time, with the total count', async () => {
    const ids = new Set<string>();
    for (let offset = 0; offset < 250; offset += 100) {
      const { data, totalCount } = await clerk.users.getUserList({ limit: 100, offset });
      expect(totalCount).toBe(250);
      for (const user of data) ids.add(user.id);
    }
    expect(ids.size).toBe(250);
    // Each getUserList is two requests in @clerk/backend: the page and the count.
    expect(fake.calls.filter((call) => call.path === '/v1/users')).toHaveLength(3);
    expect(fake.calls).toHaveLength(6);
  });

  it('searches by email, username or name, newest first by default', async () => {
    const { data, totalCount } = await clerk.users.getUserList({ query: 'user042@example.com' });
    expect(totalCount).toBe(1);
    expect(data[0]).toMatchObject({ id: 'user_seed_042', username: 'user042', firstName: 'Seed' });
    const newest = await clerk.users.getUserList({ limit: 2 });
    expect(newest.data.map((user) => user.id)).toEqual(['user_seed_250', 'user_seed_249']);
  });

  it('gets a user, and answers 404 for one it does not have', async () => {
    expect((await clerk.users.getUser('user_seed_007')).username).toBe('user007');
    expect((await failure(clerk.users.getUser('user_missing'))).status).toBe(404);
  });

  it('merges metadata updates as Clerk does (null removes a key), and replaces on PUT', async () => {
    await clerk.users.updateUserMetadata('user_seed_001', {
      publicMetadata: { plan: 'pro', flags: { a: true } },
    });
    const updated = await clerk.users.updateUserMetadata('user_seed_001', {
      publicMetadata: { isBetaUser: true, flags: { b: true }, plan: null },
    });
    expect(updated.publicMetadata).toEqual({ isBetaUser: true, flags: { a: true, b: true } });
    expect(fake.users.get('user_seed_001')?.public_metadata).toEqual({
      isBetaUser: true,
      flags: { a: true, b: true },
    });
    const replaced = await clerk.users.replaceUserMetadata('user_seed_001', { publicMetadata: { only: 1 } });
    expect(replaced.publicMetadata).toEqual({ only: 1 });
  });

  it('answers 429 with Retry-After when asked, then recovers', async () => {
    fake.rateLimitNext(1, 3);
    const error = await failure(clerk.users.getUser('user_seed_001'));
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(3);
    expect((await clerk.users.getUser('user_seed_001')).id).toBe('user_seed_001');
  });

  it('refuses a request without a valid secret key (401)', async () => {
    const anonymous = createClerkClient({ secretKey: 'not-a-key', apiUrl: fake.url });
    expect((await failure(anonymous.users.getUser('user_seed_001'))).status).toBe(401);
  });

  it('holds the users you give it', async () => {
    const own = await createClerkApiFake({
      users: [{ ...fake.users.get('user_seed_001'), id: 'user_mine' } as never],
    });
    const client = createClerkClient({ secretKey: 'sk_test_x', apiUrl: own.url });
    expect((await client.users.getUserList()).totalCount).toBe(1);
    await own.close();
    await expect(createClerkApiFake({ users: [{} as never] })).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });

  it('holds a user who signs up while it runs (addUser), as Clerk sign-up components create users', async () => {
    await expect(clerk.users.getUser('user_late')).rejects.toMatchObject({ status: 404 });
    const seed = fake.users.get('user_seed_001');
    if (!seed) throw new Error('no seed user');
    const given = { ...seed, id: 'user_late', first_name: 'Lena' };
    expect(fake.addUser(given)).toBe(fake.users.get('user_late'));
    expect((await clerk.users.getUser('user_late')).firstName).toBe('Lena');
    // The fake holds its own copy: changing the object given changes nothing.
    given.first_name = 'Changed';
    expect((await clerk.users.getUser('user_late')).firstName).toBe('Lena');
    expect((await clerk.users.getUserList({ limit: 1 })).totalCount).toBe(251);
    expect(() => fake.addUser({} as never)).toThrow(expect.objectContaining({ code: 'invalid_event' }));
  });
});

describe('organizations in the Clerk Backend API fake', () => {
  let org: ClerkApiFake;
  let client: ReturnType<typeof createClerkClient>;

  beforeEach(async () => {
    org = await createClerkApiFake({
      users: 3,
      organizations: [
        {
          id: 'org_acme',
          name: 'Acme Inc',
          slug: 'acme',
          members: [
            { userId: 'user_seed_001', role: 'org:admin' },
            { userId: 'user_seed_002', role: 'org:member', publicMetadata: { team: 'red' } },
          ],
        },
      ],
    });
    client = createClerkClient({ secretKey: 'sk_test_fake', apiUrl: org.url });
  });
  afterEach(async () => {
    await org.close();
  });

  it("merges an organization's metadata as Clerk does: nested objects merge, null removes a key", async () => {
    await client.organizations.updateOrganizationMetadata('org_acme', {
      publicMetadata: { license: { status: 'active', graceEndsAt: 1 }, plan: 'team' },
    });
    const updated = await client.organizations.updateOrganizationMetadata('org_acme', {
      publicMetadata: { license: { graceEndsAt: null }, plan: null },
      privateMetadata: { customer: 'cus_1' },
    });
    expect(updated).toMatchObject({ id: 'org_acme', name: 'Acme Inc', slug: 'acme' });
    expect(updated.publicMetadata).toEqual({ license: { status: 'active' } });
    expect(org.organizations.get('org_acme')?.public_metadata).toEqual({ license: { status: 'active' } });
    expect(org.organizations.get('org_acme')?.private_metadata).toEqual({ customer: 'cus_1' });
    expect(
      (await client.organizations.getOrganization({ organizationId: 'org_acme' })).publicMetadata,
    ).toEqual({
      license: { status: 'active' },
    });
    expect(org.calls.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      'PATCH /v1/organizations/org_acme/metadata 200',
      'PATCH /v1/organizations/org_acme/metadata 200',
      'GET /v1/organizations/org_acme 200',
    ]);
  });

  it("gives a member a seat in the membership's public metadata, and null takes it away", async () => {
    const granted = await client.organizations.updateOrganizationMembershipMetadata({
      organizationId: 'org_acme',
      userId: 'user_seed_002',
      publicMetadata: { seat: true },
    });
    expect(granted.publicMetadata).toEqual({ team: 'red', seat: true });
    expect(granted.organization.id).toBe('org_acme');
    expect(granted.publicUserData?.userId).toBe('user_seed_002');
    expect(org.membershipOf('org_acme', 'user_seed_002')?.public_metadata).toEqual({
      team: 'red',
      seat: true,
    });

    await client.organizations.updateOrganizationMembershipMetadata({
      organizationId: 'org_acme',
      userId: 'user_seed_002',
      publicMetadata: { seat: null },
    });
    expect(org.membershipOf('org_acme', 'user_seed_002')?.public_metadata).toEqual({ team: 'red' });
    // Alice's membership is untouched.
    expect(org.membershipOf('org_acme', 'user_seed_001')?.public_metadata).toEqual({});
  });

  it('answers 404 for a user who is not a member, and for an organization it does not have', async () => {
    const outsider = await failure(
      client.organizations.updateOrganizationMembershipMetadata({
        organizationId: 'org_acme',
        userId: 'user_seed_003',
        publicMetadata: { seat: true },
      }),
    );
    expect(outsider.status).toBe(404);
    expect(org.membershipOf('org_acme', 'user_seed_003')).toBeUndefined();
    const missing = await failure(
      client.organizations.updateOrganizationMetadata('org_missing', { publicMetadata: { license: null } }),
    );
    expect(missing.status).toBe(404);
  });

  it('refuses metadata that is not an object (422) and changes nothing', async () => {
    const response = await fetch(`${org.url}/v1/organizations/org_acme/memberships/user_seed_001/metadata`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer sk_test_fake', 'content-type': 'application/json' },
      body: JSON.stringify({ public_metadata: ['seat'] }),
    });
    expect(response.status).toBe(422);
    expect(org.membershipOf('org_acme', 'user_seed_001')?.public_metadata).toEqual({});
  });

  it('refuses seeded organizations without an id', async () => {
    await expect(createClerkApiFake({ organizations: [{ name: 'No id' } as never] })).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });
});

describe('sign-ups in the Clerk Backend API fake', () => {
  let signups: ClerkApiFake;
  let client: ReturnType<typeof createClerkClient>;

  beforeEach(async () => {
    signups = await createClerkApiFake({ users: 0, creatorRole: 'org:manager' });
    client = createClerkClient({ secretKey: 'sk_test_fake', apiUrl: signups.url });
  });
  afterEach(async () => {
    await signups.close();
  });

  it('Nina signs up, creates "Acme Two" and is its member with the creator role', async () => {
    const nina = await client.users.createUser({
      firstName: 'Nina',
      emailAddress: ['nina@example.com'],
      skipPasswordRequirement: true,
    });
    expect(nina).toMatchObject({ firstName: 'Nina' });
    expect(nina.emailAddresses[0]?.emailAddress).toBe('nina@example.com');
    expect(signups.users.get(nina.id)?.first_name).toBe('Nina');

    const created = await client.organizations.createOrganization({
      name: 'Acme Two',
      createdBy: nina.id,
      privateMetadata: { signup: nina.id },
    });
    expect(created).toMatchObject({
      name: 'Acme Two',
      slug: 'acme-two',
      privateMetadata: { signup: nina.id },
    });
    expect(signups.membershipOf(created.id, nina.id)?.role).toBe('org:manager');

    const { data, totalCount } = await client.users.getOrganizationMembershipList({
      userId: nina.id,
      limit: 100,
    });
    expect(totalCount).toBe(1);
    expect(data[0]?.role).toBe('org:manager');
    expect(data[0]?.organization).toMatchObject({ id: created.id, privateMetadata: { signup: nina.id } });
  });

  it('gives a new organization the creator role Clerk instances start with (org:admin) by default', async () => {
    const plain = await createClerkApiFake({ users: 1 });
    const plainClient = createClerkClient({ secretKey: 'sk_test_fake', apiUrl: plain.url });
    const created = await plainClient.organizations.createOrganization({
      name: 'Solo',
      createdBy: 'user_seed_001',
    });
    expect(plain.membershipOf(created.id, 'user_seed_001')?.role).toBe('org:admin');
    await plain.close();
  });

  it('deletes an organization and its memberships: the user belongs to none after', async () => {
    const nina = await client.users.createUser({ firstName: 'Nina', skipPasswordRequirement: true });
    const created = await client.organizations.createOrganization({ name: 'Twice', createdBy: nina.id });
    const deleted = await client.organizations.deleteOrganization(created.id);
    expect(deleted).toMatchObject({ id: created.id, deleted: true });
    expect(signups.organizations.has(created.id)).toBe(false);
    expect((await client.users.getOrganizationMembershipList({ userId: nina.id })).totalCount).toBe(0);
    expect((await failure(client.organizations.deleteOrganization(created.id))).status).toBe(404);
  });

  it('refuses an organization without a name (422) or with an unknown creator (404), creating nothing', async () => {
    expect((await failure(client.organizations.createOrganization({ name: ' ' }))).status).toBe(422);
    expect(
      (await failure(client.organizations.createOrganization({ name: 'Ghost', createdBy: 'user_missing' })))
        .status,
    ).toBe(404);
    expect(
      (await failure(client.users.getOrganizationMembershipList({ userId: 'user_missing' }))).status,
    ).toBe(404);
    expect(signups.organizations.size).toBe(0);
  });
});
