import { expect, it } from 'vitest';
import * as drizzle from './drizzle/index';
import * as root from './index';
import * as next from './next/index';
import * as signup from './signup/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "LicensingError",
      "createLicensing",
      "definePlans",
      "isLicensed",
      "licenseGrantsSeats",
      "licensingStripeEvents",
      "memberInputSchema",
      "sessionTokenTemplate",
    ]
  `);
  expect(Object.keys(drizzle).sort()).toMatchInlineSnapshot(`
    [
      "createPostgresLicensingStore",
      "createPostgresSignupStore",
      "licensingCustomers",
      "licensingLicenses",
      "licensingSchema",
      "licensingSeats",
      "licensingSignups",
    ]
  `);
  expect(Object.keys(next).sort()).toMatchInlineSnapshot(`
    [
      "createBillingActions",
      "createGuard",
    ]
  `);
  expect(Object.keys(signup).sort()).toMatchInlineSnapshot(`
    [
      "createSignupFlow",
      "createSignupRouteHandlers",
      "isTeamPlan",
    ]
  `);
});
