import type { Requirement } from '@clerkship/internal';
import type Stripe from 'stripe';
import {
  type ClerkMirror,
  type ClerkMirrorOptions,
  type ClerkOrganizationsClient,
  createClerkMirror,
} from './clerk-mirror';
import { LicensingError } from './errors';
import { isLicensed, type LicensedSubject } from './is-licensed';
import type { License, SeatAssignment } from './license';
import type { AssignOutcome, LicensingStore, OverLimitStrategy } from './licensing-store';
import { memberInputSchema, type Plan, type Plans, parseInput } from './plans';
import { licenseGrantsSeats, resolveStatusPolicy, type StatusPolicy } from './status-policy';
import { stripeCall as callStripe } from './stripe-call';
import { licenseFromSubscriptions } from './subscription-license';

/** The parts of a `Stripe` client licensing calls. */
export type StripeClient = Pick<Stripe, 'customers' | 'subscriptions' | 'checkout' | 'billingPortal'>;

/** Options of `createLicensing`. */
export interface LicensingOptions<Key extends string> {
  /** The app's plans, from `definePlans`. */
  plans: Plans<Key>;
  /** Where state lives: `createPostgresLicensingStore(db)` from `@clerkship/licensing/drizzle`. */
  store: LicensingStore;
  /** The app's Stripe client (`new Stripe(key)`). */
  stripe: StripeClient;
  /**
   * The app's Clerk Backend API client, to mirror seats and license status into metadata for
   * `isLicensed` and `licensing.seat`. Without it, only `requireSeat({ fresh: true })` can tell.
   */
  clerk?: ClerkOrganizationsClient;
  /** How the Clerk mirror retries a 429. */
  clerkRetry?: ClerkMirrorOptions;
  /** Days `past_due` keeps seats licensed while Stripe retries the payment. Default 7. */
  pastDueGraceDays?: number;
  /** What happens to seats when the quantity drops below the seats assigned. Default `'revoke-newest'`. */
  overLimit?: OverLimitStrategy;
  /**
   * What `organization.deleted` does to the organization's live subscriptions: `'cancel'` them at once
   * (default; an organization that no longer exists should not be billed) or `'keep'` them (cancel by hand).
   */
  onOrganizationDeleted?: 'cancel' | 'keep';
  /** Where a page goes when a seat requirement denies, e.g. `/billing/no-seat`. Default: the guard's. */
  seatDeniedPage?: string;
  /** Where sync notes go (an event for an unknown customer). Default: `console`. */
  logger?: Pick<Console, 'warn'>;
}

/** What one sync did. */
export type SyncOutcome =
  | { outcome: 'written'; orgId: string; license: License; revoked: string[] }
  | { outcome: 'stale'; orgId: string; license: License; revoked: [] }
  | { outcome: 'unknown_customer'; customerId: string };

/** An organization's billing, for the Billing page. */
export interface BillingOverview {
  license: License | null;
  plan: Plan | null;
  seats: SeatAssignment[];
  /** Whether the license grants seats now (status policy). */
  active: boolean;
}

/** A Stripe-hosted page to send the admin to. */
export interface HostedSession {
  id: string;
  url: string;
}

/** The second argument of a webhook callback, as `@clerkship/webhooks-handler` passes it. */
interface CallbackContext {
  transaction?: unknown;
}

type CustomerRef = string | { id: string } | null | undefined;
type StripeCallback = (object: { customer?: CustomerRef }, context: CallbackContext) => Promise<void>;

/** The Stripe events that can change a license; each re-reads the customer's subscriptions. */
export const licensingStripeEvents = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.pending_update_applied',
  'customer.subscription.pending_update_expired',
  'checkout.session.completed',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

/** The callbacks to spread into `createStripeWebhooksHandler({ on })`. */
export type LicensingStripeCallbacks = Record<(typeof licensingStripeEvents)[number], StripeCallback>;

/** The callbacks to spread into `createWebhooksHandler({...})` (Clerk events). */
export interface LicensingClerkCallbacks {
  onOrganizationCreated: (
    organization: { id: string; name?: string },
    context: CallbackContext,
  ) => Promise<void>;
  onOrganizationDeleted: (deleted: { id?: string }, context: CallbackContext) => Promise<void>;
  onOrganizationMembershipDeleted: (
    membership: { organization: { id: string }; public_user_data: { user_id: string } },
    context: CallbackContext,
  ) => Promise<void>;
}

