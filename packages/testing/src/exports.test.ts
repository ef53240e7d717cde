import { expect, it } from 'vitest';
import * as clerkApi from './clerk-api/index';
import * as root from './index';
import * as postgres from './postgres/index';
import * as stripe from './stripe/index';
import * as stripeApi from './stripe-api/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "TestingError",
      "createAuthObject",
      "createClerkEvent",
      "createClerkId",
      "createClerkWebhookRequest",
      "createSessionToken",
      "createTestKeys",
      "createWebhookSecret",
    ]
  `);
  expect(Object.keys(clerkApi).sort()).toMatchInlineSnapshot(`
    [
      "createClerkApiFake",
      "createSeedUsers",
    ]
  `);
  expect(Object.keys(stripe).sort()).toMatchInlineSnapshot(`
    [
      "createStripeEvent",
      "createStripeSubscription",
      "createStripeWebhookRequest",
    ]
  `);
  expect(Object.keys(stripeApi).sort()).toMatchInlineSnapshot(`
    [
      "createStripeFake",
      "startStripeFake",
    ]
  `);
  expect(Object.keys(postgres).sort()).toMatchInlineSnapshot(`
    [
      "startPostgresServer",
    ]
  `);
});
