import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The delivery ids the Postgres idempotency store has processed. A row is inserted in the same
 * transaction as the delivery's callbacks, so it exists exactly when their writes committed.
 *
 * @example
 * // drizzle/schema.ts of your app: drizzle-kit then generates the migration.
 * export { webhookDeliveries } from '@clerkship/webhooks-handler/drizzle';
 */
export const webhookDeliveries = pgTable('clerkship_webhook_deliveries', {
  /** The delivery id: `svix-id` for Clerk, `event.id` for Stripe. */
  key: text('key').primaryKey(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Clerk users as the mirror last saw them (`user.created`, `user.updated`).
 *
 * @example
 * const [alice] = await db.select().from(users).where(eq(users.email, 'alice@example.com'));
 */
export const users = pgTable('clerk_users', {
  id: text('id').primaryKey(),
  /** The primary email address, or null when the user has none. */
  email: text('email'),
  firstName: text('first_name'),
  lastName: text('last_name'),
  username: text('username'),
  imageUrl: text('image_url'),
  publicMetadata: jsonb('public_metadata').$type<Record<string, unknown>>().notNull().default({}),
  externalId: text('external_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Clerk's `updated_at`: an event older than this changes nothing. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Clerk organizations as the mirror last saw them (`organization.created`, `organization.updated`).
 *
 * @example
 * const [acme] = await db.select().from(organizations).where(eq(organizations.slug, 'acme-inc'));
 */
export const organizations = pgTable('clerk_organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug'),
  imageUrl: text('image_url'),
  publicMetadata: jsonb('public_metadata').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Who belongs to which organization, with which role. There are no foreign keys to `clerk_users` and
 * `clerk_organizations` and no unique (organization, user) pair: Clerk delivers events in any order, so
 * a membership may arrive before its user or organization, and a re-created membership before the
 * deletion of the old one.
 *
 * @example
 * const members = await db
 *   .select()
 *   .from(organizationMemberships)
 *   .where(eq(organizationMemberships.organizationId, orgId));
 */
export const organizationMemberships = pgTable(
  'clerk_organization_memberships',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    userId: text('user_id').notNull(),
    /** The role key, e.g. `org:admin`. */
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('clerk_organization_memberships_organization_id_idx').on(table.organizationId),
    index('clerk_organization_memberships_user_id_idx').on(table.userId),
  ],
);

/**
 * Tombstones of deleted Clerk objects. Clerk never reuses an id, so once an id is here, a late
 * `*.created` or `*.updated` event for it (or for a membership of a deleted user or organization)
 * changes nothing.
 *
 * @example
 * const wasDeleted = (await db.select().from(deletedObjects).where(eq(deletedObjects.id, userId))).length > 0;
 */
export const deletedObjects = pgTable('clerk_deleted_objects', {
  id: text('id').primaryKey(),
  /** Clerk's object name: `user`, `organization`, `organization_membership`. */
  object: text('object').notNull(),
  /** When Clerk sent the deletion event (its `timestamp`). */
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every table of this entry, to spread into the schema drizzle-kit reads, so that its migrations create
 * them next to your own tables.
 *
 * @example
 * // drizzle/schema.ts
 * import { clerkshipWebhooksSchema } from '@clerkship/webhooks-handler/drizzle';
 * export const { webhookDeliveries, users, organizations, organizationMemberships, deletedObjects } =
 *   clerkshipWebhooksSchema;
 */
export const clerkshipWebhooksSchema = {
  webhookDeliveries,
  users,
  organizations,
  organizationMemberships,
  deletedObjects,
};