/** Licensing for one app: requirements, seats, billing and the webhook callbacks. */
export interface Licensing<Key extends string = string> {
  readonly plans: Plans<Key>;
  readonly policy: StatusPolicy;
  /** The Stripe client licensing was created with (the sign-up flow creates its Checkout Sessions with it). */
  readonly stripe: StripeClient;
  /** Requirement: a licensed seat, read from the session claims (zero database and Backend API calls). */
  readonly seat: Requirement;
  /**
   * A seat requirement. `{ fresh: true }` re-checks against the database (for mutating paths: a claim
   * can be 60 s stale); without it, the same as `licensing.seat`.
   */
  requireSeat(options?: { fresh?: boolean; deniedPage?: string }): Requirement;
  /** `isLicensed` (claims only). */
  isLicensed(subject: LicensedSubject): boolean;
  /**
   * The organization's Stripe customer, created once (idempotency key from the organization id, the
   * organization id in its metadata), and named after the organization when `name` is given.
   */
  ensureCustomer(orgId: string, options?: { name?: string }): Promise<string>;
  /** The one sync: re-reads the customer's subscriptions (one list call) and writes the license. */
  syncCustomer(customerId: string, options?: { transaction?: unknown }): Promise<SyncOutcome>;
  /** Assigns a seat (atomic, bounded by the purchased quantity) and mirrors it into Clerk. */
  assignSeat(orgId: string, input: unknown, options?: { assignedBy?: string }): Promise<AssignOutcome>;
  /** Revokes a seat and mirrors it; `false` when the member held none. */
  revokeSeat(orgId: string, input: unknown): Promise<boolean>;
  /** License, plan and assigned seats of an organization. */
  overview(orgId: string): Promise<BillingOverview>;
  /** A Checkout Session for a plan key and a quantity. */
  checkout(
    orgId: string,
    input: unknown,
    options: { successUrl: string; cancelUrl: string },
  ): Promise<HostedSession>;
  /** Changes the purchased quantity of the live subscription, then syncs. */
  changeSeats(orgId: string, input: unknown): Promise<License>;
  /** A Customer Portal session. */
  portal(orgId: string, options: { returnUrl: string }): Promise<HostedSession>;
  /** Writes the Clerk metadata the store still owes for an organization (done by every change). */
  flushMirror(orgId: string): Promise<void>;
  /** Spread into `createStripeWebhooksHandler({ on: { ...licensing.stripeCallbacks } })`. */
  readonly stripeCallbacks: LicensingStripeCallbacks;
  /** Spread into `createWebhooksHandler({ ...licensing.clerkCallbacks })`. */
  readonly clerkCallbacks: LicensingClerkCallbacks;
}

/** Statuses of a subscription that still exists: a new checkout would make a second one. */
export const liveStatuses: ReadonlySet<string> = new Set([
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'paused',
]);

function customerIdOf(customer: CustomerRef): string | null {
  if (typeof customer === 'string') return customer;
  return customer?.id ?? null;
}

function stripeCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  return callStripe(what, run, "Check the Stripe key and the plan's price; nothing was recorded.");
}

/** SHA-256 of a text, hex: Web Crypto, so it runs on Node and edge runtimes alike. */
async function digestOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Ten-minute windows: a double click reuses the Checkout Session, a later visit gets a new one. */
function window(now = Date.now()): number {
  return Math.floor(now / 600_000);
}

/**
 * Creates the app's licensing: per-seat plans sold through Stripe to Clerk Organizations, seats assigned
 * by admins and enforced by the database, and a license check from the session claims.
 *
 * @example
 * // lib/licensing.ts
 * export const licensing = createLicensing({
 *   plans,
 *   store: createPostgresLicensingStore(db),
 *   stripe: new Stripe(process.env.STRIPE_SECRET_KEY!),
 *   clerk: await clerkClient(),
 * });
 * // app/api/tasks/route.ts
 * export const POST = guard.route([licensing.requireSeat({ fresh: true }), access.permission('org:tasks:edit')], handler);
 *
 * @throws {LicensingError} `invalid_option` for a missing plans, store or Stripe client, or a bad option.
 */
