import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Team Tasks. `tenantId` (column `owner_id`) is the tenant that owns a task (the active organization,
 * or the user in a personal account); `created_by_id` is the user who created it, for "members edit
 * their own" rules.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('owner_id').notNull(),
    createdById: text('created_by_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('tasks_owner_id_idx').on(table.tenantId, table.createdAt)],
);

export type Task = typeof tasks.$inferSelect;

// @clerkship/licensing's customers, licenses and seats (the Billing page, the Stripe webhook route), and
// the sign-ups in progress (/plan, /welcome).
export {
  licensingCustomers,
  licensingLicenses,
  licensingSeats,
  licensingSignups,
} from '@clerkship/licensing/drizzle';
// The Clerk mirror and the webhook idempotency table of @clerkship/webhooks-handler, kept by
// /api/webhooks/clerk; listed here so that drizzle-kit migrates them with the app's own tables.
export {
  deletedObjects,
  organizationMemberships,
  organizations,
  users,
  webhookDeliveries,
} from '@clerkship/webhooks-handler/drizzle';
