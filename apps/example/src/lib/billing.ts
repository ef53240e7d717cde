import { type BillingActions, createBillingActions } from '@clerkship/licensing/next';
import { access } from './access';
import { appOrigin } from './app-origin';
import { licensing } from './licensing';

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
