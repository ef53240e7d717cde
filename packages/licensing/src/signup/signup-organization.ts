import { type RetryOptions, withRateLimitRetry } from '@clerkship/internal';
import { LicensingError } from '../errors';

/**
 * The part of Clerk's Backend API client (`await clerkClient()` from `@clerk/nextjs/server`, or
 * `createClerkClient()` from `@clerk/backend`) the sign-up flow uses.
 */
export interface ClerkSignupClient {
  organizations: {
    createOrganization(params: {
      name: string;
      createdBy: string;
      privateMetadata?: Record<string, unknown>;
    }): Promise<{ id: string }>;
    deleteOrganization(organizationId: string): Promise<unknown>;
  };
  users: {
    getOrganizationMembershipList(params: { userId: string; limit?: number; offset?: number }): Promise<{
      data: readonly { organization: { id: string; privateMetadata?: Record<string, unknown> | null } }[];
      totalCount: number;
    }>;
  };
}

/**
 * The organization's private metadata key naming the user whose sign-up created it. Private metadata
 * never reaches a session token or the browser.
 */
export const signupMarker = 'licensing_signup_user_id';

async function clerkCall<T>(what: string, run: () => Promise<T>, retry: RetryOptions): Promise<T> {
  try {
    return await withRateLimitRetry(run, retry);
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    throw new LicensingError(
      'clerk_failed',
      `the Clerk Backend API refused ${what}${typeof status === 'number' ? ` (${status})` : ''}. Check the secret key and Clerk's status; nothing was charged, and submitting again continues the sign-up.`,
      { cause: error },
    );
  }
}

/** Creating, finding and deleting the organization of a sign-up. */
export interface SignupOrganizations {
  /** The organization an earlier request of this user's sign-up created, if Clerk has one. */
  find(userId: string): Promise<string | null>;
  /** Creates the organization with the user as its admin (Clerk's creator role). */
  create(userId: string, name: string): Promise<string>;
  /** Deletes an organization a request created in vain (another request's was recorded first). */
  remove(orgId: string): Promise<void>;
}

// Clerk's default page is 10 and its largest 500.
const membershipsPage = 100;

export function createSignupOrganizations(
  client: () => Promise<ClerkSignupClient>,
  retry: RetryOptions,
): SignupOrganizations {
  return {
    async find(userId) {
      const clerk = await client();
      // A new user belongs to a handful of organizations (one page), but one invited to many before
      // signing up may have more: every page is read until the marked one is found.
      for (let offset = 0; ; offset += membershipsPage) {
        const { data, totalCount } = await clerkCall(
          `the organization memberships of ${userId}`,
          () => clerk.users.getOrganizationMembershipList({ userId, limit: membershipsPage, offset }),
          retry,
        );
        const made = data.find(
          (membership) => membership.organization.privateMetadata?.[signupMarker] === userId,
        );
        if (made) return made.organization.id;
        if (data.length < membershipsPage || offset + data.length >= totalCount) return null;
      }
    },
    async create(userId, name) {
      const clerk = await client();
      const organization = await clerkCall(
        'to create the organization',
        () =>
          clerk.organizations.createOrganization({
            name,
            createdBy: userId,
            privateMetadata: { [signupMarker]: userId },
          }),
        retry,
      );
      return organization.id;
    },
    async remove(orgId) {
      const clerk = await client();
      await clerkCall(
        `to delete the duplicate organization ${orgId}`,
        () => clerk.organizations.deleteOrganization(orgId),
        retry,
      );
    },
  };
}
