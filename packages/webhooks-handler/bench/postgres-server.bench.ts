import { startPostgresServer } from '@clerkship/testing/postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, bench, describe } from 'vitest';
import { createWebhooksHandler } from '../src/create-webhooks-handler';
import { schemaSql } from '../src/drizzle/__fixtures__/schema-sql';
import { createClerkMirror } from '../src/drizzle/clerk-mirror';
import { createClerkMirrorWebhooksHandler } from '../src/drizzle/create-clerk-mirror-webhooks-handler';
import { createPostgresIdempotencyStore } from '../src/drizzle/postgres-idempotency-store';
import { checkCounts, deliveries, peakRss, postConcurrently, secret } from './fixtures/deliveries';

// Deliveries per second into a real Postgres server (started here, fsync on), through node-postgres with
// a pool of 20: each delivery claimed and mirrored into clerk_users. Two paths in the same run:
// - before: createPostgresIdempotencyStore + mirror.sync in onEvent (a transaction, six round trips);
// - fast: createClerkMirrorWebhooksHandler (one call to the shipped SQL function).
// PGlite stays out of this process (see pglite.bench.ts), so its memory does not count here.
const server = await startPostgresServer();
if (!server) throw new Error('bench: no PostgreSQL server on this machine (apt-get install postgresql)');
const db = drizzle({ connection: { connectionString: server.url, max: 20 } });
await db.$client.query(schemaSql);
await migrate(db, {
  migrationsFolder: new URL('../migrations', import.meta.url).pathname,
  migrationsTable: '__clerkship_webhooks_migrations',
});

const mirror = createClerkMirror(db);
const before = createWebhooksHandler({
  secret,
  store: createPostgresIdempotencyStore(db),
  onEvent: async (event, { transaction }) => {
    await mirror.sync(event, transaction);
  },
});
const fast = createClerkMirrorWebhooksHandler(db, { secret });

// deliveries/s measured over every iteration (warm-up included), per path and sender count.
const measured = new Map<string, { deliveries: number; milliseconds: number }>();
function timed(label: string, handler: typeof fast, senders: number) {
  const next = deliveries(label.replaceAll(/\W/g, ''));
  return async () => {
    const started = performance.now();
    await postConcurrently(handler, next, senders);
    const entry = measured.get(label) ?? { deliveries: 0, milliseconds: 0 };
    entry.deliveries += senders;
    entry.milliseconds += performance.now() - started;
    measured.set(label, entry);
  };
}

afterAll(async () => {
  const rate = (label: string) => {
    const entry = measured.get(label);
    return entry ? (entry.deliveries * 1000) / entry.milliseconds : Number.NaN;
  };
  for (const senders of [1, 8, 32]) {
    const [old, now] = [rate(`before ${senders}`), rate(`fast ${senders}`)];
    console.info(
      `${senders} sender(s): before ${Math.round(old)}/s, fast ${Math.round(now)}/s, ${(now / old).toFixed(2)}x`,
    );
  }
  console.info(`peak RSS of the Postgres server bench process: ${peakRss()}`);
  await checkCounts(db, 'Postgres server');
  await db.$client.end();
  await server.stop();
});

for (const senders of [1, 8, 32]) {
  describe(`${senders} concurrent sender(s): user.created into the mirror, exactly once`, () => {
    bench('before: Postgres store + mirror.sync (transaction)', timed(`before ${senders}`, before, senders), {
      time: 3000,
    });
    bench('fast: createClerkMirrorWebhooksHandler (one call)', timed(`fast ${senders}`, fast, senders), {
      time: 3000,
    });
  });
}
