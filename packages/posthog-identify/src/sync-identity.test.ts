import { describe, expect, it } from 'vitest';
import type { PostHogClient } from './posthog-client';
import { syncIdentity } from './sync-identity';

/**
 * A PostHog double that records calls and keeps the state posthog-js keeps (distinct id, user state,
 * groups), following its documented semantics: identify from anonymous merges and marks identified,
 * reset makes a new anonymous id.
 */
function recordingPostHog() {
  let anonymous = 0;
  const state = { distinctId: 'anon-0', userState: 'anonymous', groups: {} as Record<string, string> };
  const calls: string[] = [];
  const client: PostHogClient = {
    identify(id, properties) {
      calls.push(`identify ${id}${properties ? ` ${JSON.stringify(properties)}` : ''}`);
      state.distinctId = id;
      state.userState = 'identified';
    },
    reset() {
      calls.push('reset');
      anonymous += 1;
      state.distinctId = `anon-${anonymous}`;
      state.userState = 'anonymous';
      state.groups = {};
    },
    get_distinct_id: () => state.distinctId,
    get_property: (name) =>
      name === '$user_state' ? state.userState : name === '$groups' ? { ...state.groups } : undefined,
    setPersonProperties(properties) {
      calls.push(`setPersonProperties ${JSON.stringify(properties)}`);
    },
    group(type, key, properties) {
      calls.push(`group ${type} ${key}${properties ? ` ${JSON.stringify(properties)}` : ''}`);
      state.groups[type] = key;
    },
    resetGroups() {
      calls.push('resetGroups');
      state.groups = {};
    },
  };
  return { client, calls, state };
}

describe('syncIdentity', () => {
  it('sends nothing while Clerk is still loading', () => {
    const { client, calls } = recordingPostHog();
    expect(syncIdentity(client, { isLoaded: false, userId: undefined })).toBe('waiting');
    expect(syncIdentity(client, { isLoaded: false, userId: 'user_alice' })).toBe('waiting');
    expect(calls).toEqual([]);
  });

  it('identifies Alice once when she signs in, merging her anonymous visit', () => {
    const { client, calls } = recordingPostHog();
    syncIdentity(client, { isLoaded: true, userId: null });
    expect(
      syncIdentity(client, { isLoaded: true, userId: 'user_alice', person: { email: 'alice@example.com' } }),
    ).toBe('identified');
    expect(calls).toEqual(['identify user_alice {"email":"alice@example.com"}']);
  });

  it('does not identify again on a reload or re-render while signed in', () => {
    const { client, calls } = recordingPostHog();
    const alice = { isLoaded: true, userId: 'user_alice', person: { email: 'alice@example.com' } };
    syncIdentity(client, alice);
    expect(syncIdentity(client, { ...alice })).toBe('unchanged');
    expect(calls.filter((call) => call.startsWith('identify'))).toHaveLength(1);
  });

  it('identifies from the user id alone, then sends person properties when they arrive', () => {
    const { client, calls } = recordingPostHog();
    syncIdentity(client, { isLoaded: true, userId: 'user_alice' });
    syncIdentity(client, { isLoaded: true, userId: 'user_alice', person: { email: 'alice@example.com' } });
    syncIdentity(client, { isLoaded: true, userId: 'user_alice', person: { email: 'alice@example.com' } });
    expect(calls).toEqual(['identify user_alice', 'setPersonProperties {"email":"alice@example.com"}']);
  });

  it('resets on sign-out, only if someone was identified', () => {
    const anonymous = recordingPostHog();
    expect(syncIdentity(anonymous.client, { isLoaded: true, userId: null })).toBe('unchanged');
    expect(anonymous.calls).toEqual([]);

    const { client, calls } = recordingPostHog();
    syncIdentity(client, { isLoaded: true, userId: 'user_alice' });
    expect(syncIdentity(client, { isLoaded: true, userId: null })).toBe('reset');
    expect(syncIdentity(client, { isLoaded: true, userId: null })).toBe('unchanged');
    expect(calls).toEqual(['identify user_alice', 'reset']);
  });

  it('resets before identifying Bob on the device Alice used, so Bob is never merged into Alice', () => {
    const { client, calls, state } = recordingPostHog();
    syncIdentity(client, { isLoaded: true, userId: 'user_alice' });
    expect(syncIdentity(client, { isLoaded: true, userId: 'user_bob' })).toBe('switched_user');
    expect(calls).toEqual(['identify user_alice', 'reset', 'identify user_bob']);
    expect(state.distinctId).toBe('user_bob');
  });

  it('follows the active organization as a group, and leaves it for a personal account', () => {
    const { client, calls } = recordingPostHog();
    syncIdentity(client, {
      isLoaded: true,
      userId: 'user_alice',
      orgId: 'org_acme',
      organization: { name: 'Acme' },
    });
    syncIdentity(client, {
      isLoaded: true,
      userId: 'user_alice',
      orgId: 'org_acme',
      organization: { name: 'Acme' },
    });
    syncIdentity(client, { isLoaded: true, userId: 'user_alice', orgId: 'org_globex' });
    syncIdentity(client, { isLoaded: true, userId: 'user_alice', orgId: null });
    expect(calls).toEqual([
      'identify user_alice',
      'group company org_acme {"name":"Acme"}',
      'group company org_globex',
      'resetGroups',
    ]);
  });

  it('uses your group type, or none', () => {
    const named = recordingPostHog();
    syncIdentity(
      named.client,
      { isLoaded: true, userId: 'user_alice', orgId: 'org_acme' },
      { groupType: 'organization' },
    );
    expect(named.calls).toContain('group organization org_acme');
    const none = recordingPostHog();
    syncIdentity(
      none.client,
      { isLoaded: true, userId: 'user_alice', orgId: 'org_acme' },
      { groupType: false },
    );
    expect(none.calls).toEqual(['identify user_alice']);
  });
});
