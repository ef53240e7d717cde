import { expect, it } from 'vitest';
import * as root from './index';
import * as nextClient from './next/client/index';
import * as server from './server/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "PostHogIdentifyError",
      "defaultPersonProperties",
      "syncIdentity",
    ]
  `);
  expect(Object.keys(nextClient).sort()).toMatchInlineSnapshot(`
    [
      "PostHogIdentify",
      "usePostHogIdentify",
    ]
  `);
  expect(Object.keys(server).sort()).toMatchInlineSnapshot(`
    [
      "identifyClerkOrganization",
      "identifyClerkUser",
      "personPropertiesFromUserJSON",
      "serverlessPostHogOptions",
    ]
  `);
});
