import { auth as clerkAuth } from '@clerk/nextjs/server';
import {
  type AuthLike,
  type ClientSource,
  checkRequirements,
  clientOf,
  primaryEmailAddress,
  type RetryOptions,
  withRateLimitRetry,
} from '@clerkship/internal';
import { z } from 'zod';
import type { Waitlist, WaitlistStatus } from '../create-waitlist';
import { WaitlistError } from '../errors';

/** A user as the admin page lists them. */
export interface WaitlistUser {
  id: string;
  email: string | null;
  name: string | null;
  status: Exclude<WaitlistStatus, 'signed_out'>;
  createdAt: number;
}

/** One page of users. */
export interface WaitlistUserPage {
  users: WaitlistUser[];
  /** How many users match, on every page. */
  totalCount: number;
  /** Pass it back for the next page; `null` on the last. */
  nextCursor: string | null;
}

/** The parts of `@clerk/backend`'s `User` the admin page reads. */
export interface WaitlistClerkUser {
  id: string;
  firstName: string | null;
  lastName: string | null;
  primaryEmailAddressId: string | null;
  emailAddresses: readonly { id: string; emailAddress: string }[];
  publicMetadata: Record<string, unknown>;
  createdAt: number;
}

/** The parts of the app's Clerk client (`clerkClient` from `@clerk/nextjs/server` or `@clerk/backend`) used. */
export interface WaitlistClerkClient {
  users: {
    getUserList(params: {
      limit?: number;
      offset?: number;
      orderBy?: '-created_at';
      query?: string;
    }): Promise<{ data: readonly WaitlistClerkUser[]; totalCount: number }>;
    updateUserMetadata(
      userId: string,
      params: { publicMetadata: Record<string, unknown> },
    ): Promise<WaitlistClerkUser>;
  };
}

/** How the admin operations reach Clerk and read the caller. */
export interface WaitlistAdminOptions extends RetryOptions {
  /** The app's Clerk client: `clerkClient` from `@clerk/nextjs/server` (pass the function) or a `createClerkClient()` result. */
  clerkClient: ClientSource<WaitlistClerkClient>;
  /** Reads the caller's session; default Clerk's `auth()`. */
  auth?: () => Promise<AuthLike>;
}

const maxPageSize = 100;

const userIdSchema = z.string().regex(/^user_[A-Za-z0-9_]+$/, 'expected a Clerk user id (user_...)');
const listSchema = z
  .object({
    query: z.string().max(200).optional(),
    cursor: z
      .string()
      .regex(/^(0|[1-9][0-9]{0,8})$/, 'the cursor must come from a previous page')
      .optional(),
    limit: z.number().int().min(1).max(maxPageSize).optional(),
  })
  .strict();

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problem = result.error.issues.map((issue) => issue.message).join('; ');
  throw new WaitlistError(
    'invalid_argument',
    `${what} is not valid (${problem}). Pass what the admin page gave you.`,
  );
}

function fromClerkError(error: unknown, userId?: string): never {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404 && userId) {
    throw new WaitlistError('user_not_found', `no Clerk user ${userId}. Reload the admin page.`, {
      cause: error,
    });
  }
  throw new WaitlistError(
    'backend_api',
    `Clerk's Backend API failed${typeof status === 'number' ? ` with ${status}` : ''}. Try again; check CLERK_SECRET_KEY if it persists.`,
    { status: status === 429 ? 503 : 502, cause: error },
  );
}

/**
 * Server-side admin operations for the waitlist. Every one checks, first and every time, that the caller
 * is an admin (from their session claims): the guide's admin action did not, so anyone signed in could
 * approve themselves. Updates merge into public metadata, never replace it. An admin cannot revoke
 * their own access (there would be no admin left to undo it).
 *
 * @example
 * import { clerkClient } from '@clerk/nextjs/server';
 * const admin = createWaitlistAdmin(waitlist, { clerkClient });
 * export const approve = guard.safeAction(waitlist.admin, (_session, userId: string) => admin.approve(userId));
 *
 * @throws {WaitlistError} from every operation: `signed_out`, `forbidden`, `invalid_argument`,
 *   `user_not_found`, `backend_api`; nothing has changed when it throws.
 */
