import {
  type OrganizationJSON,
  type OrganizationMembershipJSON,
  primaryEmailAddress,
  type UserJSON,
} from '@clerkship/internal';
import { type InferInsertModel, is } from 'drizzle-orm';
import { type AnyPgColumn, PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { WebhooksHandlerError } from '../errors';
import { deletedObjects, organizationMemberships, organizations, users } from './schema';

/**
 * A table the mirror can keep a Clerk object in: an `id` column (primary key or unique) holding the
 * Clerk id, and an `updatedAt` timestamp column (`mode: 'date'`, the default) holding Clerk's
 * `updated_at`. The column names in SQL are yours; `id` and `updatedAt` are the drizzle property names.
 *
 * @example
 * const profiles = pgTable('profiles', {
 *   id: text('clerk_user_id').primaryKey(),
 *   displayName: text('display_name').notNull(),
 *   updatedAt: timestamp('clerk_updated_at', { withTimezone: true }).notNull(),
 * });
 */
export type ClerkMirrorTable = PgTable & { id: AnyPgColumn; updatedAt: AnyPgColumn };

/**
 * A mirror table for memberships: also `organizationId` and `userId` columns, which the mirror uses to
 * delete the memberships of a deleted user or organization.
 *
 * @example
 * const seats = pgTable('seats', {
 *   id: text('membership_id').primaryKey(),
 *   organizationId: text('org_id').notNull(),
 *   userId: text('user_id').notNull(),
 *   updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
 * });
 */
export type ClerkMembershipMirrorTable = ClerkMirrorTable & {
  organizationId: AnyPgColumn;
  userId: AnyPgColumn;
};

/**
 * A tombstone table: `id` (primary key or unique), `object` and `deletedAt` (timestamp) columns.
 *
 * @example
 * const mirror = createClerkMirror(db, { deletedObjects: app.table('clerk_tombstones', { ... }) });
 */
export type ClerkDeletedObjectsTable = PgTable & {
  id: AnyPgColumn;
  object: AnyPgColumn;
  deletedAt: AnyPgColumn;
};

/**
 * Where the mirror writes one kind of Clerk object, and how. The mirror sets the columns it relies on
 * itself (`id` and `updatedAt`; for memberships also `organizationId` and `userId`); `toRow` returns the
 * rest, from the event's `data`; a property it leaves `undefined` gets the column's default (or null),
 * also when an older version had a value. It runs for `*.created` and `*.updated` events; if it throws,
 * `sync` rejects and the delivery is retried.
 *
 * @example
 * const profilesMapping: ClerkMirrorMapping<UserJSON, typeof profiles> = {
 *   table: profiles,
 *   toRow: (user) => ({ displayName: [user.first_name, user.last_name].filter(Boolean).join(' ') }),
 * };
 */
export interface ClerkMirrorMapping<
  Data,
  Table extends PgTable,
  SetByMirror extends string = 'id' | 'updatedAt',
> {
  table: Table;
  toRow: (data: Data) => Omit<InferInsertModel<Table>, SetByMirror>;
}

/** The columns the mirror sets itself in a membership table. */
export type MembershipColumnsSetByMirror = 'id' | 'updatedAt' | 'organizationId' | 'userId';

/** The default mapping of users: `clerk_users`. */
export const defaultUsersMapping: ClerkMirrorMapping<UserJSON, typeof users> = {
  table: users,
  toRow: (user) => ({
    email: primaryEmailAddress(user),
    firstName: user.first_name ?? null,
    lastName: user.last_name ?? null,
    username: user.username ?? null,
    imageUrl: user.image_url ?? null,
    publicMetadata: (user.public_metadata ?? {}) as Record<string, unknown>,
    externalId: user.external_id ?? null,
    createdAt: new Date(user.created_at),
  }),
};

/** The default mapping of organizations: `clerk_organizations`. */
export const defaultOrganizationsMapping: ClerkMirrorMapping<OrganizationJSON, typeof organizations> = {
  table: organizations,
  toRow: (organization) => ({
    name: organization.name,
    slug: organization.slug ?? null,
    imageUrl: organization.image_url ?? null,
    publicMetadata: (organization.public_metadata ?? {}) as Record<string, unknown>,
    createdAt: new Date(organization.created_at),
  }),
};

/** The default mapping of memberships: `clerk_organization_memberships`. */
export const defaultOrganizationMembershipsMapping: ClerkMirrorMapping<
  OrganizationMembershipJSON,
  typeof organizationMemberships,
  MembershipColumnsSetByMirror
> = {
  table: organizationMemberships,
  toRow: (membership) => ({ role: membership.role, createdAt: new Date(membership.created_at) }),
};

export const defaultDeletedObjectsTable: ClerkDeletedObjectsTable = deletedObjects;

/**
 * Checks a mapping when the mirror is created, so that a wrong table fails at startup with a clear
 * message instead of at the first webhook.
 */
export function assertMapping(
  option: string,
  mapping: unknown,
  requiredColumns: readonly string[],
): asserts mapping is ClerkMirrorMapping<unknown, ClerkMirrorTable> {
  const candidate = mapping as Partial<ClerkMirrorMapping<unknown, PgTable>> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null) {
    throw invalidMapping(`\`${option}\` must be an object \`{ table, toRow }\`, got ${typeof mapping}`);
  }
  assertTable(`${option}.table`, candidate.table, requiredColumns);
  if (typeof candidate.toRow !== 'function') {
    throw invalidMapping(
      `\`${option}.toRow\` must be a function, got ${typeof candidate.toRow}`,
      'Pass `toRow: (data) => ({ ...columns })`, returning the row without the columns the mirror sets',
    );
  }
}

/** Checks that `table` is a drizzle Postgres table with the columns the mirror writes. */
export function assertTable(option: string, table: unknown, requiredColumns: readonly string[]): void {
  if (!is(table, PgTable)) {
    throw invalidMapping(`\`${option}\` must be a drizzle table made with pgTable`);
  }
  const columns = table as unknown as Record<string, unknown>;
  const missing = requiredColumns.filter((name) => !is(columns[name], PgColumn));
  if (missing.length > 0) {
    throw invalidMapping(
      `\`${option}\` has no ${missing.map((name) => `\`${name}\``).join(', ')} column (needed: ${requiredColumns.join(', ')})`,
    );
  }
  const id = columns.id as PgColumn;
  if (!id.primary && !id.isUnique) {
    throw invalidMapping(
      `\`${option}.id\` must be the primary key or unique, because the mirror upserts on it`,
    );
  }
  for (const name of ['updatedAt', 'deletedAt']) {
    const column = columns[name] as PgColumn | undefined;
    if (requiredColumns.includes(name) && column?.columnType !== 'PgTimestamp') {
      throw invalidMapping(
        `\`${option}.${name}\` must be a timestamp column in date mode (\`timestamp('${column?.name}', { withTimezone: true })\`), got ${column?.columnType}`,
      );
    }
  }
}

function invalidMapping(
  what: string,
  fix = 'Pass a drizzle table with the columns the mirror needs, or leave the option out to use the built-in table',
): WebhooksHandlerError {
  return new WebhooksHandlerError('invalid_mapping', `${what}. ${fix}.`);
}
