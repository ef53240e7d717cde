import { eq, sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { WebhooksHandlerError } from '../errors';
import type { WebhookContext } from '../webhook-context';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import type { DrizzleTransaction } from './drizzle-database';
import { createPostgresIdempotencyStore } from './postgres-idempotency-store';
import { webhookDeliveries } from './schema';

// What a callback writes: one row per run, so a test can count how often a delivery's work ran.
const welcomeEmails = pgTable('welcome_emails', {
  deliveryId: text('delivery_id').notNull(),
  userId: text('user_id').notNull(),
});
// A table of the deliveries' shape that an app declares itself, e.g. with other column names.
const appDeliveries = pgTable('app_webhook_deliveries', {
  key: text('delivery_id').primaryKey(),
  processedAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
});

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(`
    CREATE TABLE welcome_emails (delivery_id text NOT NULL, user_id text NOT NULL);
    CREATE TABLE app_webhook_deliveries (delivery_id text PRIMARY KEY, handled_at timestamptz NOT NULL DEFAULT now());
  `);
});

beforeEach(async () => {
  await emptyTestDatabase(db);
});

async function sentEmails(deliveryId?: string) {
  const query = db.select().from(welcomeEmails);
  return deliveryId ? query.where(eq(welcomeEmails.deliveryId, deliveryId)) : query;
}

async function claimedKeys() {
  const rows = await db.select({ key: webhookDeliveries.key }).from(webhookDeliveries);
  return rows.map((row) => row.key).sort();
}

