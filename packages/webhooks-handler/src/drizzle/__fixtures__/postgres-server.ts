import { fileURLToPath } from 'node:url';
import { startPostgresServer } from '@clerkship/testing/postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { schemaSql } from './schema-sql';

/** The package's shipped migrations folder, applied the way the README tells users to. */
export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * A real Postgres server for concurrency proofs (PGlite runs one transaction at a time, so a race passes
 * there). `undefined` when none is installed: then the suites skip with a visible reason, except under
 * CI, where a missing server fails the run instead.
 */
export async function startTestServer() {
  const server = await startPostgresServer();
  if (!server && process.env.CI) {
    throw new Error(
      'CI is set but no PostgreSQL server is installed: the concurrency tests need one (apt-get install postgresql).',
    );
  }
  return server;
}

/** A database on `url` with the package's tables, and (unless `migrated: false`) the fast-path migration. */
export async function createServerDatabase(url: string, { migrated = true } = {}) {
  const db = drizzle({ connection: { connectionString: url, max: 30 } });
  await db.$client.query(schemaSql);
  if (migrated) {
    await migrate(db, { migrationsFolder, migrationsTable: '__clerkship_webhooks_migrations' });
  }
  return db;
}

export type ServerDatabase = Awaited<ReturnType<typeof createServerDatabase>>;

export const noServerReason = '(skipped: no PostgreSQL server installed on this machine; CI fails instead)';
