import { auth as clerkAuth } from '@clerk/nextjs/server';
import type { Waitlist, WaitlistStatus, WaitlistSubject } from '../create-waitlist';
import { WaitlistError } from '../errors';
import { type BackendApiOptions, backendApi } from './backend-api';

/** A user as the admin page lists them. */
export interface WaitlistUser {
  id: string;
  email: string | null;
  name: string | null;
  status: Exclude<WaitlistStatus, 'signed-out'>;
  createdAt: number;
}

/** One page of users. */
export interface WaitlistUserPage {
  users: WaitlistUser[];
  /** Pass it back for the next page; `null` on the last. */
  nextCursor: string | null;
}

/** How the admin operations reach Clerk and read the caller. */
export interface WaitlistAdminOptions extends BackendApiOptions {
  /** Reads the caller's session; default Clerk's `auth()`. */
  auth?: () => Promise<WaitlistSubject>;
}

interface UserJSONLike {
  id: string;
  first_name: string | null;
  last_name: string | null;
  primary_email_address_id: string | null;
  email_addresses: Array<{ id: string; email_address: string }>;
  public_metadata: Record<string, unknown>;
  created_at: number;
}

const maxPageSize = 100;

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(cursor);
  if (!Number.isInteger(offset) || offset < 0)
    throw new WaitlistError('invalid_argument', 'cursor must come from a previous page.');
  return offset;
}

function assertUserId(userId: unknown): asserts userId is string {
  if (typeof userId !== 'string' || !/^user_[A-Za-z0-9_]+$/.test(userId)) {
    throw new WaitlistError('invalid_argument', 'expected a Clerk user id (user_...).');
  }
}

/**
 * Server-side admin operations for the waitlist. Every one checks, first and every time, that the
 * caller is an admin (from their session claims): the guide's admin action did not, so anyone signed in
 * could approve themselves. Updates merge into public metadata, never replace it.
 *
 * @example
 * const admin = createWaitlistAdmin(waitlist);
 * export async function approve(formData: FormData) {
 *   'use server';
 *   await admin.approve(String(formData.get('userId')));
 * }
 */
export function createWaitlistAdmin(waitlist: Waitlist, options: WaitlistAdminOptions = {}) {
  const readAuth = options.auth ?? (clerkAuth as unknown as () => Promise<WaitlistSubject>);
  const { approvedKey } = waitlist.options;

  async function requireAdmin(): Promise<void> {
    const status = waitlist.statusOf(await readAuth());
    if (status === 'signed-out')
      throw new WaitlistError('unauthenticated', 'sign in to manage the waitlist.');
    if (status !== 'admin') throw new WaitlistError('forbidden', 'only admins can manage the waitlist.');
  }

  function view(user: UserJSONLike): WaitlistUser {
    const email = user.email_addresses.find(
      (address) => address.id === user.primary_email_address_id,
    )?.email_address;
    const status = waitlist.statusOf({ sub: user.id, [waitlist.options.claim]: user.public_metadata ?? {} });
    return {
      id: user.id,
      email: email ?? null,
      name: [user.first_name, user.last_name].filter(Boolean).join(' ') || null,
      status: status === 'signed-out' ? 'waitlisted' : status,
      createdAt: user.created_at,
    };
  }

  async function setApproved(userId: string, approved: boolean): Promise<WaitlistUser> {
    assertUserId(userId);
    const user = await backendApi<UserJSONLike>(options, 'PATCH', `/users/${userId}/metadata`, {
      body: { public_metadata: { [approvedKey]: approved } },
    });
    return view(user);
  }

  return {
    /**
     * One page of users (newest first), optionally searched by email, name or id: exactly one Backend
     * API request per page.
     */
    async listUsers(
      params: { query?: string; cursor?: string; limit?: number } = {},
    ): Promise<WaitlistUserPage> {
      await requireAdmin();
      const limit = params.limit ?? maxPageSize;
      if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
        throw new WaitlistError('invalid_argument', `limit must be 1 to ${maxPageSize}.`);
      }
      const offset = decodeCursor(params.cursor);
      // One more than the page: whether it exists says if there is a next page, without a count request.
      const users = await backendApi<UserJSONLike[]>(options, 'GET', '/users', {
        query: {
          limit: String(limit + 1),
          offset: String(offset),
          order_by: '-created_at',
          ...(params.query ? { query: params.query } : {}),
        },
      });
      return {
        users: users.slice(0, limit).map(view),
        nextCursor: users.length > limit ? String(offset + limit) : null,
      };
    },
    /** Approves a user: merges `{ [approvedKey]: true }` into their public metadata. */
    async approve(userId: string): Promise<WaitlistUser> {
      await requireAdmin();
      return setApproved(userId, true);
    },
    /** Revokes access: merges `{ [approvedKey]: false }`. */
    async revoke(userId: string): Promise<WaitlistUser> {
      await requireAdmin();
      return setApproved(userId, false);
    },
    /** Approves several users, one request each (429s wait for `Retry-After`). */
    async approveMany(userIds: readonly string[]): Promise<WaitlistUser[]> {
      await requireAdmin();
      for (const userId of userIds) assertUserId(userId);
      const approved: WaitlistUser[] = [];
      for (const userId of userIds) approved.push(await setApproved(userId, true));
      return approved;
    },
  };
}

/** The admin operations `createWaitlistAdmin` returns. */
export type WaitlistAdmin = ReturnType<typeof createWaitlistAdmin>;
