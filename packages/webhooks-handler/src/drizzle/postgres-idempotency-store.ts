import { count, is, lt, sql } from 'drizzle-orm';
import { type AnyPgColumn, PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { WebhooksHandlerError } from '../errors';
import type { IdempotencyStore } from '../idempotency-store';
import { type AnyPgDatabase, assertDatabase, type DrizzleTransaction } from './drizzle-database';
import { webhookDeliveries } from './schema';

/**
 * A table shaped like `webhookDeliveries`: a unique `key` text column and a `processedAt` timestamp,
 * e.g. the same table declared in your own `pgSchema`.
 *
 * @example
 * const deliveries = pgSchema('ops').table('webhook_deliveries', {
 *   key: text('key').primaryKey(),
 *   processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
 * });
 * const store = createPostgresIdempotencyStore(db, { table: deliveries });
 */
export type WebhookDeliveriesTable = PgTable & { key: AnyPgColumn; processedAt: AnyPgColumn };

/** Where the Postgres idempotency store keeps delivery ids. */
export interface PostgresIdempotencyStoreOptions {
  /** The table of processed delivery ids. Defaults to `webhookDeliveries` (`clerkship_webhook_deliveries`). */
  table?: WebhookDeliveriesTable;
}

/** How far back `prune` keeps delivery ids. */
export interface PruneOptions {
  /**
   * Delete ids processed more than this many seconds ago. Keep at least the senders' retry window:
   * about 28 h for Svix (Clerk), 3 days for Stripe; so 3 days (259 200) or more.
   */
  olderThanSeconds: number;
}

/**
 * An idempotency store in Postgres, plus housekeeping.
 *
 * @example
 * const store: PostgresIdempotencyStore<DrizzleTransaction<typeof db>> = createPostgresIdempotencyStore(db);
 */
export interface PostgresIdempotencyStore<Transaction> extends IdempotencyStore<Transaction> {
  /**
   * Deletes delivery ids processed more than `olderThanSeconds` ago (by the database's clock) and
   * returns how many it deleted. Run it on a schedule (a daily cron job); a delivery retried after its
   * id was pruned would run again.
   *
   * @example
   * const deleted = await store.prune({ olderThanSeconds: 7 * 24 * 3600 });
   *
   * @throws {WebhooksHandlerError} `invalid_option` when `olderThanSeconds` is not a positive number.
   */
  prune(options: PruneOptions): Promise<number>;
}

/**
 * An idempotency store in Postgres, through any drizzle Postgres database (PGlite, node-postgres,
 * postgres.js, Neon over WebSockets; not drizzle-orm/neon-http, which has no transactions). Any number
 * of app instances can share it: the database, not process memory, decides who runs a delivery.
 *
 * `runOnce(key, work)` opens a transaction, claims `key` with `INSERT … ON CONFLICT DO NOTHING`, runs
 * `work(transaction)` and commits. A concurrent call with the same key blocks on the primary key until
 * the first transaction ends: after a commit it finds the key and reports `duplicate`; after a rollback
 * (because `work` threw) it claims the key and runs. (That is Postgres' default READ COMMITTED
 * isolation; under SERIALIZABLE the waiting call fails with a serialization error instead, the handler
 * answers 500, and the sender's retry finds the key.) Consequences:
 *
 * - Database writes made through the `transaction` handed to `work` (`context.transaction` in a
 *   callback) happen exactly once: they commit together with the claim, or roll back with it.
 * - External side effects (emails, API calls) are at least once: when `work` throws after one, or the
 *   commit fails, the sender retries and it runs again. Give such calls an idempotency key of their own
 *   (the delivery id) where the API accepts one.
 * - The transaction, and one pooled connection, is held while the callbacks run: keep them short. Inside
 *   `work`, query through the transaction, never through `db`: on PGlite, which runs one transaction at
 *   a time, a query on `db` waits for this transaction to end and never returns.
 *
 * @example
 * import { createPostgresIdempotencyStore } from '@clerkship/webhooks-handler/drizzle';
 *
 * const store = createPostgresIdempotencyStore(db);
 * export const { POST } = createWebhooksHandler({
 *   store,
 *   onUserCreated: async (user, { transaction }) => {
 *     await transaction.insert(profiles).values({ userId: user.id }); // committed once with the claim
 *   },
 * });
 *
 * @throws {WebhooksHandlerError} `invalid_option` when `db` is not a drizzle Postgres database or
 * `options.table` has no unique `key` column and `processedAt` column.
 */
export function createPostgresIdempotencyStore<Database extends AnyPgDatabase>(
  db: Database,
  options: PostgresIdempotencyStoreOptions = {},
): PostgresIdempotencyStore<DrizzleTransaction<Database>> {
  assertDatabase(db, 'createPostgresIdempotencyStore');
  assertDeliveriesTable(options.table ?? webhookDeliveries);
  // A table of the same shape: typed as ours so that drizzle types `values({ key })`.
  const table = (options.table ?? webhookDeliveries) as typeof webhookDeliveries;

  return {
    runOnce(key, work) {
      return db.transaction(async (transaction) => {
        if (!(await claimKey(transaction, key, table))) return { status: 'duplicate' } as const;
        const value = await work(transaction as DrizzleTransaction<Database>);
        return { status: 'processed', value } as const;
      });
    },

    async prune({ olderThanSeconds }) {
      if (!Number.isFinite(olderThanSeconds) || olderThanSeconds <= 0) {
        throw new WebhooksHandlerError(
          'invalid_option',
          `\`olderThanSeconds\` must be a positive number, got ${olderThanSeconds}. Pass the age in seconds past which delivery ids are forgotten, e.g. 259200 for 3 days.`,
        );
      }
      // A data-modifying CTE counts in the database: the row count of a plain DELETE is reported
      // differently by each driver.
      const pruned = db.$with('pruned').as(
        db
          .delete(table)
          .where(lt(table.processedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`))
          .returning({ key: table.key }),
      );
      const [result] = await db.with(pruned).select({ deleted: count() }).from(pruned);
      return result?.deleted ?? 0;
    },
  };
}

/**
 * Inserts `key` into the deliveries table inside `transaction`; false when it is already there. A
 * concurrent claim of the same key waits on the primary key until this transaction ends.
 */
export async function claimKey(
  transaction: AnyPgDatabase,
  key: string,
  table: typeof webhookDeliveries = webhookDeliveries,
): Promise<boolean> {
  const claimed = await transaction
    .insert(table)
    .values({ key })
    .onConflictDoNothing({ target: table.key })
    .returning({ key: table.key });
  return claimed.length > 0;
}

function assertDeliveriesTable(table: unknown): asserts table is WebhookDeliveriesTable {
  const candidate = table as Partial<Record<'key' | 'processedAt', unknown>>;
  const valid =
    is(table, PgTable) &&
    is(candidate.key, PgColumn) &&
    (candidate.key.primary || candidate.key.isUnique) &&
    is(candidate.processedAt, PgColumn);
  if (!valid) {
    throw new WebhooksHandlerError(
      'invalid_option',
      '`table` must be a drizzle pgTable with a primary-key (or unique) `key` column and a `processedAt` timestamp column. Declare it like `webhookDeliveries`, or leave `table` out to use it.',
    );
  }
}
