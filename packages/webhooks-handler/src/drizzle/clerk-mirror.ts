import type {
  ClerkWebhookEvent,
  OrganizationJSON,
  OrganizationMembershipJSON,
  UserJSON,
} from '@clerkship/internal';
import { eq, inArray, is, lt, type SQL, sql } from 'drizzle-orm';
import { PgColumn } from 'drizzle-orm/pg-core';
import {
  assertMapping,
  assertTable,
  type ClerkDeletedObjectsTable,
  type ClerkMembershipMirrorTable,
  type ClerkMirrorMapping,
  type ClerkMirrorTable,
  defaultDeletedObjectsTable,
  defaultOrganizationMembershipsMapping,
  defaultOrganizationsMapping,
  defaultUsersMapping,
  type MembershipColumnsSetByMirror,
} from './clerk-mirror-mapping';
import { type AnyPgDatabase, assertDatabase } from './drizzle-database';
import type { organizationMemberships, organizations, users } from './schema';

/** The Clerk event types the mirror applies; `sync` ignores all others. */
export const clerkMirrorEventTypes = [
  'user.created',
  'user.updated',
  'user.deleted',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'organizationMembership.created',
  'organizationMembership.updated',
  'organizationMembership.deleted',
] as const;

/**
 * A Clerk event type the mirror applies.
 *
 * @example
 * const type: ClerkMirrorEventType = 'organizationMembership.updated';
 */
export type ClerkMirrorEventType = (typeof clerkMirrorEventTypes)[number];

/**
 * What `sync` did with an event:
 * - `applied`: it changed the mirror (a row written or deleted, a tombstone recorded).
 * - `stale`: it changed nothing because the mirror already holds newer state: the row's `updated_at` is
 *   newer or equal (a late or repeated delivery), or the object (or, for a membership, its user or
 *   organization) was deleted.
 * - `ignored`: not an event type the mirror keeps (see `eventTypes`), or one without the ids it needs.
 *
 * @example
 * const outcome = await mirror.sync(event, transaction);
 * if (outcome === 'stale') log.info('late Clerk event, mirror already newer', { type: event.type });
 */
export type ClerkMirrorOutcome = 'applied' | 'stale' | 'ignored';

/**
 * Which tables the mirror writes. Each defaults to this entry's table (`users` -> `clerk_users`, …);
 * replace one with your own table and a `toRow` that maps Clerk's object to your columns.
 *
 * @example
 * const options: ClerkMirrorOptions<typeof profiles> = {
 *   users: { table: profiles, toRow: (user) => ({ displayName: user.username ?? '' }) },
 * };
 */
export interface ClerkMirrorOptions<
  UsersTable extends ClerkMirrorTable = typeof users,
  OrganizationsTable extends ClerkMirrorTable = typeof organizations,
  MembershipsTable extends ClerkMembershipMirrorTable = typeof organizationMemberships,
> {
  users?: ClerkMirrorMapping<UserJSON, UsersTable>;
  organizations?: ClerkMirrorMapping<OrganizationJSON, OrganizationsTable>;
  organizationMemberships?: ClerkMirrorMapping<
    OrganizationMembershipJSON,
    MembershipsTable,
    MembershipColumnsSetByMirror
  >;
  /** Where tombstones of deleted objects are kept. Defaults to `deletedObjects` (`clerk_deleted_objects`). */
  deletedObjects?: ClerkDeletedObjectsTable;
}

/**
 * A copy of Clerk's users, organizations and memberships in your database, kept by webhooks.
 *
 * @example
 * const mirror: ClerkMirror = createClerkMirror(db);
 * await mirror.sync(event, context.transaction);
 */
export interface ClerkMirror {
  /** The event types `sync` applies: subscribe the Clerk endpoint to these. */
  readonly eventTypes: readonly ClerkMirrorEventType[];
  /**
   * Applies one Clerk event. Pass the delivery's transaction (`context.transaction` with the Postgres
   * idempotency store) so the write commits together with the delivery; without one, `sync` opens its
   * own transaction on `db`. Never call it without the transaction from inside another transaction on
   * PGlite: PGlite runs one transaction at a time, so it would wait forever.
   */
  sync(event: ClerkWebhookEvent, transaction?: AnyPgDatabase): Promise<ClerkMirrorOutcome>;
}

