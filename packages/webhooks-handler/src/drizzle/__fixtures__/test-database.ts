import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { schemaSql } from './schema-sql';

export { schemaSql };

/** A fresh in-memory Postgres (PGlite) with this entry's tables and any extra SQL a test needs. */
export async function createTestDatabase(extraSql = '') {
  const client = new PGlite();
  await client.exec(schemaSql + extraSql);
  return drizzle(client);
}

/**
 * Empties every table, for the next test: starting PGlite takes a second or two, so a test file shares
 * one database and empties it before each test.
 */
export async function emptyTestDatabase(db: TestDatabase): Promise<void> {
  await db.$client.exec(`
    DO $$
    DECLARE name text;
    BEGIN
      FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('TRUNCATE %I', name);
      END LOOP;
    END $$;
  `);
}

/** The database `createTestDatabase` returns. */
export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
