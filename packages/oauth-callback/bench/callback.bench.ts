import * as oauth from 'oauth4webapi';
import { bench, describe } from 'vitest';
import { expected, goodCallback, server } from '../src/__fixtures__/provider';
import { fragmentSafeRedirect } from '../src/fragment-safe-redirect';
import { protectCallback } from '../src/protect-callback';
import { validateCallback } from '../src/validate-callback';

// The same accepted callback, checked by each.
const client = { client_id: 'tasks' };

describe('check one callback', () => {
  bench("baseline: oauth4webapi's validateAuthResponse", () => {
    oauth.validateAuthResponse(server, client, new URL(goodCallback), expected.state);
  });

  bench('validateCallback (zod parse, token refusal, constant-time state, then validateAuthResponse)', async () => {
    await validateCallback(new Request(goodCallback), expected);
  });
});

const handler = async (_request: Request) => Response.redirect('https://tasks.example.com/settings', 302);
const wrapped = protectCallback(handler);

describe('answer one callback with a redirect', () => {
  bench('baseline: the bare handler (Response.redirect)', async () => {
    await handler(new Request(goodCallback));
  });

  bench('protectCallback(handler): fragment, no-store, no-referrer (copies the immutable response)', async () => {
    await wrapped(new Request(goodCallback));
  });

  bench('fragmentSafeRedirect', () => {
    fragmentSafeRedirect('/settings');
  });
});
