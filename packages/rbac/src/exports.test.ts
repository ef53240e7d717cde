import { expect, it } from 'vitest';
import * as root from './index';
import * as next from './next/index';
import * as react from './react/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "ForbiddenError",
      "RbacError",
      "defineAccess",
    ]
  `);
  expect(Object.keys(next).sort()).toMatchInlineSnapshot(`
    [
      "createNextGuards",
    ]
  `);
  expect(Object.keys(react).sort()).toMatchInlineSnapshot(`
    [
      "createReactAccess",
    ]
  `);
});
