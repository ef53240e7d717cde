import { expect, it } from 'vitest';
import * as root from './index';
import * as next from './next/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "AblyTokenError",
      "canModifyMessage",
      "capabilityOperations",
      "channelOperations",
      "createAblyJwt",
      "defineAblyPolicy",
    ]
  `);
  expect(Object.keys(next).sort()).toMatchInlineSnapshot(`
    [
      "createAblyTokenRoute",
    ]
  `);
});
