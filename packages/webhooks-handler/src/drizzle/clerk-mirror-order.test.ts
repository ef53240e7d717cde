import type { ClerkWebhookEvent } from '@clerkship/internal';
import { createClerkEvent } from '@clerkship/testing';
import { asc } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deletedEvent,
  membershipEvent,
  minutes,
  organizationEvent,
  userEvent,
} from './__fixtures__/clerk-mirror-events';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { createClerkMirror } from './clerk-mirror';
import { deletedObjects, organizationMemberships, organizations, users } from './schema';

// Alice signs up, creates Acme (she becomes its admin), invites Bob, edits her profile, renames Acme,
// promotes Bob, leaves, and finally Acme and Alice are deleted. Clerk may deliver these events late,
// twice, and in any order; whatever the order, the mirror must end in the same rows, and those rows
// must be what the story says (the newest version of what still exists).
const alice = 'user_2alice0000000000000000000';
const bob = 'user_2bob000000000000000000000';
const acme = 'org_2acme000000000000000000000';
const aliceAtAcme = 'orgmem_2aliceacme000000000000';
const bobAtAcme = 'orgmem_2bobacme00000000000000';

interface StoryEvent {
  /** What it is about, for the model below. */
  subject: string;
  kind: 'upsert' | 'delete';
  /** Version label the event writes (first name, organization name, role), and when. */
  label?: string;
  at: number;
  /** For memberships: whose and where. */
  userId?: string;
  organizationId?: string;
  event: ClerkWebhookEvent;
}

function userVersion(
  type: 'user.created' | 'user.updated',
  id: string,
  label: string,
  at: number,
): StoryEvent {
  return {
    subject: id,
    kind: 'upsert',
    label,
    at,
    event: userEvent(type, { id, updated_at: at, first_name: label }),
  };
}

function organizationVersion(
  type: 'organization.created' | 'organization.updated',
  label: string,
  at: number,
) {
  const event = organizationEvent(type, { id: acme, updated_at: at, name: label });
  return { subject: acme, kind: 'upsert', label, at, event } satisfies StoryEvent;
}

function membershipVersion(
  type:
    | 'organizationMembership.created'
    | 'organizationMembership.updated'
    | 'organizationMembership.deleted',
  id: string,
  userId: string,
  role: string,
  at: number,
): StoryEvent {
  const event = membershipEvent(type, { id, organizationId: acme, userId, role, updated_at: at });
  const kind = type === 'organizationMembership.deleted' ? 'delete' : 'upsert';
  return { subject: id, kind, label: role, at, userId, organizationId: acme, event };
}

function deletion(type: 'user.deleted' | 'organization.deleted', id: string, at: number): StoryEvent {
  return { subject: id, kind: 'delete', at, event: deletedEvent(type, id, at) };
}

const story: StoryEvent[] = [
  userVersion('user.created', alice, 'Alice', minutes(0)),
  organizationVersion('organization.created', 'Acme', minutes(1)),
  membershipVersion('organizationMembership.created', aliceAtAcme, alice, 'org:admin', minutes(1)),
  userVersion('user.created', bob, 'Bob', minutes(2)),
  membershipVersion('organizationMembership.created', bobAtAcme, bob, 'org:member', minutes(3)),
  userVersion('user.updated', alice, 'Alicia', minutes(4)),
  organizationVersion('organization.updated', 'Acme Corp', minutes(5)),
  membershipVersion('organizationMembership.updated', bobAtAcme, bob, 'org:admin', minutes(6)),
  userVersion('user.updated', alice, 'Alice L.', minutes(7)),
  membershipVersion('organizationMembership.deleted', aliceAtAcme, alice, 'org:admin', minutes(8)),
  deletion('organization.deleted', acme, minutes(9)),
  deletion('user.deleted', alice, minutes(10)),
  {
    subject: 'session',
    kind: 'upsert',
    at: minutes(11),
    event: createClerkEvent('session.created', {}, { timestamp: minutes(11) }),
  },
];

/** What the rows must be after the distinct events in `delivered`, in whatever order they came. */
function expectedState(delivered: readonly StoryEvent[]) {
  const distinct = new Set(delivered);
  const deleted = new Set([...distinct].filter((item) => item.kind === 'delete').map((item) => item.subject));
  const newest = (subject: string) =>
    [...distinct]
      .filter((item) => item.subject === subject && item.kind === 'upsert')
      .sort((a, b) => b.at - a.at)[0];
  const surviving = (subject: string) => (deleted.has(subject) ? undefined : newest(subject));

  const userRows = [alice, bob].flatMap((id) => {
    const version = surviving(id);
    return version ? [{ id, firstName: version.label, updatedAt: new Date(version.at) }] : [];
  });
  const organizationRows = [acme].flatMap((id) => {
    const version = surviving(id);
    return version ? [{ id, name: version.label, updatedAt: new Date(version.at) }] : [];
  });
  const membershipRows = [aliceAtAcme, bobAtAcme].flatMap((id) => {
    const version = surviving(id);
    if (!version?.userId || !version.organizationId) return [];
    if (deleted.has(version.userId) || deleted.has(version.organizationId)) return [];
    return [{ id, userId: version.userId, role: version.label, updatedAt: new Date(version.at) }];
  });
  return {
    users: userRows,
    organizations: organizationRows,
    memberships: membershipRows,
    tombstones: [...deleted].sort(),
  };
}

