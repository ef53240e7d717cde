import { expect, it } from 'vitest';
import * as drizzle from './drizzle/index';
import * as root from './index';
import * as stripe from './stripe/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "WebhooksHandlerError",
      "clerkEventTypes",
      "createMemoryIdempotencyStore",
      "createWebhooksHandler",
    ]
  `);
  expect(Object.keys(stripe).sort()).toMatchInlineSnapshot(`
    [
      "createStripeWebhooksHandler",
    ]
  `);
  expect(Object.keys(drizzle).sort()).toMatchInlineSnapshot(`
    [
      "clerkshipWebhooksSchema",
      "createClerkMirror",
      "createClerkMirrorWebhooksHandler",
      "createPostgresIdempotencyStore",
      "deletedObjects",
      "organizationMemberships",
      "organizations",
      "users",
      "webhookDeliveries",
    ]
  `);
});
