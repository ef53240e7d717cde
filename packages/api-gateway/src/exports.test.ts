import { expect, it } from 'vitest';
import * as root from './index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "ApiGatewayError",
      "checkJwtAuthorizerToken",
      "createClerkAuthorizer",
    ]
  `);
});
