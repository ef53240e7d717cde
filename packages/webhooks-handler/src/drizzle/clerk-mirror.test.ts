import type { UserJSON } from '@clerk/backend';
import type { ClerkWebhookEvent } from '@clerkship/internal';
import { createClerkEvent } from '@clerkship/testing';
import { asc, eq, sql } from 'drizzle-orm';
import { jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhooksHandlerError } from '../errors';
import {
  deletedEvent,
  membershipEvent,
  minutes,
  organizationEvent,
  start,
  userEvent,
  withEmail,
} from './__fixtures__/clerk-mirror-events';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { type ClerkMirrorOptions, createClerkMirror } from './clerk-mirror';
import { createPostgresIdempotencyStore } from './postgres-idempotency-store';
import { deletedObjects, organizationMemberships, organizations, users } from './schema';

// An app that keeps users in its own `profiles` table, with its own column names.
const profiles = pgTable('profiles', {
  id: text('clerk_user_id').primaryKey(),
  displayName: text('display_name').notNull(),
  contactEmail: text('contact_email'),
  preferences: jsonb('preferences').$type<{ theme: string }>(),
  updatedAt: timestamp('clerk_updated_at', { withTimezone: true }).notNull(),
});
const profilesSql = `
  CREATE TABLE profiles (
    clerk_user_id text PRIMARY KEY,
    display_name text NOT NULL,
    contact_email text,
    preferences jsonb,
    clerk_updated_at timestamptz NOT NULL
  );
`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(profilesSql);
});

beforeEach(async () => {
  await emptyTestDatabase(db);
});

const alice = 'user_2alice0000000000000000000';
const bob = 'user_2bob000000000000000000000';
const acme = 'org_2acme000000000000000000000';
const aliceAtAcme = 'orgmem_2aliceacme000000000000';
const bobAtAcme = 'orgmem_2bobacme00000000000000';

const allUsers = () => db.select().from(users).orderBy(asc(users.id));
const allMemberships = () =>
  db.select().from(organizationMemberships).orderBy(asc(organizationMemberships.id));
const allTombstones = () => db.select().from(deletedObjects).orderBy(asc(deletedObjects.id));

describe('createClerkMirror: users', () => {
  it('mirrors a new user with her primary email, names, metadata and Clerk’s times', async () => {
    const mirror = createClerkMirror(db);
    const event = userEvent('user.created', {
      id: alice,
      updated_at: start,
      first_name: 'Alice',
      last_name: 'Liddell',
      username: 'alice',
      external_id: 'crm-42',
      public_metadata: { plan: 'pro' },
      image_url: 'https://img.clerk.com/alice',
      ...withEmail('alice@example.com'),
    });

    expect(await mirror.sync(event)).toBe('applied');
    expect(await allUsers()).toEqual([
      {
        id: alice,
        email: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Liddell',
        username: 'alice',
        imageUrl: 'https://img.clerk.com/alice',
        publicMetadata: { plan: 'pro' },
        externalId: 'crm-42',
        createdAt: new Date(start),
        updatedAt: new Date(start),
      },
    ]);
  });

  it('applies a newer update and ignores an older one that arrives late', async () => {
    const mirror = createClerkMirror(db);
    await mirror.sync(userEvent('user.created', { id: alice, updated_at: minutes(0), first_name: 'Alice' }));

    expect(
      await mirror.sync(
        userEvent('user.updated', { id: alice, updated_at: minutes(5), first_name: 'Alicia' }),
      ),
    ).toBe('applied');
    expect(
      await mirror.sync(userEvent('user.updated', { id: alice, updated_at: minutes(2), first_name: 'Ali' })),
    ).toBe('stale');
    expect(
      await mirror.sync(
        userEvent('user.created', { id: alice, updated_at: minutes(0), first_name: 'Alice' }),
      ),
    ).toBe('stale');

    const [row] = await allUsers();
    expect(row).toMatchObject({ firstName: 'Alicia', updatedAt: new Date(minutes(5)) });
  });

  it('treats a repeated delivery of the same event as stale and changes nothing', async () => {
    const mirror = createClerkMirror(db);
    const event = userEvent('user.updated', { id: alice, updated_at: minutes(1), first_name: 'Alice' });

    expect(await mirror.sync(event)).toBe('applied');
    const before = await allUsers();
    expect(await mirror.sync(event)).toBe('stale');
    expect(await allUsers()).toEqual(before);
  });

  it('stores a user without an email address with a null email', async () => {
    const mirror = createClerkMirror(db);
    await mirror.sync(
      userEvent('user.created', {
        id: alice,
        updated_at: start,
        email_addresses: [],
        primary_email_address_id: null,
      }),
    );

    expect((await allUsers())[0]?.email).toBeNull();
  });

  it('deletes a user with her memberships and keeps a tombstone, so a late update does not bring her back', async () => {
    const mirror = createClerkMirror(db);
    await mirror.sync(userEvent('user.created', { id: alice, updated_at: minutes(0) }));
    await mirror.sync(
      membershipEvent('organizationMembership.created', {
        id: aliceAtAcme,
        organizationId: acme,
        userId: alice,
        role: 'org:admin',
        updated_at: minutes(1),
      }),
    );

    expect(await mirror.sync(deletedEvent('user.deleted', alice, minutes(10)))).toBe('applied');
    expect(await mirror.sync(userEvent('user.updated', { id: alice, updated_at: minutes(5) }))).toBe('stale');

    expect(await allUsers()).toEqual([]);
    expect(await allMemberships()).toEqual([]);
    expect(await allTombstones()).toEqual([{ id: alice, object: 'user', deletedAt: new Date(minutes(10)) }]);
    expect(await mirror.sync(deletedEvent('user.deleted', alice, minutes(10)))).toBe('stale');
  });
});

