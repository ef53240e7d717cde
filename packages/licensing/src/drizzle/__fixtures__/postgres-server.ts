import { startPostgresServer } from '@clerkship/testing/postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { assignSeatFunctionSql, licensingSql } from './licensing-sql';

/**
 * A real Postgres server with the licensing tables, and `instances` connection pools to it: each pool
 * stands for one app instance. `undefined` when no server is installed (a test then fails under CI and
 * skips, saying why, elsewhere).
 */
export async function startLicensingServer(instances: number) {
  const server = await startPostgresServer();
  if (!server) {
    if (process.env.CI)
      throw new Error('CI needs a Postgres server for the concurrency proofs (apt install postgresql).');
    return undefined;
  }
  const setup = new pg.Client({ connectionString: server.url });
  await setup.connect();
  await setup.query(licensingSql);
  await setup.query(assignSeatFunctionSql);
  await setup.end();
  const pools = Array.from(
    { length: instances },
    () => new pg.Pool({ connectionString: server.url, max: 10 }),
  );
  return {
    databases: pools.map((pool) => drizzle(pool)),
    async truncate() {
      await pools[0]?.query(
        'TRUNCATE clerkship_webhook_deliveries, licensing_customers, licensing_licenses, licensing_seats',
      );
    },
    async stop() {
      await Promise.all(pools.map((pool) => pool.end()));
      await server.stop();
    },
  };
}

/** Why a suite is skipped where no Postgres server is installed (outside CI). */
export const noServerReason =
  'no PostgreSQL server on this machine (install postgresql; under CI this fails)';
