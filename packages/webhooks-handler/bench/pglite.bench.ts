import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, test } from 'vitest';
import { createWebhooksHandler } from '../src/create-webhooks-handler';
import { createTestDatabase } from '../src/drizzle/__fixtures__/test-database';
import { createClerkMirror } from '../src/drizzle/clerk-mirror';
import { createClerkMirrorWebhooksHandler } from '../src/drizzle/create-clerk-mirror-webhooks-handler';
import { createPostgresIdempotencyStore } from '../src/drizzle/postgres-idempotency-store';
import { checkCounts, deliveries, peakRss, postConcurrently, secret } from './fixtures/deliveries';

// The same deliveries into PGlite (Postgres in WASM, in this process: one connection), in its own file so
// that its memory stays out of the server bench's process.
const senders = 8;
const db = await createTestDatabase();
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

afterAll(async () => {
  console.info(`peak RSS of the PGlite bench process: ${peakRss()}`);
  await checkCounts(db, 'PGlite');
});

test(`${senders} concurrent senders into PGlite (in process, one connection)`, { timeout: 300_000 }, async ({
  bench,
}) => {
  const beforeNext = deliveries('pglitebefore');
  const fastNext = deliveries('pglitefast');
  await bench.compare(
    bench('before: Postgres store + mirror.sync (transaction)', () =>
      postConcurrently(before, beforeNext, senders),
    ),
    bench('fast: createClerkMirrorWebhooksHandler (one call)', () =>
      postConcurrently(fast, fastNext, senders),
    ),
  );
});
