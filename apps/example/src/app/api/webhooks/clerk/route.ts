import type { LicensingClerkCallbacks } from '@clerkship/licensing';
import {
  identifyClerkOrganization,
  identifyClerkUser,
  serverlessPostHogOptions,
} from '@clerkship/posthog-identify/server';
import type { WebhooksHandler } from '@clerkship/webhooks-handler';
import { createClerkMirrorWebhooksHandler } from '@clerkship/webhooks-handler/drizzle';
import { PostHog } from 'posthog-node';
import { type Database, database } from '@/lib/db';
import { isBillingConfigured, licensing } from '@/lib/licensing';

/** PostHog from the server, when configured: person and group properties even for users who never load a page. */
async function withPostHog(describe: (posthog: PostHog) => Promise<void>): Promise<void> {
  const key = process.env.POSTHOG_KEY ?? process.env.NEXT_PUBLIC_POSTHOG_KEY;
  if (!key || !process.env.POSTHOG_HOST) return;
  const posthog = new PostHog(key, { host: process.env.POSTHOG_HOST, ...serverlessPostHogOptions });
  try {
    await describe(posthog);
  } finally {
    await posthog.shutdown();
  }
}

/**
 * Clerk webhooks (signing secret in CLERK_WEBHOOK_SIGNING_SECRET). Users, organizations and memberships
 * are mirrored into the database (the Team page reads them there) by the Postgres fast path (migration
 * `drizzle/0004_clerkship_webhooks_fast_path.sql`): a delivery only the mirror handles is one call to
 * its SQL function; one with a callback below runs in a transaction that also claims it, so a
 * redelivery changes nothing and a failed one is retried whole. New and updated users and organizations
 * are also described to PostHog. With billing configured, licensing gives a new organization its Stripe
 * customer, cancels a deleted one's subscription and frees the seat of a member who left.
 */
function createHandler(db: Database, billing: LicensingClerkCallbacks | null): WebhooksHandler {
  return createClerkMirrorWebhooksHandler(db, {
    onUserCreated: (user) => withPostHog((posthog) => identifyClerkUser(posthog, user)),
    onUserUpdated: (user) => withPostHog((posthog) => identifyClerkUser(posthog, user)),
    onOrganizationCreated: async (organization, context) => {
      await billing?.onOrganizationCreated(organization, context);
      await withPostHog((posthog) => identifyClerkOrganization(posthog, organization));
    },
    onOrganizationUpdated: (organization) =>
      withPostHog((posthog) => identifyClerkOrganization(posthog, organization)),
    ...(billing
      ? {
          onOrganizationDeleted: billing.onOrganizationDeleted,
          onOrganizationMembershipDeleted: billing.onOrganizationMembershipDeleted,
        }
      : {}),
  });
}

async function billingCallbacks(): Promise<LicensingClerkCallbacks | null> {
  return isBillingConfigured() ? (await licensing.ready()).clerkCallbacks : null;
}

let handler: Promise<WebhooksHandler> | undefined;

export async function POST(request: Request): Promise<Response> {
  handler ??= Promise.all([database(), billingCallbacks()])
    .then(([db, billing]) => createHandler(db, billing))
    .catch((error: unknown) => {
      handler = undefined;
      throw error;
    });
  return (await handler).POST(request);
}