export function createLicensing<Key extends string>(options: LicensingOptions<Key>): Licensing<Key> {
  const { plans, stripe } = options ?? ({} as LicensingOptions<Key>);
  if (typeof plans?.byPrice !== 'function') {
    throw new LicensingError('invalid_option', '`plans` is required. Pass what definePlans({...}) returns.');
  }
  if (typeof options.store?.assignSeat !== 'function') {
    throw new LicensingError(
      'invalid_option',
      '`store` is required. Pass createPostgresLicensingStore(db) from @clerkship/licensing/drizzle.',
    );
  }
  if (typeof stripe?.subscriptions?.list !== 'function') {
    throw new LicensingError(
      'invalid_option',
      "`stripe` is required. Pass the app's `new Stripe(secretKey)`.",
    );
  }
  const overLimit = options.overLimit ?? 'revoke-newest';
  if (overLimit !== 'revoke-newest' && overLimit !== 'keep-until-revoked') {
    throw new LicensingError(
      'invalid_option',
      `\`overLimit\` must be 'revoke-newest' or 'keep-until-revoked', got ${String(overLimit)}.`,
    );
  }
  const policy = resolveStatusPolicy(options.pastDueGraceDays);
  const rootStore = options.store;
  const mirror: ClerkMirror | null = options.clerk
    ? createClerkMirror(options.clerk, options.clerkRetry)
    : null;
  const logger = options.logger ?? console;

  const storeFor = (transaction: unknown) => (transaction ? rootStore.bind(transaction) : rootStore);

  function noSeat(orgId: string | null): LicensingError & { status: number } {
    return (
      orgId
        ? new LicensingError(
            'no_seat',
            'you hold no licensed seat in this organization. Ask an organization admin to assign you one (a new seat reaches your session within 60 s).',
          )
        : new LicensingError(
            'no_organization',
            'licensed seats belong to organizations, and no organization is active. Choose an organization first.',
          )
    ) as LicensingError & { status: number };
  }

  function requirement(fresh: boolean, deniedPage = options.seatDeniedPage): Requirement {
    const base = {
      name: fresh ? 'licensing:seat:fresh' : 'licensing:seat',
      ...(deniedPage ? { deniedPage } : {}),
    };
    if (!fresh) {
      return { ...base, check: (subject) => (isLicensed(subject.claims) ? null : noSeat(subject.orgId)) };
    }
    return {
      ...base,
      async check(subject) {
        if (!subject.orgId) return noSeat(null);
        return (await rootStore.holdsSeat(subject.orgId, subject.userId, policy))
          ? null
          : noSeat(subject.orgId);
      },
    };
  }

  async function flush(store: LicensingStore, orgId: string): Promise<string[]> {
    const gone: string[] = [];
    if (!mirror) return gone;
    const pending = await store.pendingMirror(orgId, policy);
    const done: { license?: number; seats: { userId: string; version: number }[] } = { seats: [] };
    try {
      if (pending.license) {
        await mirror.license(orgId, pending.license.claim);
        done.license = pending.license.version;
      }
      for (const seat of pending.seats) {
        try {
          await mirror.seat(orgId, seat.userId, seat.seat);
          done.seats.push(seat);
        } catch (error) {
          if (!LicensingError.isInstance(error) || error.code !== 'not_a_member') throw error;
          // No membership: no claim to write, and no seat to hold.
          if (seat.seat) await store.revokeSeat(orgId, seat.userId, { mirrored: true });
          else done.seats.push(seat);
          gone.push(seat.userId);
        }
      }
    } finally {
      await store.markMirrored(orgId, done);
    }
    return gone;
  }

  async function ensureCustomer(store: LicensingStore, orgId: string, name?: string): Promise<string> {
    const existing = await store.customerOf(orgId);
    if (existing) return existing;
    // Retries and concurrent first checkouts get the same customer back from Stripe: one key per
    // organization, always with the same parameters (Stripe refuses a key reused with others).
    const customer = await stripeCall('to create the customer', () =>
      stripe.customers.create(
        { metadata: { clerk_org_id: orgId } },
        { idempotencyKey: `clerkship-licensing:customer:${orgId}` },
      ),
    );
    const customerId = await store.saveCustomer(orgId, customer.id);
    if (name) {
      // A header carries only Latin-1 and Stripe keys hold 255 characters: the key names the name by its
      // digest, so "Nora’s Studio" or a 200-character name works too.
      const nameKey = await digestOf(name);
      await stripeCall('to name the customer after the organization', () =>
        stripe.customers.update(
          customerId,
          { name },
          { idempotencyKey: `clerkship-licensing:customer-name:${orgId}:${nameKey}` },
        ),
      );
    }
    return customerId;
  }

  async function syncCustomer(customerId: string, transaction?: unknown): Promise<SyncOutcome> {
    const store = storeFor(transaction);
    const orgId = await store.organizationOf(customerId);
    if (!orgId) {
      logger.warn(
        `@clerkship/licensing: no organization has the Stripe customer ${customerId}; the event grants nothing. Customers are linked on organization.created or at the first checkout.`,
      );
      return { outcome: 'unknown_customer', customerId };
    }
    // The version of this sync: taken before reading Stripe, from the database's clock.
    const syncedAt = await store.now();
    const { data } = await stripeCall("to list the customer's subscriptions", () =>
      stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 }),
    );
    const snapshot = licenseFromSubscriptions(data, plans);
    const result = await store.writeLicense(orgId, customerId, snapshot, syncedAt, overLimit);
    await flush(store, orgId);
    return result.written
      ? { outcome: 'written', orgId, license: result.license, revoked: result.revoked }
      : { outcome: 'stale', orgId, license: result.license, revoked: [] };
  }

  async function liveLicense(
    orgId: string,
  ): Promise<License & { subscriptionId: string; itemId: string; plan: Key }> {
    const license = await rootStore.license(orgId);
    if (!license?.subscriptionId || !license.itemId || !license.plan) {
      throw new LicensingError(
        'no_subscription',
        'the organization has no subscription yet. Buy seats through checkout first.',
      );
    }
    if (!licenseGrantsSeats(license, policy)) {
      throw new LicensingError(
        'license_inactive',
        `the subscription is ${license.status}. Settle it in the billing portal before changing seats.`,
      );
    }
    return license as License & { subscriptionId: string; itemId: string; plan: Key };
  }

  const sync: StripeCallback = async (object, { transaction }) => {
    const customerId = customerIdOf(object.customer);
    if (!customerId) return;
    await syncCustomer(customerId, transaction);
  };

  return {
    plans,
    policy,
    stripe,
    seat: requirement(false),
    requireSeat: (requirementOptions = {}) =>
      requirement(requirementOptions.fresh === true, requirementOptions.deniedPage ?? options.seatDeniedPage),
    isLicensed: (subject) => isLicensed(subject),
    ensureCustomer: (orgId, customerOptions = {}) => ensureCustomer(rootStore, orgId, customerOptions.name),
    syncCustomer: (customerId, syncOptions = {}) => syncCustomer(customerId, syncOptions.transaction),

    async assignSeat(orgId, input, assignOptions = {}) {
      const { userId } = parseInput(memberInputSchema, input, 'The member');
      const outcome = await rootStore.assignSeat(orgId, userId, assignOptions.assignedBy ?? null, policy);
      const gone = await flush(rootStore, orgId);
      if (gone.includes(userId)) {
        throw new LicensingError(
          'not_a_member',
          `${userId} is not a member of this organization, so no seat was assigned. Invite the user first.`,
        );
      }
      return outcome;
    },

    async revokeSeat(orgId, input) {
      const { userId } = parseInput(memberInputSchema, input, 'The member');
      const revoked = await rootStore.revokeSeat(orgId, userId);
      await flush(rootStore, orgId);
      return revoked;
    },

    async overview(orgId) {
      const [license, seats] = await Promise.all([rootStore.license(orgId), rootStore.seats(orgId)]);
      const plan =
        license?.plan && plans.keys.includes(license.plan as Key) ? plans.get(license.plan as Key) : null;
      return { license, plan, seats, active: licenseGrantsSeats(license, policy) };
    },

    async checkout(orgId, input, checkoutOptions) {
      const { plan: key, seats } = plans.parseCheckout(input);
      const license = await rootStore.license(orgId);
      if (license?.subscriptionId && liveStatuses.has(license.status)) {
        throw new LicensingError(
          'already_subscribed',
          `the organization already has a ${license.status} subscription. Change its seats, or open the billing portal.`,
        );
      }
      const plan = plans.get(key);
      const customer = await ensureCustomer(rootStore, orgId);
      const session = await stripeCall('to create the Checkout Session', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'subscription',
            customer,
            client_reference_id: orgId,
            line_items: [
              {
                price: plan.price,
                quantity: seats,
                adjustable_quantity: { enabled: true, minimum: plan.seats.min, maximum: plan.seats.max },
              },
            ],
            subscription_data: {
              metadata: { clerk_org_id: orgId, plan: key },
              ...(plan.trialDays ? { trial_period_days: plan.trialDays } : {}),
            },
            metadata: { clerk_org_id: orgId, plan: key },
            success_url: checkoutOptions.successUrl,
            cancel_url: checkoutOptions.cancelUrl,
          },
          { idempotencyKey: `clerkship-licensing:checkout:${orgId}:${key}:${seats}:${window()}` },
        ),
      );
      if (!session.url) {
        throw new LicensingError('stripe_failed', 'Stripe returned a Checkout Session without a URL. Retry.');
      }
      return { id: session.id, url: session.url };
    },

    async changeSeats(orgId, input) {
      const { seats } = parseInput(plans.schemas.seatChange, input, 'The seat change');
      const license = await liveLicense(orgId);
      plans.checkQuantity(license.plan, seats);
      if (seats < license.seatsUsed) {
        throw new LicensingError(
          'seats_in_use',
          `${license.seatsUsed} seats are assigned, more than ${seats}. Revoke ${license.seatsUsed - seats} seats first.`,
        );
      }
      if (seats !== license.seatLimit) {
        await stripeCall('to change the quantity', () =>
          stripe.subscriptions.update(
            license.subscriptionId,
            { items: [{ id: license.itemId, quantity: seats }], proration_behavior: 'create_prorations' },
            // Tied to the license version it changes: a repeated click is one change.
            {
              idempotencyKey: `clerkship-licensing:seats:${license.subscriptionId}:${seats}:${license.syncedAt.getTime()}`,
            },
          ),
        );
      }
      // The webhook follows; syncing now shows the new quantity at once.
      const result = await syncCustomer(license.customerId);
      return result.outcome === 'unknown_customer' ? license : result.license;
    },

    async portal(orgId, portalOptions) {
      const customer = await rootStore.customerOf(orgId);
      if (!customer) {
        throw new LicensingError(
          'no_subscription',
          'the organization has no Stripe customer yet. Buy seats through checkout first.',
        );
      }
      const session = await stripeCall('to create the portal session', () =>
        stripe.billingPortal.sessions.create(
          { customer, return_url: portalOptions.returnUrl },
          { idempotencyKey: `clerkship-licensing:portal:${orgId}:${Math.floor(Date.now() / 60_000)}` },
        ),
      );
      return { id: session.id, url: session.url };
    },

    flushMirror: async (orgId) => {
      await flush(rootStore, orgId);
    },

    stripeCallbacks: Object.fromEntries(
      licensingStripeEvents.map((type) => [type, sync]),
    ) as LicensingStripeCallbacks,

    clerkCallbacks: {
      async onOrganizationCreated(organization, { transaction }) {
        await ensureCustomer(storeFor(transaction), organization.id, organization.name);
      },
      async onOrganizationDeleted(deleted, { transaction }) {
        if (!deleted.id) return;
        const store = storeFor(transaction);
        const customerId = await store.customerOf(deleted.id);
        if (customerId && (options.onOrganizationDeleted ?? 'cancel') === 'cancel') {
          const { data } = await stripeCall("to list the deleted organization's subscriptions", () =>
            stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 }),
          );
          for (const subscription of data) {
            if (!liveStatuses.has(subscription.status) && subscription.status !== 'incomplete') continue;
            await stripeCall('to cancel the subscription', () =>
              stripe.subscriptions.cancel(
                subscription.id,
                {},
                {
                  idempotencyKey: `clerkship-licensing:cancel:${subscription.id}`,
                },
              ),
            );
          }
        }
        await store.organizationDeleted(deleted.id);
      },
      async onOrganizationMembershipDeleted(membership, { transaction }) {
        // The membership and its metadata are gone: free the seat, no Clerk write owed.
        await storeFor(transaction).revokeSeat(
          membership.organization.id,
          membership.public_user_data.user_id,
          {
            mirrored: true,
          },
        );
      },
    },
  };
}
