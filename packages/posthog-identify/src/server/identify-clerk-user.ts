import { type OrganizationJSON, primaryEmailAddress, type UserJSON } from '@clerkship/internal';
import { PostHogIdentifyError } from '../errors';

/**
 * `posthog-node` settings for serverless functions and route handlers: send each event at once, since
 * the process may freeze right after the response.
 */
export const serverlessPostHogOptions = { flushAt: 1, flushInterval: 0 } as const;

/** The `posthog-node` methods used here. */
export interface PostHogServerClient {
  identify(data: { distinctId: string; properties?: Record<string, unknown> }): void;
  groupIdentify(data: { groupType: string; groupKey: string; properties?: Record<string, unknown> }): void;
  flush(): Promise<unknown>;
}

/** How a Clerk user becomes PostHog person properties. */
export interface IdentifyUserOptions {
  /** Person properties from the user. Default: email, username and name. */
  properties?: (user: UserJSON) => Record<string, unknown>;
}

/** Email, username and name from a Backend API / webhook user (`UserJSON`). */
export function personPropertiesFromUserJSON(user: UserJSON): Record<string, string> {
  const email = primaryEmailAddress(user);
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return {
    ...(email ? { email } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(name ? { name } : {}),
  };
}

/**
 * Identifies a Clerk user in PostHog from the server, for example on a `user.created` or
 * `user.updated` webhook, and flushes before returning so a serverless function can end.
 *
 * @example
 * const posthog = new PostHog(process.env.POSTHOG_KEY, { host, ...serverlessPostHogOptions });
 * await identifyClerkUser(posthog, event.data);
 *
 * @throws {PostHogIdentifyError} `invalid_user` when the payload has no user id.
 */
export async function identifyClerkUser(
  posthog: PostHogServerClient,
  user: UserJSON,
  options: IdentifyUserOptions = {},
): Promise<void> {
  if (typeof user?.id !== 'string' || !user.id.startsWith('user_')) {
    throw new PostHogIdentifyError(
      'invalid_user',
      'identifyClerkUser was given no Clerk user (a UserJSON with an id like user_...). Pass the `data` of a user.created or user.updated webhook.',
    );
  }
  posthog.identify({
    distinctId: user.id,
    properties: { $set: (options.properties ?? personPropertiesFromUserJSON)(user) },
  });
  await posthog.flush();
}

/**
 * Describes a Clerk organization as a PostHog group (name, slug, member count), e.g. on an
 * `organization.created` or `organization.updated` webhook.
 *
 * @throws {PostHogIdentifyError} `invalid_organization` when the payload has no organization id.
 */
export async function identifyClerkOrganization(
  posthog: PostHogServerClient,
  organization: OrganizationJSON,
  options: { groupType?: string } = {},
): Promise<void> {
  if (typeof organization?.id !== 'string' || !organization.id.startsWith('org_')) {
    throw new PostHogIdentifyError(
      'invalid_organization',
      'identifyClerkOrganization was given no Clerk organization (an OrganizationJSON with an id like org_...). Pass the `data` of an organization.created or organization.updated webhook.',
    );
  }
  posthog.groupIdentify({
    groupType: options.groupType ?? 'company',
    groupKey: organization.id,
    properties: {
      name: organization.name,
      slug: organization.slug,
      ...(organization.members_count === undefined ? {} : { members_count: organization.members_count }),
    },
  });
  await posthog.flush();
}
