import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { dataDir } from '../mode';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

const migrationsFolder = path.join(process.cwd(), 'drizzle');

/**
 * Any Postgres when `DATABASE_URL` is set (migrations are applied by CI, as in the migrations guide);
 * otherwise PGlite, real Postgres in WebAssembly, stored in the data folder and migrated on first use.
 */
async function connect(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    return drizzle(process.env.DATABASE_URL, { schema }) as unknown as Database;
  }
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const database = drizzle(new PGlite(path.join(dataDir(), 'pglite')), { schema });
  await migrate(database, { migrationsFolder });
  return database as unknown as Database;
}

// One connection per server process, kept across dev-server reloads.
const holder = globalThis as typeof globalThis & { clerkshipDatabase?: Promise<Database> };

export function database(): Promise<Database> {
  holder.clerkshipDatabase ??= connect().catch((error: unknown) => {
    holder.clerkshipDatabase = undefined;
    throw error;
  });
  return holder.clerkshipDatabase;
}

export { schema };