describe('createClerkMirror: organizations and memberships', () => {
  it('mirrors an organization and applies only its newest rename', async () => {
    const mirror = createClerkMirror(db);

    await mirror.sync(
      organizationEvent('organization.created', { id: acme, updated_at: minutes(0), name: 'Acme' }),
    );
    await mirror.sync(
      organizationEvent('organization.updated', {
        id: acme,
        updated_at: minutes(9),
        name: 'Acme Corp',
        slug: 'acme',
      }),
    );
    await mirror.sync(
      organizationEvent('organization.updated', { id: acme, updated_at: minutes(3), name: 'Acme Inc' }),
    );

    expect(await db.select().from(organizations)).toEqual([
      {
        id: acme,
        name: 'Acme Corp',
        slug: 'acme',
        imageUrl: expect.stringContaining('https://img.clerk.com/'),
        publicMetadata: {},
        createdAt: new Date(start),
        updatedAt: new Date(minutes(9)),
      },
    ]);
  });

  it('mirrors a membership that arrives before its user and organization, then its role change', async () => {
    const mirror = createClerkMirror(db);
    const membership = { id: aliceAtAcme, organizationId: acme, userId: alice };

    expect(
      await mirror.sync(
        membershipEvent('organizationMembership.created', {
          ...membership,
          role: 'org:member',
          updated_at: minutes(1),
        }),
      ),
    ).toBe('applied');
    expect(
      await mirror.sync(
        membershipEvent('organizationMembership.updated', {
          ...membership,
          role: 'org:admin',
          updated_at: minutes(4),
        }),
      ),
    ).toBe('applied');

    expect(await allMemberships()).toEqual([
      {
        id: aliceAtAcme,
        organizationId: acme,
        userId: alice,
        role: 'org:admin',
        createdAt: new Date(start),
        updatedAt: new Date(minutes(4)),
      },
    ]);
  });

  it('removes a membership on organizationMembership.deleted and refuses its late update', async () => {
    const mirror = createClerkMirror(db);
    const membership = { id: bobAtAcme, organizationId: acme, userId: bob, role: 'org:member' };
    await mirror.sync(
      membershipEvent('organizationMembership.created', { ...membership, updated_at: minutes(1) }),
    );

    expect(
      await mirror.sync(
        membershipEvent('organizationMembership.deleted', { ...membership, updated_at: minutes(8) }),
      ),
    ).toBe('applied');
    expect(
      await mirror.sync(
        membershipEvent('organizationMembership.updated', {
          ...membership,
          role: 'org:admin',
          updated_at: minutes(5),
        }),
      ),
    ).toBe('stale');

    expect(await allMemberships()).toEqual([]);
    expect(await allTombstones()).toEqual([
      { id: bobAtAcme, object: 'organization_membership', deletedAt: new Date(minutes(8)) },
    ]);
  });

  it('deletes an organization with all its memberships and refuses a late membership of it', async () => {
    const mirror = createClerkMirror(db);
    await mirror.sync(organizationEvent('organization.created', { id: acme, updated_at: minutes(0) }));
    for (const [id, userId] of [
      [aliceAtAcme, alice],
      [bobAtAcme, bob],
    ] as const) {
      await mirror.sync(
        membershipEvent('organizationMembership.created', {
          id,
          organizationId: acme,
          userId,
          role: 'org:member',
          updated_at: minutes(1),
        }),
      );
    }

    expect(await mirror.sync(deletedEvent('organization.deleted', acme, minutes(20)))).toBe('applied');
    expect(
      await mirror.sync(
        membershipEvent('organizationMembership.updated', {
          id: aliceAtAcme,
          organizationId: acme,
          userId: alice,
          role: 'org:admin',
          updated_at: minutes(2),
        }),
      ),
    ).toBe('stale');

    expect(await db.select().from(organizations)).toEqual([]);
    expect(await allMemberships()).toEqual([]);
    expect(await allTombstones()).toEqual([
      { id: acme, object: 'organization', deletedAt: new Date(minutes(20)) },
    ]);
  });

  it('refuses a membership whose user was deleted before it arrived', async () => {
    const mirror = createClerkMirror(db);
    await mirror.sync(deletedEvent('user.deleted', bob, minutes(30)));

    expect(
      await mirror.sync(
        membershipEvent('organizationMembership.created', {
          id: bobAtAcme,
          organizationId: acme,
          userId: bob,
          role: 'org:member',
          updated_at: minutes(1),
        }),
      ),
    ).toBe('stale');
    expect(await allMemberships()).toEqual([]);
  });
});

