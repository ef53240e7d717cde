import type { PostHogClient } from './posthog-client';

/** What Clerk says about the session, from `useAuth()` or passed down from a server component. */
export interface IdentityState {
  /** `false` while Clerk has not decided yet: nothing is sent until it has. */
  isLoaded: boolean;
  /** The signed-in user, or `null`/`undefined` when signed out. */
  userId: string | null | undefined;
  /** The active organization, if any. */
  orgId?: string | null | undefined;
  /** Person properties chosen by the app (may arrive after the user id, e.g. from `useUser()`). */
  person?: Record<string, unknown> | undefined;
  /** Properties of the active organization for group analytics. */
  organization?: Record<string, unknown> | undefined;
}

/** How identities map onto PostHog. */
export interface SyncOptions {
  /** Group type for the active organization (`group(type, orgId)`), or `false` for none. Default `'company'`. */
  groupType?: string | false;
}

/** What `syncIdentity` did, for logs and tests. */
export type SyncAction = 'waiting' | 'identified' | 'switched_user' | 'reset' | 'unchanged';

// What was last sent per client (person properties, group), so a re-render sends nothing again.
const sentProperties = new WeakMap<object, string>();
const sentGroups = new WeakMap<object, string>();

function isIdentified(posthog: PostHogClient): boolean {
  return posthog.get_property('$user_state') === 'identified';
}

function syncGroup(posthog: PostHogClient, state: IdentityState, groupType: string): void {
  const groups = posthog.get_property('$groups') as Record<string, unknown> | undefined;
  const current = groups?.[groupType];
  if (state.orgId) {
    const key = `${state.orgId}\u0000${state.organization ? JSON.stringify(state.organization) : ''}`;
    if (current === state.orgId && sentGroups.get(posthog) === key) return;
    if (current === state.orgId && !state.organization) {
      sentGroups.set(posthog, key);
      return;
    }
    posthog.group(groupType, state.orgId, state.organization);
    sentGroups.set(posthog, key);
  } else if (current !== undefined) {
    posthog.resetGroups();
    sentGroups.delete(posthog);
  }
}

/**
 * Brings PostHog in line with Clerk's session, doing only what changed:
 * - signed in as a new user: `identify(userId, person)` (an anonymous visitor's events merge into them);
 * - signed in as a different user than the identified one: `reset()` first, so nothing merges;
 * - signed out: `reset()` only if someone was identified (anonymous visitors keep their history);
 * - person properties that arrive later, or change: `setPersonProperties`;
 * - the active organization: `group(groupType, orgId)`, `resetGroups()` when there is none.
 *
 * @example
 * syncIdentity(posthog, { isLoaded, userId, orgId, person: { email } });
 */
export function syncIdentity(
  posthog: PostHogClient,
  state: IdentityState,
  options: SyncOptions = {},
): SyncAction {
  if (!state.isLoaded) return 'waiting';
  const groupType = options.groupType ?? 'company';
  const propertiesKey = state.person ? JSON.stringify(state.person) : '';
  let action: SyncAction = 'unchanged';

  if (!state.userId) {
    if (!isIdentified(posthog)) return 'unchanged';
    posthog.reset();
    sentProperties.delete(posthog);
    return 'reset';
  }

  const current = posthog.get_distinct_id();
  if (current !== state.userId) {
    if (isIdentified(posthog)) {
      posthog.reset();
      action = 'switched_user';
    } else {
      action = 'identified';
    }
    posthog.identify(state.userId, state.person);
    sentProperties.set(posthog, `${state.userId}\u0000${propertiesKey}`);
  } else if (state.person && sentProperties.get(posthog) !== `${state.userId}\u0000${propertiesKey}`) {
    posthog.setPersonProperties(state.person);
    sentProperties.set(posthog, `${state.userId}\u0000${propertiesKey}`);
  }

  if (groupType) syncGroup(posthog, state, groupType);
  return action;
}
