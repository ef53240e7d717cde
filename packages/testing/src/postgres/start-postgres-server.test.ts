import pg from 'pg';
import { expect, it } from 'vitest';
import { startPostgresServer } from './start-postgres-server';

it('starts a real Postgres server that takes two connections at once, and stops it', async () => {
  const server = await startPostgresServer();
  if (!server) {
    // A CI machine must have one: concurrency proofs depend on it.
    expect(process.env.CI, 'CI needs PostgreSQL installed (apt-get install postgresql)').toBeUndefined();
    return;
  }
  const first = new pg.Client({ connectionString: server.url });
  const second = new pg.Client({ connectionString: server.url });
  await Promise.all([first.connect(), second.connect()]);
  await first.query('create table seats (id int)');
  await first.query('begin; lock table seats in access exclusive mode');
  const blocked = second.query('select count(*) from seats');
  const early = await Promise.race([
    blocked.then(() => 'done'),
    new Promise((r) => setTimeout(r, 200, 'waiting')),
  ]);
  await first.query('rollback');
  await blocked;
  expect(early).toBe('waiting');
  await Promise.all([first.end(), second.end()]);
  await server.stop();
  await expect(new pg.Client({ connectionString: server.url }).connect()).rejects.toThrow();
});
