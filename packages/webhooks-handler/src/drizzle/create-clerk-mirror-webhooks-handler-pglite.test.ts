import type { ClerkWebhookEvent } from '@clerkship/internal';
import { createClerkWebhookRequest, createWebhookSecret } from '@clerkship/testing';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { deletedEvent, minutes, userEvent } from './__fixtures__/clerk-mirror-events';
import { migrationsFolder } from './__fixtures__/postgres-server';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { createClerkMirrorWebhooksHandler } from './create-clerk-mirror-webhooks-handler';
import type { DrizzleTransaction } from './drizzle-database';
import { users, webhookDeliveries } from './schema';

// PGlite (tests, the example app, no server) runs the same shipped migration and the same paths.
const secret = createWebhookSecret();
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrate(db, { migrationsFolder, migrationsTable: '__clerkship_webhooks_migrations' });
});

beforeEach(async () => {
  await emptyTestDatabase(db);
});

describe('createClerkMirrorWebhooksHandler on PGlite', () => {
  const alice = 'user_2alice0000000000000000000';

  it('mirrors, answers a redelivery as a duplicate, and keeps a deleted user deleted', async () => {
    const handler = createClerkMirrorWebhooksHandler(db, { secret });
    const deliver = async (event: ClerkWebhookEvent, id: string) =>
      handler.POST(await createClerkWebhookRequest(event, { secret, id }));
    const created = userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) });
    expect((await deliver(created, 'msg_1')).status).toBe(200);
    expect(await (await deliver(created, 'msg_1')).json()).toMatchObject({ duplicate: true });
    expect(await db.select({ firstName: users.firstName }).from(users)).toEqual([{ firstName: 'Alice' }]);
    await deliver(deletedEvent('user.deleted', alice, minutes(2)), 'msg_2');
    await deliver(
      userEvent('user.updated', { id: alice, first_name: 'Zombie', updated_at: minutes(3) }),
      'msg_3',
    );
    expect(await db.select().from(users)).toEqual([]);
    expect((await db.select().from(webhookDeliveries)).length).toBe(3);
  });

  it("runs an app callback in the delivery's transaction, before the mirror, and rolls both back on a throw", async () => {
    let calls = 0;
    const handler = createClerkMirrorWebhooksHandler(db, {
      secret,
      onError: () => {},
      onUserCreated: async (_user, { transaction }) => {
        expectTypeOf(transaction).toEqualTypeOf<DrizzleTransaction<TestDatabase>>();
        calls++;
        // The claim is already in the transaction the callback gets.
        expect((await transaction.select().from(webhookDeliveries)).length).toBe(1);
        if (calls === 1) throw new Error('the welcome email service is down');
      },
    });
    const request = () =>
      createClerkWebhookRequest(userEvent('user.created', { id: alice, updated_at: minutes(1) }), {
        secret,
        id: 'msg_retry',
      });
    expect((await handler.POST(await request())).status).toBe(500);
    expect(await db.select().from(users)).toEqual([]);
    expect(await db.select().from(webhookDeliveries)).toEqual([]);
    expect((await handler.POST(await request())).status).toBe(200);
    expect((await handler.POST(await request())).status).toBe(200);
    expect(calls).toBe(2);
    expect((await db.select().from(users)).length).toBe(1);
  });
});
