import { type BillingActions, createBillingActions } from '@clerkship/licensing/next';
import { headers } from 'next/headers';
import { access } from './access';
import { licensing } from './licensing';

/**
 * Where Stripe sends the manager back: `APP_URL` when set (connected mode, behind a proxy), else the
 * origin this request came to (local mode: the address the browser uses, so the session cookie is there).
 */
async function appOrigin(): Promise<string> {
  if (process.env.APP_URL) return new URL(process.env.APP_URL).origin;
  const requestHeaders = await headers();
  const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host') ?? '127.0.0.1:3000';
  const protocol = requestHeaders.get('x-forwarded-proto') ?? 'http';
  return `${protocol}://${host}`;
}

/**
 * The Billing page's operations for the active organization (`@clerkship/licensing/next`). Each checks
 * on the server that the caller holds `org:billing:manage`; the organization comes from the session.
 */
export async function billing(): Promise<BillingActions> {
  const origin = await appOrigin();
  return createBillingActions({
    licensing: await licensing.ready(),
    manage: access.permission('org:billing:manage'),
    urls: {
      success: `${origin}/billing?paid=1`,
      cancel: `${origin}/billing`,
      portalReturn: `${origin}/billing`,
    },
  });
}
