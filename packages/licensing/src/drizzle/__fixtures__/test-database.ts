import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { licensingSql } from './licensing-sql';

/** A fresh in-memory Postgres (PGlite) with the licensing tables. */
export async function createTestDatabase() {
  const client = new PGlite();
  await client.exec(licensingSql);
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
