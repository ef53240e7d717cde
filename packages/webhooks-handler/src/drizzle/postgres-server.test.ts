import { createClerkEvent, createClerkWebhookRequest, createWebhookSecret } from '@clerkship/testing';
import { startPostgresServer } from '@clerkship/testing/postgres';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhooksHandler } from '../create-webhooks-handler';
import { schemaSql } from './__fixtures__/test-database';
import { createClerkMirror } from './clerk-mirror';
import { createPostgresIdempotencyStore } from './postgres-idempotency-store';
import { users, webhookDeliveries } from './schema';

// Exactly-once under real concurrency. PGlite runs one transaction at a time, so a racy claim passes
// there; a Postgres server runs the 20 copies of a delivery in 20 connections at once. Without a
// server this file fails under CI and is skipped, saying why, elsewhere.
const server = await startPostgresServer();
if (!server && process.env.CI) {
  throw new Error(
    'no PostgreSQL server binaries on this machine (looked in /usr/lib/postgresql/<n>/bin): the concurrency tests must run in CI. Install postgresql.',
  );
}
const db = server ? drizzle({ connection: { connectionString: server.url, max: 20 } }) : undefined;
if (db) await db.$client.query(schemaSql);

afterAll(async () => {
  await db?.$client.end();
  await server?.stop();
});

const suite = db ? describe : describe.skip;
const title = db
  ? 'on a Postgres server, 20 connections'
  : 'on a Postgres server (SKIPPED: no PostgreSQL server on this machine; under CI this fails)';

suite(title, () => {
  const database = db as NonNullable<typeof db>;
  const secret = createWebhookSecret();

  beforeEach(async () => {
    await database.execute(
      sql`truncate clerkship_webhook_deliveries, clerk_users, clerk_organizations, clerk_organization_memberships, clerk_deleted_objects`,
    );
  });

  it('a delivery sent 20 times at once runs its callback once; every sender gets 200', async () => {
    const mirror = createClerkMirror(database);
    let runs = 0;
    const handler = createWebhooksHandler({
      secret,
      store: createPostgresIdempotencyStore(database),
      onUserCreated: async () => {
        runs += 1;
        // Hold the claim for a moment, as a real callback does, so that the copies overlap.
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      onEvent: (event, { transaction }) => mirror.sync(event, transaction),
    });
    const event = createClerkEvent('user.created', { id: 'user_ada', first_name: 'Ada' });
    const requests = await Promise.all(
      Array.from({ length: 20 }, () => createClerkWebhookRequest(event, { secret, id: 'msg_storm' })),
    );
    const statuses = await Promise.all(requests.map(async (request) => (await handler.POST(request)).status));

    expect(statuses).toEqual(Array(20).fill(200));
    expect(runs).toBe(1);
    expect(await database.select({ id: users.id }).from(users)).toEqual([{ id: 'user_ada' }]);
    expect(await database.$count(webhookDeliveries)).toBe(1);
  });

  it('8 senders delivering overlapping batches at once run every key exactly once', async () => {
    const store = createPostgresIdempotencyStore(database);
    const runs = new Map<string, number>();
    const shared = Array.from({ length: 5 }, (_, index) => `msg_shared_${index}`);
    const senders = Array.from({ length: 8 }, (_, sender) => {
      const keys = [...Array.from({ length: 5 }, (_, index) => `msg_${sender}_${index}`), ...shared];
      return sender % 2 === 0 ? keys : keys.reverse();
    });

    await Promise.all(
      senders.map(async (keys) => {
        for (const key of keys) {
          await store.runOnce(key, async () => {
            runs.set(key, (runs.get(key) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 5));
          });
        }
      }),
    );

    expect(runs.size).toBe(8 * 5 + 5);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(await database.$count(webhookDeliveries)).toBe(8 * 5 + 5);
  });

  it('a copy waiting on a failing first attempt takes the claim over and runs once', async () => {
    const store = createPostgresIdempotencyStore(database);
    const [first, second] = await Promise.allSettled([
      store.runOnce('msg_1', async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('first attempt failed');
      }),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return store.runOnce('msg_1', async () => 'second attempt');
      })(),
    ]);

    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: { status: 'processed', value: 'second attempt' } });
    expect(await database.$count(webhookDeliveries)).toBe(1);
  });

  it('the mirror converges to the newest version when 12 versions of a user arrive at once', async () => {
    const mirror = createClerkMirror(database);
    const minute = Date.parse('2026-01-01T00:00:00Z');
    const versions = Array.from({ length: 12 }, (_, index) =>
      createClerkEvent(index === 0 ? 'user.created' : 'user.updated', {
        id: 'user_alice',
        first_name: `Alice v${index}`,
        updated_at: minute + index * 60_000,
      }),
    );

    await Promise.all([...versions].reverse().map((event) => mirror.sync(event)));

    expect(await database.select({ firstName: users.firstName }).from(users)).toEqual([
      { firstName: 'Alice v11' },
    ]);
  });
});
