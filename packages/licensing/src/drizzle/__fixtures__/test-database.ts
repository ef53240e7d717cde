import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { assignSeatFunctionSql, licensingSql } from './licensing-sql';

/**
 * A fresh in-memory Postgres (PGlite) with the licensing tables and, unless `withoutMigration`, the
 * package's migration (the one-call seat assignment).
 */
export async function createTestDatabase(options: { withoutMigration?: boolean } = {}) {
  const client = new PGlite();
  await client.exec(licensingSql);
  if (!options.withoutMigration) await client.exec(assignSeatFunctionSql);
  return drizzle(client);
}

/** The database `createTestDatabase` returns. */
export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Empties every table between tests (starting PGlite takes a second or two). */
export async function emptyTestDatabase(db: TestDatabase): Promise<void> {
  await db.$client.exec(
    'TRUNCATE clerkship_webhook_deliveries, licensing_customers, licensing_licenses, licensing_seats, licensing_signups',
  );
}