export function createWaitlistAdmin(waitlist: Waitlist, options: WaitlistAdminOptions) {
  if (typeof options?.clerkClient !== 'function' && typeof options?.clerkClient?.users !== 'object') {
    throw new WaitlistError(
      'invalid_argument',
      'createWaitlistAdmin needs { clerkClient }. Pass clerkClient from @clerk/nextjs/server.',
    );
  }
  const readAuth: () => Promise<AuthLike> = options.auth ?? clerkAuth;
  const { approvedKey, claim } = waitlist.options;

  async function requireAdmin(): Promise<string> {
    const result = await checkRequirements(await readAuth(), [waitlist.admin]);
    if (!result.subject) {
      if (result.denial.status === 401)
        throw new WaitlistError('signed_out', 'sign in to manage the waitlist.');
      throw result.denial;
    }
    return result.subject.userId;
  }

  async function users(): Promise<WaitlistClerkClient['users']> {
    return (await clientOf(options.clerkClient)).users;
  }

  function view(user: WaitlistClerkUser): WaitlistUser {
    const status = waitlist.statusOf({ sub: user.id, [claim]: user.publicMetadata ?? {} });
    return {
      id: user.id,
      email: primaryEmailAddress(user),
      name: [user.firstName, user.lastName].filter(Boolean).join(' ') || null,
      status: status === 'signed_out' ? 'waitlisted' : status,
      createdAt: user.createdAt,
    };
  }

  async function setApproved(userId: string, approved: boolean): Promise<WaitlistUser> {
    const api = await users();
    try {
      const user = await withRateLimitRetry(
        () => api.updateUserMetadata(userId, { publicMetadata: { [approvedKey]: approved } }),
        options,
      );
      return view(user);
    } catch (error) {
      fromClerkError(error, userId);
    }
  }

  return {
    /**
     * One page of users (newest first), optionally searched by email, name or id. Two Backend API
     * requests a page: the users and their total count (what `@clerk/backend` asks for).
     */
    async listUsers(
      params: { query?: string; cursor?: string; limit?: number } = {},
    ): Promise<WaitlistUserPage> {
      await requireAdmin();
      const { query, cursor, limit = maxPageSize } = parsed(listSchema, params, 'the list request');
      const offset = cursor === undefined ? 0 : Number(cursor);
      const api = await users();
      try {
        const page = await withRateLimitRetry(
          () => api.getUserList({ limit, offset, orderBy: '-created_at', ...(query ? { query } : {}) }),
          options,
        );
        return {
          users: page.data.map(view),
          totalCount: page.totalCount,
          nextCursor: offset + limit < page.totalCount ? String(offset + limit) : null,
        };
      } catch (error) {
        fromClerkError(error);
      }
    },
    /** Approves a user: merges `{ [approvedKey]: true }` into their public metadata. */
    async approve(userId: string): Promise<WaitlistUser> {
      await requireAdmin();
      return setApproved(parsed(userIdSchema, userId, 'the user id'), true);
    },
    /** Revokes access: merges `{ [approvedKey]: false }`. An admin cannot revoke themselves. */
    async revoke(userId: string): Promise<WaitlistUser> {
      const callerId = await requireAdmin();
      const target = parsed(userIdSchema, userId, 'the user id');
      if (target === callerId) {
        throw new WaitlistError('invalid_argument', 'you cannot revoke your own access. Ask another admin.');
      }
      return setApproved(target, false);
    },
    /** Approves several users (at most 100), one request each (429s wait for `Retry-After`). */
    async approveMany(userIds: readonly string[]): Promise<WaitlistUser[]> {
      await requireAdmin();
      const ids = parsed(z.array(userIdSchema).max(maxPageSize), userIds, 'the user ids');
      const approved: WaitlistUser[] = [];
      for (const userId of ids) approved.push(await setApproved(userId, true));
      return approved;
    },
  };
}

/** The admin operations `createWaitlistAdmin` returns. */
export type WaitlistAdmin = ReturnType<typeof createWaitlistAdmin>;
