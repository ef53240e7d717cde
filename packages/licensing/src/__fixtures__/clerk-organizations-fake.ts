import { createClerkClient } from '@clerk/backend';
import { createClerkEvent } from '@clerkship/testing';
import { type ClerkApiCall, createClerkApiFake } from '@clerkship/testing/clerk-api';

/** A Clerk user as Clerk's sign-up creates it, with the given id. */
function userWithId(id: string) {
  return { ...createClerkEvent('user.created').data, id };
}

/**
 * `@clerkship/testing`'s Clerk Backend API fake, with the organizations licensing works on (every
 * member `org:member`) and a real `@clerk/backend` client pointed at it, plus the views licensing's
 * tests read: metadata, the claims the documented session token template renders, the organizations
 * the sign-up flow created.
 */
export async function startClerkOrganizationsFake(organizations: Record<string, readonly string[]>) {
  const members = new Set(Object.values(organizations).flat());
  const fake = await createClerkApiFake({
    users: [...members].map(userWithId),
    organizations: Object.entries(organizations).map(([id, userIds]) => ({
      id,
      name: id,
      members: userIds.map((userId) => ({ userId, role: 'org:member' })),
    })),
  });
  const seeded = new Set(Object.keys(organizations));
  let callsFrom = 0;

  const membership = (orgId: string, userId: string) => fake.membershipOf(orgId, userId)?.public_metadata;
  const organization = (orgId: string) => fake.organizations.get(orgId)?.public_metadata;

  return {
    clerk: createClerkClient({ secretKey: 'sk_test_licensing', apiUrl: fake.url }),
    /** The Backend API calls since the last `clearCalls()`. */
    get calls(): Pick<ClerkApiCall, 'method' | 'path' | 'status'>[] {
      return fake.calls.slice(callsFrom).map(({ method, path, status }) => ({ method, path, status }));
    },
    clearCalls() {
      callsFrom = fake.calls.length;
    },
    /** A user who just finished Clerk's sign-up. */
    signUp(userId: string) {
      if (!fake.users.has(userId)) fake.addUser(userWithId(userId));
    },
    /** The public metadata of a membership (what `{{org_membership.public_metadata}}` renders). */
    membership,
    /** The public metadata of an organization (what `{{org.public_metadata}}` renders). */
    organization,
    /** The session claims the documented template renders for a member. */
    claimsOf(orgId: string, userId: string) {
      return {
        sub: userId,
        v: 2,
        o: { id: orgId, rol: 'member' },
        licensing: {
          seat: membership(orgId, userId)?.seat ?? null,
          license: organization(orgId)?.license ?? null,
        },
      };
    },
    /** Organizations the API created: id, name, creator and private metadata. */
    createdOrganizations: () =>
      [...fake.organizations.values()]
        .filter((created) => !seeded.has(created.id))
        .map((created) => ({
          id: created.id,
          name: created.name,
          createdBy: created.created_by,
          privateMetadata: created.private_metadata,
        })),
    /** The role of a member (the creator of an organization is `org:admin`), `null` for a non-member. */
    roleOf: (orgId: string, userId: string) => fake.membershipOf(orgId, userId)?.role ?? null,
    rateLimitNext: fake.rateLimitNext,
    close: fake.close,
  };
}

export type ClerkOrganizationsFake = Awaited<ReturnType<typeof startClerkOrganizationsFake>>;
