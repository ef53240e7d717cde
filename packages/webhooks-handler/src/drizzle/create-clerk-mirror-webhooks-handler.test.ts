import type { ClerkWebhookEvent } from '@clerkship/internal';
import { createClerkEvent, createClerkWebhookRequest, createWebhookSecret } from '@clerkship/testing';
import { asc, sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhooksHandlerError } from '../errors';
import { deletedEvent, membershipEvent, minutes, userEvent } from './__fixtures__/clerk-mirror-events';
import {
  createServerDatabase,
  noServerReason,
  type ServerDatabase,
  startTestServer,
} from './__fixtures__/postgres-server';
import {
  type ClerkMirrorWebhooksHandlerOptions,
  createClerkMirrorWebhooksHandler,
} from './create-clerk-mirror-webhooks-handler';
import { deletedObjects, organizationMemberships, users, webhookDeliveries } from './schema';

// The fast path against a real Postgres server: concurrency is only proven where transactions really
// run at once.
const secret = createWebhookSecret();
const server = await startTestServer();
let db: ServerDatabase;

// What an app's own callback writes: one row per run.
const welcomeEmails = pgTable('welcome_emails', { userId: text('user_id').notNull() });

beforeAll(async () => {
  if (!server) return;
  db = await createServerDatabase(server.url);
  await db.execute(sql`create table welcome_emails (user_id text not null)`);
});

afterAll(async () => {
  await db?.$client.end();
  await server?.stop();
});

beforeEach(async () => {
  await db?.execute(
    sql`truncate clerkship_webhook_deliveries, clerk_users, clerk_organizations, clerk_organization_memberships, clerk_deleted_objects, welcome_emails`,
  );
});

const alice = 'user_2alice0000000000000000000';
const acme = 'org_2acme000000000000000000000';
const aliceAtAcme = 'orgmem_2aliceacme000000000000';

function handlerFor(options: ClerkMirrorWebhooksHandlerOptions<ServerDatabase> = {}) {
  const errors: unknown[] = [];
  const handler = createClerkMirrorWebhooksHandler(db, {
    secret,
    onError: (error) => errors.push(error),
    ...options,
  });
  const deliver = async (event: ClerkWebhookEvent, id: string) =>
    handler.POST(await createClerkWebhookRequest(event, { secret, id }));
  return { deliver, errors };
}

async function state() {
  return {
    users: await db
      .select({ id: users.id, firstName: users.firstName, updatedAt: users.updatedAt })
      .from(users)
      .orderBy(asc(users.id)),
    memberships: await db
      .select({ id: organizationMemberships.id, role: organizationMemberships.role })
      .from(organizationMemberships)
      .orderBy(asc(organizationMemberships.id)),
    tombstones: await db
      .select({ id: deletedObjects.id })
      .from(deletedObjects)
      .orderBy(asc(deletedObjects.id)),
  };
}

const claimed = async () => (await db.select().from(webhookDeliveries)).length;

