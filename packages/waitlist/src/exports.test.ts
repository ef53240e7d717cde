import { expect, it } from 'vitest';
import * as root from './index';
import * as next from './next/index';
import * as react from './react/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
    [
      "WaitlistError",
      "createWaitlist",
    ]
  `);
  expect(Object.keys(react).sort()).toMatchInlineSnapshot(`
    [
      "useWaitlistRefresh",
    ]
  `);
  expect(Object.keys(next).sort()).toMatchInlineSnapshot(`
    [
      "createWaitlistAdmin",
      "createWaitlistGuards",
    ]
  `);
});
