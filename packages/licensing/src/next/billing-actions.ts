import type { AuthLike, Requirement } from '@clerkship/internal';
import { createGuard } from '@clerkship/internal/next';
import { z } from 'zod';
import type { BillingOverview, HostedSession, Licensing } from '../create-licensing';
import { LicensingError } from '../errors';
import type { License } from '../license';
import type { AssignOutcome } from '../licensing-store';

/** Options of `createBillingActions`. */
export interface BillingActionsOptions {
  /** The app's licensing, from `createLicensing`. */
  licensing: Licensing;
  /**
   * Who may manage billing for the active organization, checked on the server before anything runs: a
   * permission key the active membership must hold (read from the session), or a requirement such as
   * `@clerkship/rbac`'s `access.permission('org:billing:manage')`.
   */
  manage: string | Requirement;
  /** Absolute URLs Stripe sends the admin back to. */
  urls: { success: string; cancel: string; portalReturn: string };
  /** Reads the session. Default: Clerk's `auth()`; pass another source in tests or other frameworks. */
  auth?: () => Promise<AuthLike>;
}

/**
 * The billing operations of the active organization, each checking on the server that the caller may
 * manage billing there. The organization always comes from the session, never from the client.
 */
export interface BillingActions {
  /** A Checkout Session for `{ plan, seats }`; send the admin to `url`. */
  checkout(input: unknown): Promise<HostedSession>;
  /** Changes the purchased quantity (`{ seats }`). */
  changeSeats(input: unknown): Promise<License>;
  /** A Customer Portal session; send the admin to `url`. */
  openPortal(): Promise<HostedSession>;
  /** Assigns a seat to a member (`{ userId }`). */
  assignSeat(input: unknown): Promise<AssignOutcome>;
  /** Revokes a member's seat (`{ userId }`). */
  revokeSeat(input: unknown): Promise<boolean>;
  /** License, plan and seats, for the Billing page. */
  overview(): Promise<BillingOverview>;
}

const absoluteUrl = z.url({ protocol: /^https?$/ });

function permissionRequirement(permission: string): Requirement {
  return {
    name: `licensing:manage:${permission}`,
    check: (subject) =>
      subject.holds(permission)
        ? null
        : (new LicensingError(
            'forbidden',
            `managing billing needs the permission "${permission}" in the active organization. Ask an organization admin.`,
          ) as LicensingError & { status: number }),
  };
}

/**
 * Server functions for the Billing page: checkout, seat changes, the billing portal, seat assignment.
 * Call them from server actions or route handlers; a refusal throws a `LicensingError` (or the guard's
 * `GuardError` when signed out) before anything changes, so they also work with `guard.safeAction`.
 *
 * @example
 * // lib/billing.ts
 * export const billing = createBillingActions({
 *   licensing,
 *   manage: access.permission('org:billing:manage'), // or the permission key itself
 *   urls: { success: `${origin}/billing?paid=1`, cancel: `${origin}/billing`, portalReturn: `${origin}/billing` },
 * });
 * // app/billing/actions.ts
 * 'use server';
 * export async function buySeats(formData: FormData) {
 *   const { url } = await billing.checkout(Object.fromEntries(formData));
 *   redirect(url);
 * }
 *
 * @throws {LicensingError} `invalid_option` for a missing licensing, `manage` or a relative URL.
 */
export function createBillingActions(options: BillingActionsOptions): BillingActions {
  const { licensing, manage, urls } = options ?? ({} as BillingActionsOptions);
  if (typeof licensing?.checkout !== 'function') {
    throw new LicensingError(
      'invalid_option',
      '`licensing` is required. Pass what createLicensing() returns.',
    );
  }
  if (
    !(typeof manage === 'string' && manage.length > 0) &&
    typeof (manage as Requirement)?.check !== 'function'
  ) {
    throw new LicensingError(
      'invalid_option',
      "`manage` is required: a permission key such as 'org:billing:manage', or a requirement such as access.permission('org:billing:manage').",
    );
  }
  for (const [name, url] of Object.entries(urls ?? {})) {
    if (!absoluteUrl.safeParse(url).success) {
      throw new LicensingError(
        'invalid_option',
        `\`urls.${name}\` must be an absolute http(s) URL (Stripe redirects there), got ${String(url)}.`,
      );
    }
  }
  if (!urls?.success || !urls.cancel || !urls.portalReturn) {
    throw new LicensingError('invalid_option', '`urls` needs `success`, `cancel` and `portalReturn`.');
  }
  const requirement = typeof manage === 'string' ? permissionRequirement(manage) : manage;
  const guard = options.auth ? createGuard({ auth: options.auth }) : createGuard();

  async function organization(): Promise<{ orgId: string; userId: string }> {
    const session = await guard.action(requirement);
    if (!session.orgId) {
      throw new LicensingError(
        'no_organization',
        'billing belongs to an organization, and no organization is active. Choose an organization first.',
      );
    }
    return { orgId: session.orgId, userId: session.userId };
  }

  return {
    async checkout(input) {
      const { orgId } = await organization();
      return licensing.checkout(orgId, input, { successUrl: urls.success, cancelUrl: urls.cancel });
    },
    async changeSeats(input) {
      const { orgId } = await organization();
      return licensing.changeSeats(orgId, input);
    },
    async openPortal() {
      const { orgId } = await organization();
      return licensing.portal(orgId, { returnUrl: urls.portalReturn });
    },
    async assignSeat(input) {
      const { orgId, userId } = await organization();
      return licensing.assignSeat(orgId, input, { assignedBy: userId });
    },
    async revokeSeat(input) {
      const { orgId } = await organization();
      return licensing.revokeSeat(orgId, input);
    },
    async overview() {
      const { orgId } = await organization();
      return licensing.overview(orgId);
    },
  };
}