describe('createClerkMirror: events it does not keep', () => {
  it('lists the nine event types it applies', () => {
    expect(createClerkMirror(db).eventTypes).toEqual([
      'user.created',
      'user.updated',
      'user.deleted',
      'organization.created',
      'organization.updated',
      'organization.deleted',
      'organizationMembership.created',
      'organizationMembership.updated',
      'organizationMembership.deleted',
    ]);
  });

  it('ignores other event types and writes nothing', async () => {
    const mirror = createClerkMirror(db);

    expect(await mirror.sync(createClerkEvent('session.created'))).toBe('ignored');
    expect(await mirror.sync(createClerkEvent('session.revoked'))).toBe('ignored');
    expect(await allUsers()).toEqual([]);
  });

  it('ignores a deletion without an id and an update without updated_at', async () => {
    const mirror = createClerkMirror(db);
    const deletion = createClerkEvent('user.deleted', { id: undefined }) as ClerkWebhookEvent;
    const update = createClerkEvent('user.updated', { updated_at: undefined as unknown as number });

    expect(await mirror.sync(deletion)).toBe('ignored');
    expect(await mirror.sync(update as ClerkWebhookEvent)).toBe('ignored');
    expect(await allTombstones()).toEqual([]);
  });
});

describe('createClerkMirror: transactions', () => {
  it('writes through the delivery’s transaction, so the mirror rolls back with a failed delivery', async () => {
    const mirror = createClerkMirror(db);
    const store = createPostgresIdempotencyStore(db);
    const event = userEvent('user.created', { id: alice, updated_at: start });

    await expect(
      store.runOnce('msg_1', async (transaction) => {
        await mirror.sync(event, transaction);
        throw new Error('the welcome email failed');
      }),
    ).rejects.toThrow('the welcome email failed');
    expect(await allUsers()).toEqual([]);

    expect(await store.runOnce('msg_1', (transaction) => mirror.sync(event, transaction))).toEqual({
      status: 'processed',
      value: 'applied',
    });
    expect(await store.runOnce('msg_1', (transaction) => mirror.sync(event, transaction))).toEqual({
      status: 'duplicate',
    });
    expect(await allUsers()).toHaveLength(1);
  });

  it('holds a lock on the membership, its user and its organization until the delivery commits', async () => {
    // PGlite runs one transaction at a time, so it cannot show the race these locks prevent on a
    // server (a create and a delete applied at once by two instances); it can show that they are held.
    const mirror = createClerkMirror(db);
    const event = membershipEvent('organizationMembership.created', {
      id: aliceAtAcme,
      organizationId: acme,
      userId: alice,
      role: 'org:member',
      updated_at: minutes(1),
    });
    const advisoryLocks = sql<number>`(select count(*)::int from pg_locks where locktype = 'advisory')`;

    const held = await db.transaction(async (transaction) => {
      await mirror.sync(event, transaction);
      const [row] = await transaction.select({ count: advisoryLocks }).from(sql`(select 1) as one`);
      return row?.count;
    });
    const [after] = await db.select({ count: advisoryLocks }).from(sql`(select 1) as one`);

    expect(held).toBe(3);
    expect(after?.count).toBe(0);
  });

  it('converges when many deliveries for one user are applied concurrently', async () => {
    const mirror = createClerkMirror(db);
    const versions = Array.from({ length: 12 }, (_, index) =>
      userEvent(index === 0 ? 'user.created' : 'user.updated', {
        id: alice,
        updated_at: minutes(index),
        first_name: `Alice v${index}`,
      }),
    );

    await Promise.all([...versions].reverse().map((event) => mirror.sync(event)));

    expect(await allUsers()).toEqual([
      expect.objectContaining({ firstName: 'Alice v11', updatedAt: new Date(minutes(11)) }),
    ]);
  });
});

