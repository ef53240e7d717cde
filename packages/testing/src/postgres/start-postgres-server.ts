import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestingError } from '../errors';

/** A running throwaway Postgres server. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication. */
  url: string;
  /** Stops the server and deletes its data folder. */
  stop: () => Promise<void>;
}

/** How the server starts. */
export interface PostgresServerOptions {
  /** The folder holding `initdb`, `postgres` and `pg_isready`. Default: the newest `/usr/lib/postgresql/<n>/bin`. */
  bin?: string;
  /** `max_connections`. Default 100. */
  maxConnections?: number;
}

/** The `bin` folder of a Debian/Ubuntu Postgres install (`postgresql-NN`), if this machine has one. */
function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions
    .map((version) => path.join(root, version, 'bin'))
    .find((bin) => existsSync(path.join(bin, 'pg_ctl')));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a throwaway Postgres server: a fresh cluster in a temporary folder on a free port of 127.0.0.1,
 * trust authentication. Concurrency claims (dedupe, seat limits) need a real server: PGlite runs one
 * transaction at a time, so a racy statement passes there. Postgres refuses to run as root, so as root
 * it runs as the `postgres` user. Resolves to `undefined` when no server is installed (Node only).
 *
 * @example
 * const server = await startPostgresServer();
 * if (!server) throw new Error('install postgresql');
 * const pool = new pg.Pool({ connectionString: server.url });
 * // ...
 * await server.stop();
 *
 * @throws {TestingError} `postgres_failed` when a server is installed but does not start.
 */
export async function startPostgresServer(
  options: PostgresServerOptions = {},
): Promise<PostgresServer | undefined> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const command = (name: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]]
      : [path.join(bin, name), args];
  const run = (name: string, args: string[]) => execFileSync(...command(name, args), { stdio: 'ignore' });
  const folder = mkdtempSync(path.join(tmpdir(), 'clerkship-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', folder]);
  const data = path.join(folder, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  } catch (cause) {
    rmSync(folder, { recursive: true, force: true });
    throw new TestingError('postgres_failed', `initdb failed in ${folder}. Check the Postgres install.`, {
      cause,
    });
  }
  const server = spawn(
    ...command('postgres', [
      ...['-D', data, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1'],
      ...['-c', `max_connections=${options.maxConnections ?? 100}`],
    ]),
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      // `runuser` does not pass signals on to the server, so ask Postgres itself (a throwaway cluster
      // needs no clean shutdown).
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        server.kill('SIGKILL');
      }
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      run('pg_isready', ['-h', '127.0.0.1', '-p', String(port)]);
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new TestingError(
    'postgres_failed',
    `the Postgres server on port ${port} did not start in 15 s. Check the Postgres install.`,
  );
}
