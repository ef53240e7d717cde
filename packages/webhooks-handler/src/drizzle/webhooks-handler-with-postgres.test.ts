import { createClerkEvent, createClerkWebhookRequest, createWebhookSecret } from '@clerkship/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhooksHandler } from '../create-webhooks-handler';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { createClerkMirror } from './clerk-mirror';
import { createPostgresIdempotencyStore } from './postgres-idempotency-store';
import { users, webhookDeliveries } from './schema';

// The whole path a user deploys: the handler, the Postgres store and the mirror on one database.
const secret = createWebhookSecret();
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

beforeEach(async () => {
  await emptyTestDatabase(db);
});

function mirroringHandler(options: { failFirst?: boolean } = {}) {
  const mirror = createClerkMirror(db);
  let failNext = options.failFirst ?? false;
  return createWebhooksHandler({
    secret,
    store: createPostgresIdempotencyStore(db),
    onError: () => {},
    onEvent: async (event, { transaction }) => {
      await mirror.sync(event, transaction);
      if (failNext) {
        failNext = false;
        throw new Error('the welcome email service is down');
      }
    },
  });
}

async function rows() {
  return {
    users: await db.select({ id: users.id, firstName: users.firstName }).from(users),
    deliveries: (await db.select({ key: webhookDeliveries.key }).from(webhookDeliveries)).length,
  };
}

describe('createWebhooksHandler with the Postgres store and the mirror', () => {
  const event = createClerkEvent('user.created', { id: 'user_ada', first_name: 'Ada' });

  it('a delivery sent 20 times at once is mirrored once; every sender gets 200', async () => {
    const handler = mirroringHandler();
    const statuses = await Promise.all(
      Array.from(
        { length: 20 },
        async () =>
          (await handler.POST(await createClerkWebhookRequest(event, { secret, id: 'msg_storm' }))).status,
      ),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect(await rows()).toEqual({ users: [{ id: 'user_ada', firstName: 'Ada' }], deliveries: 1 });
  });

  it('a callback that throws after writing rolls back its write and the claim; the retry applies it', async () => {
    const handler = mirroringHandler({ failFirst: true });
    const deliver = async () =>
      (await handler.POST(await createClerkWebhookRequest(event, { secret, id: 'msg_retry' }))).status;
    expect(await deliver()).toBe(500);
    expect(await rows()).toEqual({ users: [], deliveries: 0 });
    expect(await deliver()).toBe(200);
    expect(await deliver()).toBe(200);
    expect(await rows()).toEqual({ users: [{ id: 'user_ada', firstName: 'Ada' }], deliveries: 1 });
  });

  it('a tampered delivery is refused and writes nothing', async () => {
    const handler = mirroringHandler();
    const request = await createClerkWebhookRequest(event, { secret });
    const forged = new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: (await request.text()).replace('"Ada"', '"Mallory"'),
    });
    expect((await handler.POST(forged)).status).toBe(400);
    expect(await rows()).toEqual({ users: [], deliveries: 0 });
  });
});
