import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

const appDir = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(appDir, 'node_modules/next/dist/bin/next');
// Unset so that the app runs in local mode whatever the developer's shell has.
const clerkVariables = [
  'CLERK_SECRET_KEY',
  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
  'CLERK_JWT_KEY',
  'DATABASE_URL',
];

export interface RunningApp {
  url: string;
  /** What the server printed so far, for diagnosing a failure. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('e2e: could not find a free port');
  return address.port;
}

interface NextProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
}

async function spawnNextStart(env: Record<string, string>): Promise<NextProcess> {
  const port = await freePort();
  // As a deployed server runs: vitest sets NODE_ENV=test, which next start would keep.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  for (const name of clerkVariables) delete childEnv[name];
  delete childEnv.CLERKSHIP_LOCAL_MODE;
  // The server keeps idle connections longer than the tests' fetch (undici drops its own after 4 s), so
  // a request never goes out on a socket the server is closing at that moment (ECONNRESET).
  const args = [nextBin, 'start', '-p', String(port), '--keepAliveTimeout', '65000'];
  const child = spawn(process.execPath, args, {
    cwd: appDir,
    env: { ...childEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, port, output: () => output };
}

/**
 * Starts the built example app (`next start`, so NODE_ENV=production) on a free port in local mode,
 * which a production server allows only with the explicit CLERKSHIP_LOCAL_MODE=1, using `dataDir`
 * for its keys and database. Resolves once it answers HTTP.
 */
export async function startApp({
  dataDir,
  env = {},
}: {
  dataDir: string;
  env?: Record<string, string>;
}): Promise<RunningApp> {
  const { child, port, output } = await spawnNextStart({
    ...env,
    CLERKSHIP_LOCAL_MODE: '1',
    CLERKSHIP_DATA_DIR: dataDir,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`e2e: the app exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`e2e: the app did not answer within 60 s:\n${output()}`);
    }
    try {
      await fetch(`${url}/api/me`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    url,
    output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Runs `next start` without the local-mode opt-in and resolves with how it ended. */
export async function startAppExpectingExit(): Promise<{ code: number | null; output: string }> {
  const { child, output } = await spawnNextStart({});
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output: output() };
}