describe.skipIf(!server)(
  `createClerkMirrorWebhooksHandler on a real Postgres server ${server ? '' : noServerReason}`,
  () => {
    it('the same delivery sent by 20 senders at once is mirrored once and claimed once; all get 200', async () => {
      const { deliver } = handlerFor();
      const event = userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) });
      const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(event, 'msg_storm')));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const duplicates = await Promise.all(
        responses.map(async (response) => (await response.text()).includes('"duplicate":true')),
      );
      expect(duplicates.filter(Boolean)).toHaveLength(19);
      expect((await state()).users).toEqual([
        { id: alice, firstName: 'Alice', updatedAt: new Date(minutes(1)) },
      ]);
      expect(await claimed()).toBe(1);
    });

    it("an app callback on 20 concurrent duplicates runs once, in the delivery's transaction", async () => {
      let runs = 0;
      const { deliver } = handlerFor({
        onUserCreated: async (user, { transaction }) => {
          runs++;
          await transaction.insert(welcomeEmails).values({ userId: user.id });
        },
      });
      const event = userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) });
      const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(event, 'msg_storm')));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      expect(runs).toBe(1);
      expect(await db.select().from(welcomeEmails)).toEqual([{ userId: alice }]);
      expect((await state()).users).toHaveLength(1);
    });

    it('a crash after the claim, before the write, leaves the delivery unclaimed; the retry applies it', async () => {
      const { deliver, errors } = handlerFor();
      // Another session holds Alice's lock, so the one call stops after its claim, waiting; then its
      // connection dies, as when the database or the network fails mid-delivery.
      const holder = new pg.Client({ connectionString: server?.url });
      await holder.connect();
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(hashtextextended('clerkship:' || $1, 0))`, [alice]);
      const event = userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) });
      const crashed = deliver(event, 'msg_crash');
      await waitFor(async () => {
        const { rows } = await holder.query(
          `select pg_terminate_backend(pid) as killed from pg_stat_activity where wait_event_type = 'Lock' and query like '%clerkship_webhooks_apply_v1%'`,
        );
        return rows.length > 0;
      });
      expect((await crashed).status).toBe(500);
      expect(errors).toHaveLength(1);
      await holder.query('rollback');
      await holder.end();
      expect(await claimed()).toBe(0);

      expect((await deliver(event, 'msg_crash')).status).toBe(200);
      expect((await state()).users).toEqual([
        { id: alice, firstName: 'Alice', updatedAt: new Date(minutes(1)) },
      ]);
      expect(await claimed()).toBe(1);
    });

    it("a callback that throws rolls back the claim and the mirror's write; the retry applies both", async () => {
      let failures = 1;
      const { deliver } = handlerFor({
        onUserCreated: async (user, { transaction }) => {
          await transaction.insert(welcomeEmails).values({ userId: user.id });
        },
        onEvent: async () => {
          if (failures-- > 0) throw new Error('the CRM is down');
        },
      });
      const event = userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) });
      expect((await deliver(event, 'msg_retry')).status).toBe(500);
      expect(await state()).toEqual({ users: [], memberships: [], tombstones: [] });
      expect(await claimed()).toBe(0);
      expect((await deliver(event, 'msg_retry')).status).toBe(200);
      expect((await deliver(event, 'msg_retry')).status).toBe(200);
      expect((await state()).users).toHaveLength(1);
      expect(await db.select().from(welcomeEmails)).toEqual([{ userId: alice }]);
    });

    it('created, updated and deleted in every order (and all at once) end deleted, with the tombstone', async () => {
      const { deliver } = handlerFor();
      const orders = permutations(['created', 'updated', 'deleted'] as const);
      for (const [index, order] of [...orders, undefined].entries()) {
        const id = `user_order${index}`;
        const events = {
          created: userEvent('user.created', { id, first_name: 'Old', updated_at: minutes(1) }),
          updated: userEvent('user.updated', { id, first_name: 'New', updated_at: minutes(2) }),
          deleted: deletedEvent('user.deleted', id, minutes(3)),
        };
        if (order) {
          for (const step of order)
            expect((await deliver(events[step], `msg_${id}_${step}`)).status).toBe(200);
        } else {
          await Promise.all(
            Object.entries(events).map(([step, event]) => deliver(event, `msg_${id}_${step}`)),
          );
        }
      }
      const { users: left, tombstones } = await state();
      expect(left).toEqual([]);
      expect(tombstones).toHaveLength(orders.length + 1);
    });

    it('created and updated in either order, also with a membership first, converge on the newest', async () => {
      const { deliver } = handlerFor();
      const created = userEvent('user.created', { id: alice, first_name: 'Old', updated_at: minutes(1) });
      const updated = userEvent('user.updated', { id: alice, first_name: 'New', updated_at: minutes(2) });
      const membership = membershipEvent('organizationMembership.created', {
        id: aliceAtAcme,
        organizationId: acme,
        userId: alice,
        role: 'org:member',
        updated_at: minutes(1),
      });
      expect((await deliver(membership, 'msg_m')).status).toBe(200);
      expect((await deliver(updated, 'msg_u')).status).toBe(200);
      expect((await deliver(created, 'msg_c')).status).toBe(200);
      expect(await state()).toEqual({
        users: [{ id: alice, firstName: 'New', updatedAt: new Date(minutes(2)) }],
        memberships: [{ id: aliceAtAcme, role: 'org:member' }],
        tombstones: [],
      });
    });

    it('a late user.updated never brings back a user whose deletion committed while it waited on her lock', async () => {
      const { deliver } = handlerFor();
      expect(
        (
          await deliver(
            userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) }),
            'msg_c',
          )
        ).status,
      ).toBe(200);
      // Another instance is applying user.deleted: it holds Alice's lock, then commits the deletion while
      // the late update waits. A single statement (CTEs) would check tombstones with the snapshot it took
      // before waiting, miss this one and write Alice back.
      const deleter = new pg.Client({ connectionString: server?.url });
      await deleter.connect();
      await deleter.query('begin');
      await deleter.query(`select pg_advisory_xact_lock(hashtextextended('clerkship:' || $1, 0))`, [alice]);
      const late = deliver(
        userEvent('user.updated', { id: alice, first_name: 'Zombie', updated_at: minutes(5) }),
        'msg_late',
      );
      await waitFor(async () => {
        const { rows } = await deleter.query(
          `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%clerkship_webhooks_apply_v1%'`,
        );
        return rows.length > 0;
      });
      await deleter.query(`insert into clerk_deleted_objects (id, object) values ($1, 'user')`, [alice]);
      await deleter.query('delete from clerk_users where id = $1', [alice]);
      await deleter.query('commit');
      await deleter.end();
      expect((await late).status).toBe(200);
      expect((await state()).users).toEqual([]);
    });

    it('a deleted user never comes back from a late user.updated, nor a late membership of hers', async () => {
      const { deliver } = handlerFor();
      await deliver(
        userEvent('user.created', { id: alice, first_name: 'Alice', updated_at: minutes(1) }),
        'msg_1',
      );
      await deliver(deletedEvent('user.deleted', alice, minutes(3)), 'msg_2');
      await deliver(
        userEvent('user.updated', { id: alice, first_name: 'Zombie', updated_at: minutes(9) }),
        'msg_3',
      );
      await deliver(
        membershipEvent('organizationMembership.updated', {
          id: aliceAtAcme,
          organizationId: acme,
          userId: alice,
          role: 'org:admin',
          updated_at: minutes(9),
        }),
        'msg_4',
      );
      expect(await state()).toEqual({ users: [], memberships: [], tombstones: [{ id: alice }] });
      expect(await claimed()).toBe(4);
    });

    it('without the migration, answers 500 and reports missing_migration, naming the migration; nothing is claimed', async () => {
      await db.execute(sql`drop database if exists without_fast_path`);
      await db.execute(sql`create database without_fast_path`);
      const url = new URL(server?.url ?? '');
      url.pathname = '/without_fast_path';
      const bare = await createServerDatabase(url.href, { migrated: false });
      try {
        const errors: unknown[] = [];
        const handler = createClerkMirrorWebhooksHandler(bare, {
          secret,
          onError: (error) => errors.push(error),
        });
        const event = createClerkEvent('user.created', { id: alice });
        const response = await handler.POST(await createClerkWebhookRequest(event, { secret }));
        expect(response.status).toBe(500);
        const [error] = errors;
        expect(WebhooksHandlerError.isInstance(error) && error.code).toBe('missing_migration');
        expect((error as Error).message).toContain('0000_clerkship_webhooks_fast_path');
        expect((error as Error).message).toContain('clerkship_webhooks_apply_v1');
        expect((await bare.select().from(webhookDeliveries)).length).toBe(0);
      } finally {
        await bare.$client.end();
      }
    });
  },
);

describe('createClerkMirrorWebhooksHandler options', () => {
  it('refuses `store`, which it manages itself', () => {
    const fakeDb = { transaction() {}, insert() {}, delete() {} };
    expect(() =>
      createClerkMirrorWebhooksHandler(
        fakeDb as never,
        { store: { runOnce: async () => ({ status: 'duplicate' }) } } as never,
      ),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_option', message: expect.stringContaining('`store`') }),
    );
  });

  it('refuses something that is not a drizzle database', () => {
    expect(() => createClerkMirrorWebhooksHandler({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }),
    );
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('waitFor: condition never held');
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}