/**
 * Keeps Clerk's users, organizations and organization memberships in Postgres from webhooks, so pages
 * read them with a join instead of calling Clerk's Backend API (100 requests per 10 s).
 *
 * Webhooks arrive late, twice and in any order; any order of the same events ends in the same rows:
 * - a `*.created` / `*.updated` event is an upsert that changes nothing when the stored `updated_at` is
 *   newer or equal (an old event arriving late; Clerk stamps every change, so equal means the same one);
 * - a `*.deleted` event removes the row and records a tombstone (Clerk never reuses an id), so a late
 *   create or update of that id changes nothing; deleting a user or an organization also deletes its
 *   memberships, and a membership of a deleted user or organization is never written;
 * - concurrent deliveries touching the same ids take a transaction-level advisory lock on each id, so two
 *   app instances applying a create and a delete at once cannot both win.
 *
 * @example
 * // app/api/webhooks/clerk/route.ts
 * import { createWebhooksHandler } from '@clerkship/webhooks-handler';
 * import { createClerkMirror, createPostgresIdempotencyStore } from '@clerkship/webhooks-handler/drizzle';
 *
 * const mirror = createClerkMirror(db);
 * export const { POST } = createWebhooksHandler({
 *   store: createPostgresIdempotencyStore(db),
 *   onEvent: async (event, { transaction }) => {
 *     await mirror.sync(event, transaction); // commits with the delivery, or not at all
 *   },
 * });
 *
 * @example
 * // Your own table instead of clerk_users: the mirror sets `id` and `updatedAt`, toRow the rest.
 * const mirror = createClerkMirror(db, {
 *   users: { table: profiles, toRow: (user) => ({ displayName: user.username ?? user.first_name ?? '' }) },
 * });
 *
 * @throws {WebhooksHandlerError} `invalid_option` when `db` is not a drizzle Postgres database;
 * `invalid_mapping` when a mapping's table lacks the columns the mirror writes or `toRow` is missing.
 */
export function createClerkMirror<
  Database extends AnyPgDatabase,
  UsersTable extends ClerkMirrorTable = typeof users,
  OrganizationsTable extends ClerkMirrorTable = typeof organizations,
  MembershipsTable extends ClerkMembershipMirrorTable = typeof organizationMemberships,
