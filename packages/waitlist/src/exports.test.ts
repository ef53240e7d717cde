import { expect, it } from 'vitest';
import * as root from './index';
import * as nextClient from './next/client/index';
import * as next from './next/index';

// The public surface is a decision: a change here is an API change, reviewed as one.
it('exports exactly the documented API', () => {
  expect({
    '.': Object.keys(root).sort(),
    './next': Object.keys(next).sort(),
    './next/client': Object.keys(nextClient).sort(),
  }).toMatchInlineSnapshot(`
    {
      ".": [
        "WaitlistError",
        "createWaitlist",
      ],
      "./next": [
        "GuardError",
        "createGuard",
        "createWaitlistAdmin",
      ],
      "./next/client": [
        "useWaitlistRefresh",
      ],
    }
  `);
});
