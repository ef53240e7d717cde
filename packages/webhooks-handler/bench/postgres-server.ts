import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The `bin` folder of a Debian/Ubuntu Postgres install (`postgresql-NN`), if this machine has one. */
function postgresBin(): string | undefined {
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
 * A throwaway Postgres server for the benchmark: a fresh cluster in a temporary folder on a free port,
 * trust authentication on 127.0.0.1 only. Postgres refuses to run as root, so as root it runs as the
 * `postgres` user. `undefined` when no server is installed.
 */
export async function startPostgresServer(): Promise<{ url: string; stop: () => void } | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], {
          stdio: 'ignore',
        })
      : execFileSync(path.join(bin, command), args, { stdio: 'ignore' });
  const folder = mkdtempSync(path.join(tmpdir(), 'clerkship-bench-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', folder]);
  const data = path.join(folder, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const server = spawn(
    asRoot ? 'runuser' : path.join(bin, 'postgres'),
    [
      ...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'postgres')] : []),
      ...['-D', data, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1'],
      ...['-c', 'fsync=on', '-c', 'max_connections=50'],
    ],
    { stdio: 'ignore' },
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      run('pg_isready', ['-h', '127.0.0.1', '-p', String(port)]);
      return {
        url,
        stop: () => {
          server.kill('SIGINT');
          rmSync(folder, { recursive: true, force: true });
        },
      };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  server.kill('SIGKILL');
  throw new Error('bench: the Postgres server did not start');
}
