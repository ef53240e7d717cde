import { LicensingError } from './errors';
import type { LicenseClaim } from './license';

/**
 * The part of Clerk's Backend API client (`clerkClient` from `@clerk/nextjs/server`, or
 * `createClerkClient()` from `@clerk/backend`) the mirror uses.
 */
export interface ClerkOrganizationsClient {
  organizations: {
    updateOrganizationMetadata(
      organizationId: string,
      params: { publicMetadata?: Record<string, unknown> },
    ): Promise<unknown>;
    updateOrganizationMembershipMetadata(params: {
      organizationId: string;
      userId: string;
      publicMetadata?: Record<string, unknown>;
    }): Promise<unknown>;
  };
}

/** How the mirror retries a 429. */
export interface ClerkMirrorOptions {
  /** Retries of one call answered 429 (after `Retry-After`). Default 3. */
  maxRetries?: number;
  /** The longest wait it accepts from `Retry-After`, in seconds; a longer one fails the call. Default 10. */
  maxWaitSeconds?: number;
  /** Waits `ms` milliseconds (replace in tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** Writes seats and license status into Clerk metadata, where the session token template reads them. */
export interface ClerkMirror {
  /** Membership public metadata `seat: true`, or removes the key. */
  seat(orgId: string, userId: string, held: boolean): Promise<void>;
  /** Organization public metadata `license: { status, graceEndsAt? }`. */
  license(orgId: string, claim: LicenseClaim): Promise<void>;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Clerk side of licensing: one Backend API call per change (a seat assigned or revoked, a license
 * status that changed), never one per check. A 429 is retried after its `Retry-After` (Clerk allows 100
 * requests per 10 s per app).
 *
 * @example
 * const mirror = createClerkMirror(clerkClient);
 * await mirror.seat('org_123', 'user_456', true);
 *
 * @throws {LicensingError} `not_a_member` when Clerk has no such membership, `clerk_failed` otherwise.
 */
export function createClerkMirror(
  clerk: ClerkOrganizationsClient,
  options: ClerkMirrorOptions = {},
): ClerkMirror {
  if (typeof clerk?.organizations?.updateOrganizationMembershipMetadata !== 'function') {
    throw new LicensingError(
      'invalid_option',
      '`clerk` must be a Clerk Backend API client. Pass `await clerkClient()` from @clerk/nextjs/server or `createClerkClient({ secretKey })` from @clerk/backend.',
    );
  }
  const maxRetries = options.maxRetries ?? 3;
  const maxWait = options.maxWaitSeconds ?? 10;
  const sleep = options.sleep ?? sleepFor;

  async function call(what: string, run: () => Promise<unknown>, notFound?: () => LicensingError) {
    for (let attempt = 0; ; attempt++) {
      try {
        await run();
        return;
      } catch (error) {
        const status = statusOf(error);
        const retryAfter = (error as { retryAfter?: unknown } | null)?.retryAfter;
        const wait = typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 1;
        if (status === 429 && attempt < maxRetries && wait <= maxWait) {
          await sleep(wait * 1000);
          continue;
        }
        if (status === 404 && notFound) throw notFound();
        throw new LicensingError(
          'clerk_failed',
          `the Clerk Backend API refused ${what}${status ? ` (${status})` : ''}. Check the secret key and Clerk's status; the change is retried on the next sync or assignment.`,
          { cause: error },
        );
      }
    }
  }

  return {
    seat: (orgId, userId, held) =>
      call(
        `the seat of ${userId} in ${orgId}`,
        () =>
          clerk.organizations.updateOrganizationMembershipMetadata({
            organizationId: orgId,
            userId,
            // Clerk deep-merges metadata; `null` removes the key.
            publicMetadata: { seat: held ? true : null },
          }),
        () =>
          new LicensingError(
            'not_a_member',
            `${userId} is not a member of ${orgId}. Invite the user to the organization first.`,
          ),
      ),
    license: (orgId, claim) =>
      call(`the license of ${orgId}`, () =>
        clerk.organizations.updateOrganizationMetadata(orgId, { publicMetadata: { license: claim } }),
      ),
  };
}