async function mirroredState(db: TestDatabase) {
  return {
    users: await db
      .select({ id: users.id, firstName: users.firstName, updatedAt: users.updatedAt })
      .from(users)
      .orderBy(asc(users.id)),
    organizations: await db
      .select({ id: organizations.id, name: organizations.name, updatedAt: organizations.updatedAt })
      .from(organizations)
      .orderBy(asc(organizations.id)),
    memberships: await db
      .select({
        id: organizationMemberships.id,
        userId: organizationMemberships.userId,
        role: organizationMemberships.role,
        updatedAt: organizationMemberships.updatedAt,
      })
      .from(organizationMemberships)
      .orderBy(asc(organizationMemberships.id)),
    tombstones: (
      await db.select({ id: deletedObjects.id }).from(deletedObjects).orderBy(asc(deletedObjects.id))
    ).map((row) => row.id),
  };
}

/** Every row of every mirror table, all columns: what "the same rows" compares. */
async function allRows(db: TestDatabase) {
  return {
    users: await db.select().from(users).orderBy(asc(users.id)),
    organizations: await db.select().from(organizations).orderBy(asc(organizations.id)),
    memberships: await db.select().from(organizationMemberships).orderBy(asc(organizationMemberships.id)),
    tombstones: await db.select().from(deletedObjects).orderBy(asc(deletedObjects.id)),
  };
}

// Counterexamples read as `[user.deleted user_2alice…, user.updated Alicia]`, not as whole payloads.
for (const item of story) {
  Object.defineProperty(item, fc.toStringMethod, {
    value: () => `${item.event.type} ${item.label ?? item.subject}`,
  });
}

// Some deliveries of the story: any subset, any order, with repeats (Svix retries, redeliveries).
const deliveries = fc.array(fc.constantFrom(...story), { minLength: 1, maxLength: story.length * 2 });

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

// Property tests against PGlite: hundreds of delivery orders, seconds of work on a loaded CI machine.
describe('createClerkMirror in any delivery order', { timeout: 60_000 }, () => {
  it('ends in the story’s rows for any order, subset and repetition of its events', async () => {
    const mirror = createClerkMirror(db);

    await fc.assert(
      fc.asyncProperty(deliveries, async (delivered) => {
        await emptyTestDatabase(db);
        for (const { event } of delivered) await mirror.sync(event);

        expect(await mirroredState(db)).toEqual(expectedState(delivered));
      }),
      { numRuns: 150 },
    );
  });

  it('ends in exactly the rows of in-order delivery, column for column', async () => {
    const mirror = createClerkMirror(db);

    await fc.assert(
      fc.asyncProperty(deliveries, async (delivered) => {
        await emptyTestDatabase(db);
        const inOrder = [...new Set(delivered)].sort((a, b) => story.indexOf(a) - story.indexOf(b));
        for (const { event } of inOrder) await mirror.sync(event);
        const expected = await allRows(db);

        await emptyTestDatabase(db);
        for (const { event } of delivered) await mirror.sync(event);

        expect(await allRows(db)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('ends in the story’s rows when the deliveries are applied concurrently', async () => {
    const mirror = createClerkMirror(db);

    await fc.assert(
      fc.asyncProperty(deliveries, async (delivered) => {
        await emptyTestDatabase(db);
        await Promise.all(delivered.map(({ event }) => mirror.sync(event)));

        expect(await mirroredState(db)).toEqual(expectedState(delivered));
      }),
      { numRuns: 50 },
    );
  });

  it('ends with nobody left when the whole story is delivered, newest first', async () => {
    const mirror = createClerkMirror(db);
    await emptyTestDatabase(db);

    for (const { event } of [...story].reverse()) await mirror.sync(event);

    expect(await mirroredState(db)).toEqual({
      users: [{ id: bob, firstName: 'Bob', updatedAt: new Date(minutes(2)) }],
      organizations: [],
      memberships: [],
      tombstones: [acme, aliceAtAcme, alice].sort(),
    });
  });
});
