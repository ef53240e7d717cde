import { useAuth, useUser } from '@clerk/nextjs';
import posthogSingleton from 'posthog-js';
import { createElement, useEffect } from 'react';
import { type ClerkUserLike, defaultPersonProperties } from '../../person-properties';
import type { PostHogClient } from '../../posthog-client';
import { type IdentityState, syncIdentity } from '../../sync-identity';

/** Options of `usePostHogIdentify`, which reads the session from Clerk's client hooks. */
export interface PostHogIdentifyOptions {
  /** The PostHog instance. Default: the `posthog-js` singleton (as set up in `instrumentation-client.ts`). */
  client?: PostHogClient;
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

/** The session as the server saw it: `{ userId, orgId }` from `auth()` in a server layout. */
export interface SessionSnapshot {
  userId: string | null;
  orgId?: string | null;
}

/**
 * Props of `<PostHogIdentify>`: the hook's options, or, with `session`, a server snapshot of the session.
 * With a snapshot Clerk's client hooks are not called at all (no `<ClerkProvider>` needed), so `person`
 * is an object, not a function of the client-side user.
 */
export type PostHogIdentifyProps =
  | (PostHogIdentifyOptions & { session?: undefined })
  | (Omit<PostHogIdentifyOptions, 'person'> & {
      session: SessionSnapshot;
      person?: Record<string, unknown>;
    });

function useIdentitySync(
  client: PostHogClient | undefined,
  state: IdentityState,
  groupType: string | false | undefined,
): void {
  const posthog = client ?? (posthogSingleton as unknown as PostHogClient);
  const { isLoaded, userId, orgId, person, organization } = state;
  const personKey = person ? JSON.stringify(person) : '';
  const organizationKey = organization ? JSON.stringify(organization) : '';
  const type = groupType ?? 'company';
  // Objects are compared by their JSON (personKey, organizationKey): a new object with the same content
  // sends nothing.
  useEffect(() => {
    syncIdentity(posthog, { isLoaded, userId, orgId, person, organization }, { groupType: type });
  }, [posthog, isLoaded, userId, orgId, personKey, organizationKey, type]);
}

/**
 * Keeps PostHog's identity in step with Clerk's session as Clerk's client SDK reports it (`useAuth()`,
 * `useUser()`; see `syncIdentity`). Call it once, high in the tree inside `<ClerkProvider>`, where it
 * stays mounted across sign-out.
 *
 * @example
 * usePostHogIdentify({ groupType: 'company' });
 */
export function usePostHogIdentify(options: PostHogIdentifyOptions = {}): void {
  const auth = useAuth();
  const { user } = useUser();
  const person =
    typeof options.person === 'function'
      ? user
        ? options.person(user)
        : undefined
      : (options.person ?? defaultPersonProperties(user));
  useIdentitySync(
    options.client,
    {
      isLoaded: auth.isLoaded,
      userId: auth.userId,
      orgId: auth.orgId,
      person,
      organization: options.organization,
    },
    options.groupType,
  );
}

function ClerkSessionIdentify(props: PostHogIdentifyOptions): null {
  usePostHogIdentify(props);
  return null;
}

function SnapshotIdentify({
  session,
  client,
  person,
  organization,
  groupType,
}: Extract<PostHogIdentifyProps, { session: SessionSnapshot }>): null {
  useIdentitySync(
    client,
    { isLoaded: true, userId: session.userId, orgId: session.orgId, person, organization },
    groupType,
  );
  return null;
}

/**
 * Put it in the root layout: it renders nothing and keeps PostHog's identity in step with Clerk. Without
 * `session` it follows Clerk's client SDK (inside `<ClerkProvider>`); with `session` (from `auth()` in a
 * server layout) it follows that snapshot and never calls Clerk's client hooks.
 *
 * @example
 * // app/layout.tsx
 * <ClerkProvider>
 *   <PostHogIdentify />
 *   {children}
 * </ClerkProvider>
 *
 * // or, from a server layout, without Clerk's browser SDK
 * const { userId, orgId } = await auth();
 * <PostHogIdentify session={{ userId, orgId }} />
 */
export function PostHogIdentify(props: PostHogIdentifyProps) {
  return props.session
    ? createElement(SnapshotIdentify, props)
    : createElement(ClerkSessionIdentify, props as PostHogIdentifyOptions);
}