>(
  db: Database,
  options: ClerkMirrorOptions<UsersTable, OrganizationsTable, MembershipsTable> = {},
): ClerkMirror {
  assertDatabase(db, 'createClerkMirror');
  const usersMapping = options.users ?? defaultUsersMapping;
  const organizationsMapping = options.organizations ?? defaultOrganizationsMapping;
  const membershipsMapping = options.organizationMemberships ?? defaultOrganizationMembershipsMapping;
  const tombstones = options.deletedObjects ?? defaultDeletedObjectsTable;
  assertMapping('users', usersMapping, ['id', 'updatedAt']);
  assertMapping('organizations', organizationsMapping, ['id', 'updatedAt']);
  assertMapping('organizationMemberships', membershipsMapping, [
    'id',
    'updatedAt',
    'organizationId',
    'userId',
  ]);
  assertTable('deletedObjects', tombstones, ['id', 'object', 'deletedAt']);
  const membershipsTable = membershipsMapping.table as ClerkMembershipMirrorTable;
  // What each deletion removes. Clerk's object names, as in its payloads' `object` field.
  const deletions = {
    'user.deleted': { object: 'user', table: usersMapping.table, cascade: membershipsTable.userId },
    'organization.deleted': {
      object: 'organization',
      table: organizationsMapping.table,
      cascade: membershipsTable.organizationId,
    },
    'organizationMembership.deleted': {
      object: 'organization_membership',
      table: membershipsTable,
      cascade: undefined,
    },
  } satisfies Record<string, Omit<Parameters<typeof remove>[1], 'id' | 'deletedAt'>>;

  /** The steps of one event, run in one transaction; `undefined` for events the mirror ignores. */
  function plan(
    event: ClerkWebhookEvent,
  ): ((executor: AnyPgDatabase) => Promise<ClerkMirrorOutcome>) | undefined {
    const deletedAt = Number.isFinite(event.timestamp) ? new Date(event.timestamp) : new Date();
    switch (event.type) {
      case 'user.created':
      case 'user.updated': {
        const user = event.data;
        if (!hasIdAndTime(user)) return undefined;
        return (executor) =>
          upsert(executor, {
            table: usersMapping.table,
            values: { ...usersMapping.toRow(user), id: user.id, updatedAt: new Date(user.updated_at) },
            guardedIds: [user.id],
          });
      }
      case 'organization.created':
      case 'organization.updated': {
        const organization = event.data;
        if (!hasIdAndTime(organization)) return undefined;
        return (executor) =>
          upsert(executor, {
            table: organizationsMapping.table,
            values: {
              ...organizationsMapping.toRow(organization),
              id: organization.id,
              updatedAt: new Date(organization.updated_at),
            },
            guardedIds: [organization.id],
          });
      }
      case 'organizationMembership.created':
      case 'organizationMembership.updated': {
        const membership = event.data;
        const organizationId = membership.organization?.id;
        const userId = membership.public_user_data?.user_id;
        if (!hasIdAndTime(membership) || typeof organizationId !== 'string' || typeof userId !== 'string') {
          return undefined;
        }
        return (executor) =>
          upsert(executor, {
            table: membershipsTable,
            values: {
              ...membershipsMapping.toRow(membership),
              id: membership.id,
              organizationId,
              userId,
              updatedAt: new Date(membership.updated_at),
            },
            guardedIds: [membership.id, organizationId, userId],
          });
      }
      case 'user.deleted':
      case 'organization.deleted':
      case 'organizationMembership.deleted': {
        const { id } = event.data;
        if (typeof id !== 'string') return undefined;
        const deletion = deletions[event.type];
        return (executor) => remove(executor, { ...deletion, id, deletedAt });
      }
      default:
        return undefined;
    }
  }

  async function upsert(
    executor: AnyPgDatabase,
    { table, values, guardedIds }: { table: ClerkMirrorTable; values: MirrorValues; guardedIds: string[] },
  ): Promise<ClerkMirrorOutcome> {
    await lockIds(executor, guardedIds);
    const [tombstone] = await executor
      .select({ id: tombstones.id })
      .from(tombstones)
      .where(inArray(tombstones.id, guardedIds))
      .limit(1);
    if (tombstone) return 'stale';
    const written = await executor
      .insert(table)
      .values(values)
      .onConflictDoUpdate({
        target: table.id,
        set: replacingColumns(table, values),
        setWhere: lt(table.updatedAt, values.updatedAt),
      })
      .returning({ id: table.id });
    return written.length > 0 ? 'applied' : 'stale';
  }

  async function remove(
    executor: AnyPgDatabase,
    options: {
      table: ClerkMirrorTable;
      id: string;
      object: string;
      deletedAt: Date;
      cascade: PgColumn | undefined;
    },
  ): Promise<ClerkMirrorOutcome> {
    const { table, id, object, deletedAt, cascade } = options;
    await lockIds(executor, [id]);
    const recorded = await executor
      .insert(tombstones)
      .values({ id, object, deletedAt })
      .onConflictDoNothing({ target: tombstones.id })
      .returning({ id: tombstones.id });
    const deleted = await executor.delete(table).where(eq(table.id, id)).returning({ id: table.id });
    const cascaded = cascade
      ? await executor.delete(membershipsTable).where(eq(cascade, id)).returning({ id: membershipsTable.id })
      : [];
    return recorded.length + deleted.length + cascaded.length > 0 ? 'applied' : 'stale';
  }

  return {
    eventTypes: clerkMirrorEventTypes,
    async sync(event, transaction) {
      const steps = plan(event);
      if (!steps) return 'ignored';
      return transaction ? steps(transaction) : db.transaction((own) => steps(own));
    },
  };
}

/** A row as the mirror writes it: drizzle property names to values. */
type MirrorValues = Record<string, unknown> & { id: string; updatedAt: Date };

/**
 * The update half of the upsert: every column the row names takes the value the insert would have
 * written (`excluded.<column>`). Passing the values again instead would skip `undefined` ones, so a field
 * a newer version no longer has would keep an older version's value, and the result would depend on the
 * delivery order.
 */
function replacingColumns(table: ClerkMirrorTable, values: MirrorValues): Record<string, SQL> {
  const columns = table as unknown as Record<string, unknown>;
  const set: Record<string, SQL> = {};
  for (const property of Object.keys(values)) {
    const column = columns[property];
    if (property === 'id' || !is(column, PgColumn)) continue;
    set[property] = sql`excluded.${sql.identifier(column.name)}`;
  }
  return set;
}

function hasIdAndTime(data: { id?: unknown; updated_at?: unknown }): boolean {
  return typeof data.id === 'string' && Number.isFinite(data.updated_at);
}

/**
 * Serializes deliveries that touch the same Clerk ids, until the transaction ends. Without it, under
 * READ COMMITTED, a `user.updated` and a `user.deleted` applied at once by two instances each miss the
 * other's uncommitted write, and the deleted user's row survives. Locks are taken in id order, so two
 * deliveries never wait for each other in a cycle.
 */
async function lockIds(executor: AnyPgDatabase, ids: readonly string[]): Promise<void> {
  for (const id of [...new Set(ids)].sort()) {
    await executor.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`clerkship:${id}`}, 0))`);
  }
}
