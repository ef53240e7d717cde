import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestKeys, createWebhookSecret } from '@clerkship/testing';

/**
 * Local mode's generated secrets, in the data folder (`CLERKSHIP_DATA_DIR`, default `.data`): the
 * session-token key pair, an Ably key and the Clerk and Stripe webhook signing secrets. Written by `prepareLocalMode()`
 * (the `dev` and `build` scripts run it); the app only reads them.
 */
export function dataDir(): string {
  return process.env.CLERKSHIP_DATA_DIR ?? path.join(process.cwd(), '.data');
}

export const localFiles = {
  keys: 'clerk-local-keys.json',
  ablyKey: 'ably-local-key',
  webhookSecret: 'clerk-webhook-secret',
  stripeWebhookSecret: 'stripe-webhook-secret',
} as const;

/** A local file's text, or `undefined` when it does not exist yet. */
export async function readLocalFile(name: string): Promise<string | undefined> {
  try {
    return await readFile(/*turbopackIgnore: true*/ path.join(dataDir(), name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a file unless it exists (concurrent first starts agree on one file), readable by its owner only. */
async function createOnce(name: string, create: () => string | Promise<string>): Promise<void> {
  await mkdir(dataDir(), { recursive: true });
  try {
    await writeFile(path.join(dataDir(), name), await create(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Creates whatever local mode's files are missing. */
export async function prepareLocalMode(): Promise<void> {
  await createOnce(localFiles.keys, async () => JSON.stringify(await createTestKeys(), null, 2));
  await createOnce(localFiles.ablyKey, () => {
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    return `clerkship.local:${secret}`;
  });
  await createOnce(localFiles.webhookSecret, createWebhookSecret);
  // The local Stripe fake signs its deliveries to /api/webhooks/stripe with this one.
  await createOnce(localFiles.stripeWebhookSecret, createWebhookSecret);
}
