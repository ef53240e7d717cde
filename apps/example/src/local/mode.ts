import type { TestKeys } from '@clerkship/testing';
import { localFiles, readLocalFile } from './files';

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

async function required(name: string): Promise<string> {
  const text = await readLocalFile(name);
  if (text === undefined) {
    throw new Error(
      `example: local mode's ${name} is missing. Run the app with \`pnpm dev\` (or \`node src/local/setup.ts\` first), which creates it.`,
    );
  }
  return text;
}

/** The local signing keys. */
export async function localKeys(): Promise<TestKeys> {
  return JSON.parse(await required(localFiles.keys)) as TestKeys;
}

/**
 * Fills in Clerk's environment for local mode when no Clerk keys are configured. Called from
 * next.config.ts, before any Clerk module reads its environment; reads files, writes none.
 */
export async function configureLocalMode(phase: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) return;
  env.CLERKSHIP_LOCAL_MODE_ACTIVE = '1';
  env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = localPublishableKey;
  env.CLERK_SECRET_KEY = localSecretKey;
  // A local Ably key, so /api/ably mints real (verifiable) tokens without an Ably account. Present at
  // build time too, so the client-bundle test can prove it never reaches the browser.
  env.ABLY_API_KEY ??= (await readLocalFile(localFiles.ablyKey))?.trim();
  if (phase === 'phase-production-build') return;
  assertLocalModeAllowed(env);
  env.CLERK_JWT_KEY = (await localKeys()).jwtKey;
  // So that `clerkship-webhooks trigger --secret "$(cat .data/clerk-webhook-secret)"` can reach the mirror.
  env.CLERK_WEBHOOK_SIGNING_SECRET ??= (await readLocalFile(localFiles.webhookSecret))?.trim();
  // The secret the local Stripe fake signs with and /api/webhooks/stripe verifies (server only).
  env.STRIPE_WEBHOOK_SECRET ??= (await readLocalFile(localFiles.stripeWebhookSecret))?.trim();
}
