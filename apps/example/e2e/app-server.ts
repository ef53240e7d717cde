import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const appDir = path.resolve(import.meta.dirname, '..');

export interface RunningApp {
  url: string;
  dataDir: string;
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

/**
 * Starts the built example app (`next start`) on a free port with its own data folder, and waits until
 * it answers. Clerk keys are removed from the environment so the app runs in local mode.
 */
export async function startApp(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'clerkship-e2e-')));
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    CLERKSHIP_LOCAL_MODE: '1',
    CLERKSHIP_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    ...options.env,
  };
  for (const name of ['CLERK_SECRET_KEY', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_JWT_KEY', 'DATABASE_URL']) {
    if (!options.env?.[name]) delete env[name];
  }
  const child = spawn(process.execPath, [path.join(appDir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, () => output);
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`e2e: the app exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${url}/api/me`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`e2e: the app did not answer within 60 s:\n${output()}`);
}

/** Runs `next start` and resolves with its exit code and output, for starts that must fail. */
export async function startAppExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const childEnv: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env };
  for (const name of ['CLERK_SECRET_KEY', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERKSHIP_LOCAL_MODE']) delete childEnv[name];
  const child = spawn(process.execPath, [path.join(appDir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    cwd: appDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}