describe('createClerkMirror: your own tables', () => {
  const profilesMapping = {
    table: profiles,
    toRow: (user: UserJSON) => ({
      displayName:
        [user.first_name, user.last_name].filter(Boolean).join(' ') || (user.username ?? 'Anonymous'),
      contactEmail: user.email_addresses.find((address) => address.id === user.primary_email_address_id)
        ?.email_address,
      preferences: { theme: String(user.public_metadata.theme ?? 'light') },
    }),
  } satisfies ClerkMirrorOptions<typeof profiles>['users'];

  it('keeps users in the app’s profiles table, newest update first, and deletes them there', async () => {
    const mirror = createClerkMirror(db, { users: profilesMapping });

    await mirror.sync(
      userEvent('user.created', {
        id: alice,
        updated_at: minutes(0),
        first_name: 'Alice',
        last_name: 'Liddell',
        ...withEmail('alice@example.com'),
      }),
    );
    await mirror.sync(
      userEvent('user.updated', {
        id: alice,
        updated_at: minutes(6),
        first_name: 'Alice',
        last_name: 'Pleasance',
        public_metadata: { theme: 'dark' },
        ...withEmail('alice@example.com'),
      }),
    );
    expect(
      await mirror.sync(userEvent('user.updated', { id: alice, updated_at: minutes(3), first_name: 'Ali' })),
    ).toBe('stale');

    expect(await db.select().from(profiles)).toEqual([
      {
        id: alice,
        displayName: 'Alice Pleasance',
        contactEmail: 'alice@example.com',
        preferences: { theme: 'dark' },
        updatedAt: new Date(minutes(6)),
      },
    ]);
    expect(await allUsers()).toEqual([]);

    await mirror.sync(deletedEvent('user.deleted', alice, minutes(9)));
    expect(await db.select().from(profiles).where(eq(profiles.id, alice))).toEqual([]);
  });

  it('clears a column when toRow leaves it undefined in a newer version', async () => {
    const mirror = createClerkMirror(db, { users: profilesMapping });
    await mirror.sync(
      userEvent('user.created', { id: alice, updated_at: minutes(0), ...withEmail('alice@example.com') }),
    );

    await mirror.sync(
      userEvent('user.updated', {
        id: alice,
        updated_at: minutes(1),
        email_addresses: [],
        primary_email_address_id: null,
      }),
    );

    expect(await db.select({ contactEmail: profiles.contactEmail }).from(profiles)).toEqual([
      { contactEmail: null },
    ]);
  });

  it('rejects a table without an updatedAt column with invalid_mapping', () => {
    const noUpdatedAt = pgTable('no_updated_at', { id: text('id').primaryKey(), name: text('name') });

    expect(() =>
      createClerkMirror(db, { users: { table: noUpdatedAt as never, toRow: () => ({}) } }),
    ).toThrow(
      new WebhooksHandlerError(
        'invalid_mapping',
        '`users.table` has no `updatedAt` column (needed: id, updatedAt). Pass a drizzle table with the columns the mirror needs, or leave the option out to use the built-in table.',
      ),
    );
  });

  it('rejects a mapping that cannot be upserted or guarded with invalid_mapping', () => {
    const serialId = pgTable('serial_id', { id: serial('id'), updatedAt: timestamp('updated_at') });
    const stringTimes = pgTable('string_times', {
      id: text('id').primaryKey(),
      updatedAt: timestamp('updated_at', { mode: 'string' }),
    });
    const noUserId = pgTable('no_user_id', {
      id: text('id').primaryKey(),
      organizationId: text('organization_id'),
      updatedAt: timestamp('updated_at'),
    });
    const attempts: Array<[ClerkMirrorOptions<never, never, never>, RegExp]> = [
      [
        { users: { table: serialId, toRow: () => ({}) } as never },
        /`users.table.id` must be the primary key/,
      ],
      [
        { organizations: { table: stringTimes, toRow: () => ({}) } as never },
        /timestamp column in date mode/,
      ],
      [{ organizationMemberships: { table: noUserId, toRow: () => ({}) } as never }, /no `userId` column/],
      [{ users: { table: profiles } as never }, /`users.toRow` must be a function/],
      [
        { users: { table: 'profiles', toRow: () => ({}) } as never },
        /must be a drizzle table made with pgTable/,
      ],
      [{ deletedObjects: users as never }, /`deletedObjects` has no `object`, `deletedAt` column/],
    ];

    for (const [options, message] of attempts) {
      expect(() => createClerkMirror(db, options)).toThrow(
        expect.objectContaining({ code: 'invalid_mapping', message: expect.stringMatching(message) }),
      );
    }
  });

  it('rejects something that is not a drizzle database with invalid_option', () => {
    expect(() => createClerkMirror(undefined as unknown as TestDatabase)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }),
    );
  });
});
