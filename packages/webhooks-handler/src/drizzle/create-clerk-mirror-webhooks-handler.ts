import type { ClerkWebhookEvent } from '@clerkship/internal';
import {
  createWebhooksHandler,
  type WebhooksHandler,
  type WebhooksHandlerOptions,
} from '../create-webhooks-handler';
import { WebhooksHandlerError } from '../errors';
import type { CallbackResult, WebhookContext } from '../webhook-context';
import { type ClerkMirrorOptions, createClerkMirrorParts } from './clerk-mirror';
import type { ClerkMembershipMirrorTable, ClerkMirrorTable } from './clerk-mirror-mapping';
import { createDeferredDeliveryStore, type DeferredDelivery } from './deferred-delivery';
import { type AnyPgDatabase, assertDatabase, type DrizzleTransaction } from './drizzle-database';
import { applyThroughFunction } from './mirror-function';
import type { organizationMemberships, organizations, users } from './schema';

/**
 * Options of `createClerkMirrorWebhooksHandler`: those of `createWebhooksHandler` without `store` (the
 * handler keeps delivery ids in `clerk_webhook_deliveries` itself), plus the mirror's tables.
 *
 * @example
 * const options: ClerkMirrorWebhooksHandlerOptions<typeof db> = {
 *   onUserCreated: async (user, { transaction }) => {
 *     await transaction.insert(profiles).values({ userId: user.id });
 *   },
 * };
 */
export type ClerkMirrorWebhooksHandlerOptions<
  Database extends AnyPgDatabase,
  UsersTable extends ClerkMirrorTable = typeof users,
  OrganizationsTable extends ClerkMirrorTable = typeof organizations,
  MembershipsTable extends ClerkMembershipMirrorTable = typeof organizationMemberships,
> = Omit<WebhooksHandlerOptions<DrizzleTransaction<Database>>, 'store'> & {
  /** The mirror's tables, as for `createClerkMirror`. Replacing a built-in table turns the one-call path off. */
  mirror?: ClerkMirrorOptions<UsersTable, OrganizationsTable, MembershipsTable>;
};

type Callback = (data: unknown, context: WebhookContext<ClerkWebhookEvent, unknown>) => CallbackResult;

// Options that are callbacks but not one of Clerk's event types.
const notEventCallbacks = new Set(['onEvent', 'onError']);

/**
 * A Clerk webhook endpoint that keeps the Clerk mirror (users, organizations, memberships) in Postgres
 * and runs each delivery once, in as few round trips as the delivery allows:
 *
 * - **A delivery only the mirror handles** is one call to the SQL function `clerkship_webhooks_apply_v1`:
 *   it claims the delivery id, locks the ids it touches, checks tombstones and writes the row, in one
 *   implicit transaction. A crash before it commits leaves nothing, so the retry applies it.
 * - **A delivery one of your callbacks handles** opens a transaction that claims the delivery id before
 *   your callback runs; the callback gets it as `context.transaction`, the mirror writes through it (one
 *   call to the same function), and it commits when the callbacks end, or rolls back when one throws.
 *
 * Either way: a delivery runs once (concurrent duplicates wait for the first, then answer `duplicate`),
 * any order of the same events ends in the same rows, and a deleted object never comes back. The mirror
 * writes before your `onEvent` runs, after the typed callback.
 *
 * Needs the tables of `clerkshipWebhooksSchema` and the migration `0000_clerkship_webhooks_fast_path`
 * shipped in the package's `migrations` folder (see the README). Without the migration, deliveries are
 * answered 500 and `onError` receives a `WebhooksHandlerError` `missing_migration` that names it.
 *
 * @example
 * // app/api/webhooks/clerk/route.ts
 * import { createClerkMirrorWebhooksHandler } from '@clerkship/webhooks-handler/drizzle';
 *
 * export const { POST } = createClerkMirrorWebhooksHandler(db, {
 *   // optional: your own callbacks run in the delivery's transaction
 *   onUserCreated: async (user, { transaction }) => {
 *     await transaction.insert(profiles).values({ userId: user.id });
 *   },
 * });
 *
 * @throws {WebhooksHandlerError} `invalid_option` when `db` is not a drizzle Postgres database, `store` is
 * given, or any option `createWebhooksHandler` refuses; `invalid_mapping` for a wrong `mirror` table.
 */
export function createClerkMirrorWebhooksHandler<
  Database extends AnyPgDatabase,
  UsersTable extends ClerkMirrorTable = typeof users,
  OrganizationsTable extends ClerkMirrorTable = typeof organizations,
  MembershipsTable extends ClerkMembershipMirrorTable = typeof organizationMemberships,
>(
  db: Database,
  options: ClerkMirrorWebhooksHandlerOptions<Database, UsersTable, OrganizationsTable, MembershipsTable> = {},
): WebhooksHandler {
  assertDatabase(db, 'createClerkMirrorWebhooksHandler');
  if (Object.hasOwn(options, 'store')) {
    throw new WebhooksHandlerError(
      'invalid_option',
      '`store` cannot be set on createClerkMirrorWebhooksHandler: it keeps delivery ids in clerkship_webhook_deliveries itself. Remove `store`, or use createWebhooksHandler with your store and mirror.sync.',
    );
  }
  const { mirror: mirrorOptions, onEvent, ...rest } = options as Record<string, unknown>;
  const { mirror, describe, builtInTables } = createClerkMirrorParts(
    db,
    (mirrorOptions ?? {}) as ClerkMirrorOptions,
  );
  const userOnEvent = onEvent as Callback | undefined;

  // Your typed callbacks run inside the delivery's transaction, claimed before they start.
  const callbacks: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    const isEventCallback =
      name.startsWith('on') && !notEventCallbacks.has(name) && typeof value === 'function';
    callbacks[name] = isEventCallback ? inTransaction(value as Callback) : value;
  }

  return createWebhooksHandler<DeferredDelivery<Database>>({
    ...callbacks,
    store: createDeferredDeliveryStore(db),
    onEvent: async (event, context) => {
      const delivery = context.transaction;
      const change = describe(event);
      if (!delivery.opened && !userOnEvent && builtInTables) {
        // No code of yours runs for this delivery: claim and mirror in one call.
        const outcome = await applyThroughFunction(db, delivery.key, change);
        delivery.settle(outcome === 'duplicate' ? 'duplicate' : 'processed');
        return;
      }
      const transaction = await delivery.open();
      if (change) {
        if (builtInTables) await applyThroughFunction(transaction, null, change);
        else await mirror.sync(event, transaction);
      }
      return userOnEvent?.(event, { ...context, transaction } as WebhookContext<ClerkWebhookEvent, unknown>);
    },
  } as WebhooksHandlerOptions<DeferredDelivery<Database>>);
}

function inTransaction(callback: Callback) {
  return async (
    data: unknown,
    context: WebhookContext<ClerkWebhookEvent, DeferredDelivery<AnyPgDatabase>>,
  ) => {
    const transaction = await context.transaction.open();
    return callback(data, { ...context, transaction });
  };
}
