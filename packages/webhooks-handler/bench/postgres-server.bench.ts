import { startPostgresServer } from '@clerkship/testing/postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, test } from 'vitest';
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

// Node CPU per delivery (this process only, so independent of what else the machine runs), per path.
const cpu = new Map<string, { deliveries: number; microseconds: number }>();
function timed(label: string, handler: typeof fast, senders: number) {
  const next = deliveries(label.replaceAll(/\W/g, ''));
  return async () => {
    const started = process.cpuUsage();
    await postConcurrently(handler, next, senders);
    const used = process.cpuUsage(started);
    const entry = cpu.get(label) ?? { deliveries: 0, microseconds: 0 };
    entry.deliveries += senders;
    entry.microseconds += used.user + used.system;
    cpu.set(label, entry);
  };
}
const cpuPerDelivery = (label: string) => {
  const entry = cpu.get(label);
  return entry ? `${(entry.microseconds / entry.deliveries / 1000).toFixed(2)} ms` : '?';
};
const summary: string[] = [];

afterAll(async () => {
  for (const line of summary) console.info(line);
  console.info(`peak RSS of the Postgres server bench process: ${peakRss()}`);
  await checkCounts(db, 'Postgres server');
  await db.$client.end();
  await server.stop();
});

for (const senders of [1, 8, 32]) {
  test(`${senders} concurrent sender(s): user.created into the mirror`, { timeout: 300_000 }, async ({
    bench,
  }) => {
    const results = await bench.compare(
      bench('before', timed(`before ${senders}`, before, senders)),
      bench('fast', timed(`fast ${senders}`, fast, senders)),
      { time: 3000 },
    );
    // Each iteration posts `senders` deliveries at once.
    const [old, now] = (['before', 'fast'] as const).map(
      (name) => results.get(name).throughput.mean * senders,
    ) as [number, number];
    summary.push(
      `${senders} sender(s): before ${Math.round(old)}/s (Node CPU ${cpuPerDelivery(`before ${senders}`)} per delivery), fast ${Math.round(now)}/s (${cpuPerDelivery(`fast ${senders}`)}), fast/before ${(now / old).toFixed(2)}x`,
    );
  });
}
