import * as oauth from 'oauth4webapi';
import { test } from 'vitest';
import { expected, goodCallback, server } from '../src/__fixtures__/provider';
import { protectCallback } from '../src/protect-callback';
import { validateCallback } from '../src/validate-callback';

// Each comparison runs its baseline and ours in the same process, on the same accepted callback, and
// prints ours as a ratio of the baseline's throughput. No thresholds: the figures go in the README.
function report(title: string, baseline: number, ours: number) {
  process.stdout.write(`${title}: ${(ours / baseline).toFixed(2)}x the baseline's throughput\n`);
}

test('check one callback', async ({ bench }) => {
  const client = { client_id: 'tasks' };
  const results = await bench.compare(
    bench("baseline: oauth4webapi's validateAuthResponse", () => {
      oauth.validateAuthResponse(server, client, new URL(goodCallback), expected.state);
    }),
    bench('validateCallback', async () => {
      await validateCallback(new Request(goodCallback), expected);
    }),
  );
  report(
    'validateCallback',
    results.get("baseline: oauth4webapi's validateAuthResponse").throughput.mean,
    results.get('validateCallback').throughput.mean,
  );
});

test('answer one callback with a redirect', async ({ bench }) => {
  const handler = async (_request: Request) => Response.redirect('https://tasks.example.com/settings', 302);
  const wrapped = protectCallback(handler);
  const results = await bench.compare(
    bench('baseline: the bare handler', async () => {
      await handler(new Request(goodCallback));
    }),
    bench('protectCallback(handler)', async () => {
      await wrapped(new Request(goodCallback));
    }),
  );
  report(
    'protectCallback',
    results.get('baseline: the bare handler').throughput.mean,
    results.get('protectCallback(handler)').throughput.mean,
  );
});