describe('createPostgresIdempotencyStore', () => {
  it('runs a delivery once and reports its retry as a duplicate without running it again', async () => {
    const store = createPostgresIdempotencyStore(db);
    let runs = 0;
    const work = async () => {
      runs += 1;
      return 'welcomed';
    };

    expect(await store.runOnce('msg_alice_created', work)).toEqual({
      status: 'processed',
      value: 'welcomed',
    });
    expect(await store.runOnce('msg_alice_created', work)).toEqual({ status: 'duplicate' });
    expect(runs).toBe(1);
    expect(await claimedKeys()).toEqual(['msg_alice_created']);
  });

  it('commits what the callback writes through the transaction together with the claim', async () => {
    const store = createPostgresIdempotencyStore(db);

    await store.runOnce('msg_1', async (transaction) => {
      await transaction.insert(welcomeEmails).values({ deliveryId: 'msg_1', userId: 'user_alice' });
      // The callback reads its own uncommitted write through the same transaction.
      return transaction.$count(welcomeEmails);
    });

    expect(await sentEmails()).toEqual([{ deliveryId: 'msg_1', userId: 'user_alice' }]);
  });

  it('releases the claim when the callback throws, so the sender’s retry runs it', async () => {
    const store = createPostgresIdempotencyStore(db);
    const outage = new Error('mail provider is down');

    await expect(
      store.runOnce('msg_1', async () => {
        throw outage;
      }),
    ).rejects.toBe(outage);
    expect(await claimedKeys()).toEqual([]);

    expect(await store.runOnce('msg_1', async () => 'sent on retry')).toEqual({
      status: 'processed',
      value: 'sent on retry',
    });
    expect(await claimedKeys()).toEqual(['msg_1']);
  });

  it('rolls back the callback’s writes with the claim when it throws after writing (exactly once)', async () => {
    const store = createPostgresIdempotencyStore(db);

    await expect(
      store.runOnce('msg_1', async (transaction) => {
        await transaction.insert(welcomeEmails).values({ deliveryId: 'msg_1', userId: 'user_alice' });
        throw new Error('crashed after writing');
      }),
    ).rejects.toThrow('crashed after writing');

    expect(await sentEmails()).toEqual([]);
    expect(await claimedKeys()).toEqual([]);

    await store.runOnce('msg_1', async (transaction) => {
      await transaction.insert(welcomeEmails).values({ deliveryId: 'msg_1', userId: 'user_alice' });
    });
    expect(await sentEmails()).toHaveLength(1);
  });

  it('runs a delivery once when Svix sends it 20 times at the same moment', async () => {
    const store = createPostgresIdempotencyStore(db);

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.runOnce('msg_burst', async (transaction) => {
          await transaction.insert(welcomeEmails).values({ deliveryId: 'msg_burst', userId: 'user_alice' });
          return 'sent';
        }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'processed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'duplicate')).toHaveLength(19);
    expect(await sentEmails('msg_burst')).toHaveLength(1);
  });

  it('runs every key once when 8 senders deliver overlapping batches concurrently', async () => {
    const store = createPostgresIdempotencyStore(db);
    // Each sender has 5 keys of its own and 5 keys every sender also delivers, in its own order.
    const shared = Array.from({ length: 5 }, (_, index) => `msg_shared_${index}`);
    const senders = Array.from({ length: 8 }, (_, sender) => {
      const own = Array.from({ length: 5 }, (_, index) => `msg_sender_${sender}_${index}`);
      const keys = [...own, ...shared];
      return sender % 2 === 0 ? keys : keys.reverse();
    });

    await Promise.all(
      senders.map(async (keys) => {
        for (const key of keys) {
          await store.runOnce(key, async (transaction) => {
            await transaction.insert(welcomeEmails).values({ deliveryId: key, userId: 'user_alice' });
          });
        }
      }),
    );

    const rows = await db
      .select({ deliveryId: welcomeEmails.deliveryId, runs: sql<number>`count(*)::int` })
      .from(welcomeEmails)
      .groupBy(welcomeEmails.deliveryId);
    expect(rows).toHaveLength(8 * 5 + 5);
    expect(rows.every((row) => row.runs === 1)).toBe(true);
    expect(await claimedKeys()).toHaveLength(8 * 5 + 5);
  });

  it('lets a concurrent duplicate run when the first delivery fails', async () => {
    const store = createPostgresIdempotencyStore(db);

    const [first, second] = await Promise.allSettled([
      store.runOnce('msg_1', async (transaction) => {
        await transaction.insert(welcomeEmails).values({ deliveryId: 'msg_1', userId: 'first' });
        throw new Error('first attempt failed');
      }),
      store.runOnce('msg_1', async (transaction) => {
        await transaction.insert(welcomeEmails).values({ deliveryId: 'msg_1', userId: 'second' });
        return 'second attempt';
      }),
    ]);

    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: { status: 'processed', value: 'second attempt' } });
    expect(await sentEmails()).toEqual([{ deliveryId: 'msg_1', userId: 'second' }]);
  });

  it('prunes delivery ids older than the retention and keeps recent ones', async () => {
    const store = createPostgresIdempotencyStore(db);
    await db.insert(webhookDeliveries).values([
      { key: 'msg_last_month', processedAt: new Date(Date.now() - 30 * 24 * 3600_000) },
      { key: 'msg_last_week', processedAt: new Date(Date.now() - 7 * 24 * 3600_000) },
    ]);
    await store.runOnce('msg_today', async () => undefined);

    expect(await store.prune({ olderThanSeconds: 3 * 24 * 3600 })).toBe(2);
    expect(await claimedKeys()).toEqual(['msg_today']);
    expect(await store.prune({ olderThanSeconds: 3 * 24 * 3600 })).toBe(0);
  });

  it('uses a deliveries table of the same shape declared by the app', async () => {
    const store = createPostgresIdempotencyStore(db, { table: appDeliveries });

    expect(await store.runOnce('msg_1', async () => 1)).toEqual({ status: 'processed', value: 1 });
    expect(await store.runOnce('msg_1', async () => 2)).toEqual({ status: 'duplicate' });
    expect(await db.select({ key: appDeliveries.key }).from(appDeliveries)).toEqual([{ key: 'msg_1' }]);
  });

  it('types the transaction handed to callbacks as the transaction of the database passed in', () => {
    const store = createPostgresIdempotencyStore(db);
    type Transaction = DrizzleTransaction<PgliteDatabase>;

    expectTypeOf(store.runOnce<void>)
      .parameter(1)
      .parameter(0)
      .toEqualTypeOf<Transaction>();
    expectTypeOf<WebhookContext<unknown, Transaction>['transaction']>().toHaveProperty('insert');
  });

  it('rejects a database that is not drizzle Postgres with invalid_option', () => {
    const attempt = () => createPostgresIdempotencyStore({} as TestDatabase);

    expect(attempt).toThrow(WebhooksHandlerError);
    expect(attempt).toThrow(
      /^@clerkship\/webhooks-handler: createPostgresIdempotencyStore\(db\) needs a drizzle/,
    );
    try {
      attempt();
    } catch (error) {
      expect(WebhooksHandlerError.isInstance(error) && error.code).toBe('invalid_option');
    }
  });

  it('rejects a deliveries table without a unique key column with invalid_option', () => {
    const keyless = pgTable('keyless', { key: text('key'), processedAt: text('processed_at') });

    expect(() => createPostgresIdempotencyStore(db, { table: keyless })).toThrow(
      expect.objectContaining({ code: 'invalid_option', message: expect.stringContaining('`key` column') }),
    );
  });

  it('rejects a non-positive prune age with invalid_option', async () => {
    const store = createPostgresIdempotencyStore(db);

    await expect(store.prune({ olderThanSeconds: 0 })).rejects.toMatchObject({ code: 'invalid_option' });
    await expect(store.prune({ olderThanSeconds: Number.NaN })).rejects.toMatchObject({
      code: 'invalid_option',
    });
  });
});
