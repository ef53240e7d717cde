import type { PgDatabase } from 'drizzle-orm/pg-core';
import { WebhooksHandlerError } from '../errors';

/**
 * Any drizzle Postgres database or transaction: PGlite, node-postgres, postgres.js, Neon, Vercel
 * Postgres… (a drizzle transaction is a database too).
 *
 * @example
 * function countUsers(db: AnyPgDatabase) { return db.$count(users); }
 */
// biome-ignore lint/suspicious/noExplicitAny: any driver's query result type and any schema are accepted.
export type AnyPgDatabase = PgDatabase<any, any, any>;

/**
 * The transaction type of a drizzle database: what `db.transaction(async (tx) => …)` passes as `tx`,
 * with the database's driver and schema (so `tx.query.<table>` stays typed).
 *
 * @example
 * type Transaction = DrizzleTransaction<typeof db>; // PgTransaction<PgliteQueryResultHKT, typeof schema, …>
 */
export type DrizzleTransaction<Database extends AnyPgDatabase> = Parameters<
  Parameters<Database['transaction']>[0]
>[0];

/** Fails early, with a clear message, when something other than a drizzle Postgres database is passed. */
export function assertDatabase(db: unknown, factory: string): void {
  const candidate = db as Partial<AnyPgDatabase> | null | undefined;
  if (
    typeof candidate?.transaction !== 'function' ||
    typeof candidate.insert !== 'function' ||
    typeof candidate.delete !== 'function'
  ) {
    throw new WebhooksHandlerError(
      'invalid_option',
      `${factory}(db) needs a drizzle Postgres database, got ${describe(db)}. Pass what \`drizzle(...)\` from drizzle-orm/pglite, drizzle-orm/node-postgres or drizzle-orm/neon-serverless returns.`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object without transaction/insert/delete methods`;
  return typeof value;
}
