import { useAuth, useUser } from '@clerk/nextjs';
import posthogSingleton from 'posthog-js';
import { useEffect } from 'react';
import { type ClerkUserLike, defaultPersonProperties } from '../person-properties';
import type { PostHogClient } from '../posthog-client';
import { syncIdentity } from '../sync-identity';

/** Options of `usePostHogIdentify` and props of `<PostHogIdentify>`. */
export interface PostHogIdentifyOptions {
  /** The PostHog instance. Default: the `posthog-js` singleton (as set up in `instrumentation-client.ts`). */
  client?: PostHogClient;
  /**
   * The session as the server saw it, e.g. `{ userId, orgId }` from `auth()` in a server layout.
   * Default: Clerk's `useAuth()`. Pass it where Clerk's browser SDK may not load.
   */
  session?: { userId: string | null; orgId?: string | null };
  /**
   * Person properties: an object, or a function of the Clerk user (from `useUser()`). Default: email,
   * username and name once the user has loaded; identify does not wait for them.
   */
  person?: Record<string, unknown> | ((user: ClerkUserLike) => Record<string, unknown> | undefined);
  /** Properties of the active organization for group analytics. */
  organization?: Record<string, unknown>;
  /** Group type for the active organization; `false` for none. Default `'company'`. */
  groupType?: string | false;
}

/**
 * Keeps PostHog's identity in step with Clerk's session (see `syncIdentity`). Call it once, high in
 * the tree, where it stays mounted across sign-out.
 *
 * @example
 * usePostHogIdentify({ groupType: 'company' });
 */
export function usePostHogIdentify(options: PostHogIdentifyOptions = {}): void {
  const auth = useAuth();
  const { user } = useUser();
  const client = options.client ?? (posthogSingleton as unknown as PostHogClient);
  const isLoaded = options.session ? true : auth.isLoaded;
  const userId = options.session ? options.session.userId : auth.userId;
  const orgId = options.session ? options.session.orgId : auth.orgId;
  const person =
    typeof options.person === 'function'
      ? user
        ? options.person(user)
        : undefined
      : (options.person ?? defaultPersonProperties(user));
  const personKey = person ? JSON.stringify(person) : '';
  const organizationKey = options.organization ? JSON.stringify(options.organization) : '';
  const groupType = options.groupType ?? 'company';

  useEffect(() => {
    syncIdentity(
      client,
      { isLoaded, userId, orgId, person, organization: options.organization },
      { groupType },
    );
  }, [client, isLoaded, userId, orgId, personKey, organizationKey, groupType]);
}

/**
 * Put it in the root layout: it renders nothing and keeps PostHog's identity in step with Clerk.
 *
 * @example
 * // app/layout.tsx
 * <ClerkProvider>
 *   <PostHogIdentify />
 *   {children}
 * </ClerkProvider>
 */
export function PostHogIdentify(props: PostHogIdentifyOptions): null {
  usePostHogIdentify(props);
  return null;
}
