import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PostHogClient } from '../../posthog-client';
import { PostHogIdentify } from './posthog-identify';

const client = {} as PostHogClient; // effects do not run on the server: nothing is called on it

describe('<PostHogIdentify>', () => {
  it('with a session snapshot from the server, renders without <ClerkProvider>: Clerk hooks are not called', () => {
    const html = renderToString(
      createElement(PostHogIdentify, {
        client,
        session: { userId: 'user_alice', orgId: 'org_acme' },
        person: { email: 'alice@example.com' },
      }),
    );
    expect(html).toBe('');
  });

  it('without a snapshot, follows Clerk’s client SDK, which needs <ClerkProvider>', () => {
    expect(() => renderToString(createElement(PostHogIdentify, { client }))).toThrowError(/ClerkProvider/);
  });
});
