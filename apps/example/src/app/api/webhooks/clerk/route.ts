import { verifyWebhook } from '@clerk/nextjs/webhooks';
import {
  identifyClerkOrganization,
  identifyClerkUser,
  serverlessPostHogOptions,
} from '@clerkship/posthog-identify/server';
import type { NextRequest } from 'next/server';
import { PostHog } from 'posthog-node';

/**
 * Clerk webhooks (signing secret in CLERK_WEBHOOK_SIGNING_SECRET). New and updated users and
 * organizations are described to PostHog from the server, so person and group properties are there
 * even for users who never load a page with PostHog.
 */
export async function POST(request: NextRequest): Promise<Response> {
  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    event = await verifyWebhook(request);
  } catch {
    return Response.json(
      { error: 'invalid_webhook', message: 'Signature or headers did not verify.' },
      { status: 400 },
    );
  }
  const key = process.env.POSTHOG_KEY ?? process.env.NEXT_PUBLIC_POSTHOG_KEY;
  if (!key || !process.env.POSTHOG_HOST) return Response.json({ received: true, posthog: 'not configured' });

  const posthog = new PostHog(key, { host: process.env.POSTHOG_HOST, ...serverlessPostHogOptions });
  try {
    if (event.type === 'user.created' || event.type === 'user.updated')
      await identifyClerkUser(posthog, event.data);
    if (event.type === 'organization.created' || event.type === 'organization.updated') {
      await identifyClerkOrganization(posthog, event.data);
    }
  } finally {
    await posthog.shutdown();
  }
  return Response.json({ received: true });
}
