import { expect, it } from 'vitest';
import * as drizzleEntry from './index';

it('exports the /drizzle entry’s public API and nothing else', () => {
  expect(Object.keys(drizzleEntry).sort()).toMatchInlineSnapshot(`
    [
      "clerkshipWebhooksSchema",
      "createClerkMirror",
      "createPostgresIdempotencyStore",
      "deletedObjects",
      "organizationMemberships",
      "organizations",
      "users",
      "webhookDeliveries",
    ]
  `);
});
