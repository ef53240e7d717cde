import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestKeys, createWebhookSecret, type TestKeys } from '@clerkship/testing';

/**
 * Local mode: the app runs with no Clerk account and no network. Session tokens are signed with a key
 * pair kept in the data folder, and Clerk verifies them networklessly through `jwtKey`. The publishable
 * key is a production-type key for a placeholder domain, so Clerk never starts a dev-browser handshake.
 */
const localFrontendApi = 'clerk.clerkship.test';
export const localIssuer = `https://${localFrontendApi}`;
export const localPublishableKey = `pk_live_${Buffer.from(`${localFrontendApi}$`).toString('base64')}`;
// A secret key is required by @clerk/nextjs to encrypt request data between proxy and pages; in local
// mode no Backend API call is ever made with it.
export const localSecretKey = 'sk_live_clerkship_local_mode_not_a_real_key';

export function dataDir(): string {
  return process.env.CLERKSHIP_DATA_DIR ?? path.join(process.cwd(), '.data');
}

export function isLocalMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CLERKSHIP_LOCAL_MODE_ACTIVE === '1';
}

/**
 * Local mode lets anyone sign in as anyone, so a production server refuses it unless a test harness
 * asks for it explicitly with `CLERKSHIP_LOCAL_MODE=1`.
 */
export function assertLocalModeAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production' && env.CLERKSHIP_LOCAL_MODE !== '1') {
    throw new Error(
      'example: no Clerk keys are configured and NODE_ENV is production, so local mode (sign in as any persona) is refused. ' +
        'Set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY, or run `next dev` for local mode.',
    );
  }
}

function keysFile(): string {
  return path.join(dataDir(), 'clerk-local-keys.json');
}

/** A file's text, written first by `create` if missing. Concurrent first starts agree on one file. */
async function readOrCreate(file: string, create: () => string | Promise<string>): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, await create(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFile(file, 'utf8');
}

/** The local signing keys, created on first use. */
export async function localKeys(): Promise<TestKeys> {
  return JSON.parse(
    await readOrCreate(keysFile(), async () => JSON.stringify(await createTestKeys(), null, 2)),
  ) as TestKeys;
}

/** `clerkship.local:<random secret>`, created on first use in the data folder. */
export async function localAblyKey(): Promise<string> {
  return readOrCreate(path.join(dataDir(), 'ably-local-key'), () => {
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    return `clerkship.local:${secret}`;
  });
}

/** A Svix-style signing secret for /api/webhooks/clerk, created on first use in the data folder. */
export async function localWebhookSecret(): Promise<string> {
  return readOrCreate(path.join(dataDir(), 'clerk-webhook-secret'), createWebhookSecret);
}

/**
 * Fills in Clerk's environment for local mode when no Clerk keys are configured. Called from
 * next.config.ts, before any Clerk module reads its environment.
 */
export async function configureLocalMode(phase: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) return;
  // A local Ably key, so /api/ably mints real (verifiable) tokens without an Ably account.
  env.ABLY_API_KEY ??= await localAblyKey();
  env.CLERKSHIP_LOCAL_MODE_ACTIVE = '1';
  env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = localPublishableKey;
  env.CLERK_SECRET_KEY = localSecretKey;
  if (phase === 'phase-production-build') return;
  assertLocalModeAllowed(env);
  env.CLERK_JWT_KEY = (await localKeys()).jwtKey;
  // So that `clerkship-webhooks trigger --secret "$(cat .data/clerk-webhook-secret)"` can reach the mirror.
  env.CLERK_WEBHOOK_SIGNING_SECRET ??= await localWebhookSecret();
}
