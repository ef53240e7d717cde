import { verifyJwt } from '@clerk/backend/jwt';
import { test } from 'vitest';
import { alice, instance } from '../src/__fixtures__/clerk';
import { restTokenEvent } from '../src/__fixtures__/events';
import { createGuideAuthorizer } from '../src/__fixtures__/guide-authorizer';
import { jwksOf, tokenFor } from '../src/__fixtures__/tokens';
import { createClerkAuthorizer } from '../src/create-clerk-authorizer';

// One REST TOKEN authorizer invocation, as API Gateway makes it on a cache miss. Tokens live 60 s, so
// the run mints a long-lived one to stay valid through the benchmark.
const token = await tokenFor(
  { ...alice, claims: { metadata: { role: 'admin' } } },
  { lifetimeSeconds: 3600 },
);
const event = restTokenEvent(`Bearer ${token}`);
const jwks = await jwksOf(instance.keys);
// The JWKS is served in-process: the figures leave out the network round trip to the Frontend API.
const localJwks = async () => Response.json(jwks);
const trusted = { issuer: instance.issuer, authorizedParties: [instance.authorizedParty] };

// Every invocation sees a token it has not verified yet (a new user, or a client's next 60 s token).
const runOptions = { iterations: 1000, warmupIterations: 100, time: 0, warmupTime: 0 };
const pool = await Promise.all(
  Array.from({ length: runOptions.iterations + runOptions.warmupIterations + 50 }, (_, index) =>
    tokenFor(
      { ...alice, userId: `user_${index}`, claims: { metadata: { role: 'admin' } } },
      { lifetimeSeconds: 3600 },
    ),
  ),
);
const events = pool.map((fresh) => restTokenEvent(`Bearer ${fresh}`));
function freshEvents() {
  let next = 0;
  return () => events[next++ % events.length] as (typeof events)[number];
}

test('a token seen for the first time (key already loaded)', async ({ bench }) => {
  const guide = createGuideAuthorizer(instance.keys.jwtKey);
  const withJwtKey = createClerkAuthorizer({ type: 'rest-token', ...trusted, jwtKey: instance.keys.jwtKey });
  const withJwks = createClerkAuthorizer({ type: 'rest-token', ...trusted, fetch: localJwks });
  await withJwks(event); // the JWKS is cached, as in every invocation after the first
  const [guideEvent, jwtKeyEvent, jwksEvent, clerkEvent] = [
    freshEvents(),
    freshEvents(),
    freshEvents(),
    freshEvents(),
  ];

  await bench.compare(
    bench("the guide's handler: jsonwebtoken.verify with the PEM key", async () => {
      await guide(guideEvent());
    }),
    bench('createClerkAuthorizer with jwtKey (networkless)', async () => {
      await withJwtKey(jwtKeyEvent());
    }),
    bench('createClerkAuthorizer with the cached JWKS', async () => {
      await withJwks(jwksEvent());
    }),
    // What this package verified with before: Clerk's verifyJwt imports the PEM on every call.
    bench("@clerk/backend's verifyJwt with the PEM key (the verification alone)", async () => {
      const token = clerkEvent().authorizationToken.slice('Bearer '.length);
      await verifyJwt(token, { key: instance.keys.jwtKey, authorizedParties: trusted.authorizedParties });
    }),
    runOptions,
  );
});

test('the same token again (API Gateway cache off, or keyed by route)', async ({ bench }) => {
  const guide = createGuideAuthorizer(instance.keys.jwtKey);
  const withJwtKey = createClerkAuthorizer({ type: 'rest-token', ...trusted, jwtKey: instance.keys.jwtKey });
  const withJwks = createClerkAuthorizer({ type: 'rest-token', ...trusted, fetch: localJwks });
  await withJwks(event); // the JWKS is cached, as in every invocation after the first

  await bench.compare(
    bench("the guide's handler: jsonwebtoken.verify with the PEM key", async () => {
      await guide(event);
    }),
    bench('createClerkAuthorizer with jwtKey (networkless)', async () => {
      await withJwtKey(event);
    }),
    bench('createClerkAuthorizer with the cached JWKS', async () => {
      await withJwks(event);
    }),
  );
});

test('cold start: create the authorizer and answer its first invocation', async ({ bench }) => {
  await bench.compare(
    bench("the guide's handler", async () => {
      await createGuideAuthorizer(instance.keys.jwtKey)(event);
    }),
    bench('createClerkAuthorizer with jwtKey', async () => {
      await createClerkAuthorizer({ type: 'rest-token', ...trusted, jwtKey: instance.keys.jwtKey })(event);
    }),
    bench('createClerkAuthorizer fetching the JWKS (in-process, no network)', async () => {
      await createClerkAuthorizer({ type: 'rest-token', ...trusted, fetch: localJwks })(event);
    }),
  );
});
