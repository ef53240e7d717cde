import { createHmac } from 'node:crypto';
import { createWebhookSecret } from '@clerkship/testing';
import { startPostgresServer } from '@clerkship/testing/postgres';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { afterAll, bench, describe } from 'vitest';
import userCreated from '../src/__fixtures__/user-created.json';
import { createWebhooksHandler } from '../src/create-webhooks-handler';
import { createTestDatabase, schemaSql } from '../src/drizzle/__fixtures__/test-database';
import { createClerkMirror } from '../src/drizzle/clerk-mirror';
import type { AnyPgDatabase } from '../src/drizzle/drizzle-database';
import { createPostgresIdempotencyStore } from '../src/drizzle/postgres-idempotency-store';

// Deliveries per second into Postgres: each delivery is a distinct 2 KB user.created (its own svix-id
// and user id), claimed in the store and mirrored into clerk_users in the same transaction, as the
// example app does. Eight senders post at once, as Svix does to a busy endpoint.
const senders = 8;
const secret = createWebhookSecret();
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const timestamp = String(Math.floor(Date.now() / 1000));

function deliveries(prefix: string) {
  let next = 0;
  return () => {
    const index = next++;
    const body = JSON.stringify({
      ...userCreated,
      data: { ...userCreated.data, id: `user_${prefix}${index}` },
    });
    const id = `msg_${prefix}${index}`;
    const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    return new Request('http://localhost/api/webhooks/clerk', {
      method: 'POST',
      headers: { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature },
      body,
    });
  };
}

function handlerFor(db: AnyPgDatabase) {
  const mirror = createClerkMirror(db);
  return createWebhooksHandler({
    secret,
    store: createPostgresIdempotencyStore(db),
    onEvent: async (event, { transaction }) => {
      await mirror.sync(event, transaction);
    },
  });
}

async function postConcurrently(handler: ReturnType<typeof handlerFor>, next: () => Request) {
  const responses = await Promise.all(Array.from({ length: senders }, () => handler.POST(next())));
  for (const response of responses) {
    if (response.status !== 200) throw new Error(`bench: expected 200, got ${response.status}`);
  }
}

/** Every delivery claimed once and mirrored once: the counts must match what was sent. */
async function checkCounts(db: AnyPgDatabase, label: string) {
  const [row] = (
    await db.execute<{ deliveries: number; users: number }>(
      sql`select (select count(*) from clerkship_webhook_deliveries)::int as deliveries, (select count(*) from clerk_users)::int as users`,
    )
  ).rows;
  if (!row || row.deliveries !== row.users)
    throw new Error(`bench: ${label} counts differ: ${JSON.stringify(row)}`);
  console.info(`${label}: ${row.deliveries} deliveries, each claimed and mirrored once`);
}

const pglite = await createTestDatabase();
const server = await startPostgresServer();
const postgres = server
  ? drizzleNodePostgres({ connection: { connectionString: server.url, max: 20 } })
  : undefined;
if (postgres) await postgres.$client.query(schemaSql);
if (!server) console.info('bench: no Postgres server on this machine; measuring PGlite only');

afterAll(async () => {
  await checkCounts(pglite, 'PGlite');
  if (postgres) {
    await checkCounts(postgres, 'Postgres server');
    await postgres.$client.end();
  }
  await server?.stop();
});

describe(`${senders} concurrent deliveries (user.created into the mirror, Postgres idempotency store)`, () => {
  const pgliteHandler = handlerFor(pglite);
  const pgliteNext = deliveries('pglite');
  bench('PGlite (in process, one connection)', () => postConcurrently(pgliteHandler, pgliteNext));

  if (postgres) {
    const serverHandler = handlerFor(postgres);
    const serverNext = deliveries('server');
    bench('Postgres server (node-postgres pool of 20, fsync on)', () =>
      postConcurrently(serverHandler, serverNext),
    );
  }
});
