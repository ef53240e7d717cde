import { clerkClient } from '@clerk/nextjs/server';
import { createPostgresSignupStore } from '@clerkship/licensing/drizzle';
import { createSignupFlow, type SignupFlow } from '@clerkship/licensing/signup';
import { appOrigin } from './app-origin';
import { database } from './db';
import { licensing, type PlanKey } from './licensing';

/** What an account keeps without a paid subscription: everything but the action seats are sold for. */
export const freePolicy = {
  plan: 'Free',
  includes: 'Add, edit and complete tasks, and chat with your team.',
  excludes: '“Clear completed” needs a licensed seat of the team plan.',
} as const;

export type FreePolicy = typeof freePolicy;

/**
 * The hybrid sign-up of `@clerkship/licensing/signup` for this request: the new user picks a plan on
 * /plan, pays on Stripe's Checkout, and /welcome asks the flow (never the redirect) where it stands.
 * Made per request because Stripe's return URLs use the origin the browser came to (see `appOrigin`).
 */
export async function signup(): Promise<SignupFlow<PlanKey, FreePolicy>> {
  const [origin, ready, db] = await Promise.all([appOrigin(), licensing.ready(), database()]);
  return createSignupFlow({
    licensing: ready,
    clerk: clerkClient,
    store: createPostgresSignupStore(db),
    urls: { success: `${origin}/welcome?session_id={CHECKOUT_SESSION_ID}`, cancel: `${origin}/welcome` },
    freePolicy,
  });
}
