import {
  type AccessSubject,
  type ClientSource,
  clientOf,
  type RetryOptions,
  resolveSubject,
} from '@clerkship/internal';
import type Stripe from 'stripe';
import { z } from 'zod';
import { type BillingOverview, type Licensing, liveStatuses } from '../create-licensing';
import { LicensingError } from '../errors';
import type { License } from '../license';
import type { AssignOutcome } from '../licensing-store';
import { stripeCall as callStripe } from '../stripe-call';
import { parseSignup, type SignupInput, signupSchema } from './signup-input';
import { type ClerkSignupClient, createSignupOrganizations } from './signup-organization';
import type { SignupRecord, SignupStore } from './signup-store';

/** Options of `createSignupFlow`. */
export interface SignupFlowOptions<Key extends string, Free> {
  /** The app's licensing, from `createLicensing` (its plans, Stripe client and store). */
  licensing: Licensing<Key>;
  /** The app's Clerk Backend API client: `clerkClient` from `@clerk/nextjs/server` (the function or its result). */
  clerk: ClientSource<ClerkSignupClient>;
  /** Where sign-ups in progress live: `createPostgresSignupStore(db)` from `@clerkship/licensing/drizzle`. */
  store: SignupStore;
  /**
   * Absolute URLs Stripe sends the new user back to. `success` is the page that calls `status()` (it may
   * hold `{CHECKOUT_SESSION_ID}`, which Stripe fills in); `cancel` is where leaving Checkout lands.
   */
  urls: { success: string; cancel: string };
  /**
   * What an account without a paid subscription may do, as the app declares it (e.g. `{ plan: 'free',
   * tasks: 10 }`). `status()` returns it with `abandoned` and `failed`, so the page can say what the user
   * keeps. The organization stays either way, with the user as its admin. Default `null`.
   */
  freePolicy?: Free;
  /**
   * How long `status()` waits for the webhook's sync once Checkout is complete, and how often it reads
   * the store meanwhile. Default `{ timeoutMs: 5000, intervalMs: 250 }`.
   */
  wait?: { timeoutMs?: number; intervalMs?: number };
  /** The refresh a "still processing" page should use, in seconds. Default 3. */
  retryAfterSeconds?: number;
  /** The name of the organization a one-seat plan creates when the form sends none. Default `'Personal'`. */
  personalOrganizationName?: string;
  /**
   * How long one request may act for a user before another may take over (a crashed request), and how
   * long a concurrent request waits for it. Default `{ leaseMs: 30000, waitMs: 10000 }`.
   */
  concurrency?: { leaseMs?: number; waitMs?: number };
  /** How Backend API calls retry a 429. */
  clerkRetry?: RetryOptions;
}

/** What `start()` returns: where to send the user. */
export interface SignupStart {
  /**
   * `checkout`: send the user to `url`, Stripe's hosted Checkout. `subscribed`: Checkout was already
   * completed (a reload, the back button); `url` is the success page.
   */
  state: 'checkout' | 'subscribed';
  url: string;
  checkoutSessionId: string;
  /** The organization the sign-up created; the client makes it active with `setActive({ organization })`. */
  organizationId: string;
}

/** What `status()` answers. */
export type SignupStatus<Free = null> =
  | {
      /** The license is written and grants seats; the signing-up user holds one. */
      state: 'ready';
      organizationId: string;
      license: License;
      /** Seats in use and purchased, after the user's own seat: `1 of 3`. */
      seats: { used: number; limit: number };
      /**
       * The user's seat: assigned now, already held, or none left (`seat_limit_reached`; a later
       * `status()` tries again). The sign-up gives the seat once: after an admin revokes it, `revoked`.
       */
      seat: AssignOutcome | 'none_left' | 'revoked';
    }
  | {
      /** Checkout is complete and Stripe's webhook has not synced yet: show a page that refreshes itself. */
      state: 'processing';
      organizationId: string;
      retryAfterSeconds: number;
    }
  | {
      /** No Checkout was completed (left, cancelled, expired, declined): nothing charged, free policy. */
      state: 'abandoned';
      organizationId: string;
      /** The open Checkout to go back to, or `null` (expired: `start()` makes a new one). */
      resumeUrl: string | null;
      free: Free;
    }
  | {
      /** Checkout completed, but the subscription grants nothing (canceled, unpaid…): free policy. */
      state: 'failed';
      organizationId: string;
      reason: License['status'];
      free: Free;
    };

/** A Checkout Session id as Stripe makes them (`cs_test_…`, `cs_live_…`). */
const checkoutSessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/);

/** The hybrid sign-up flow: `start` after Clerk's sign-up, `status` on the page Stripe returns to. */
export interface SignupFlow<Key extends string = string, Free = null> {
  /** The zod schema of the sign-up form (`{ plan, seats, organizationName }`), for forms and clients. */
  readonly schema: z.ZodType<SignupInput<Key>, unknown>;
  /**
   * Creates the organization (once), its Stripe customer (once) and a Checkout Session, and returns
   * where to send the user. Idempotent per user: a double submit, a reload or the back button makes one
   * organization, one customer and one subscription.
   *
   * @throws {LicensingError} `signed_out` (401); `invalid_input` / `quantity_out_of_range` (422) with
   * nothing changed; `signup_in_progress` (409); `clerk_failed` / `stripe_failed` (502); `store_failed` (503).
   */
  start(session: AccessSubject | unknown, input: unknown): Promise<SignupStart>;
  /**
   * Where the sign-up stands, read from the licensing store (never from the redirect): waits up to
   * `wait.timeoutMs` for the webhook's sync once Checkout is complete, and assigns the user a seat when
   * the license is ready.
   *
   * @throws {LicensingError} `signed_out` (401); `signup_not_found` (404); `invalid_input` (422) for a
   * Checkout Session of another user.
   */
  status(
    session: AccessSubject | unknown,
    options?: { checkoutSessionId?: string | null },
  ): Promise<SignupStatus<Free>>;
}

const absoluteUrl = z.url({ protocol: /^https?$/ });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (typeof value === 'string') return value;
  return value?.id ?? null;
}

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new LicensingError('invalid_option', `\`${name}\` must be a number ≥ 0, got ${String(value)}.`);
  }
  return value;
}

function stripeCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  return callStripe(what, run, 'Nothing was charged; submitting again continues the sign-up.');
}

/**
 * The hybrid sign-up: after Clerk's sign-up (`<SignUp>` or a `useSignUp()` form) the new user picks a
 * plan, and the server creates the organization (the user its admin), the Stripe customer and a
 * Checkout Session (card collected by Stripe, trial from the plan). The page Stripe returns to asks
 * `status()`, which waits a bounded time for the webhook's sync and then assigns the user a seat.
 * Server-only and framework-agnostic: pass the caller's verified session (`await auth()`).
 *
 * @example
 * // lib/signup.ts
 * export const signup = createSignupFlow({
 *   licensing,
 *   clerk: clerkClient,
 *   store: createPostgresSignupStore(db),
 *   urls: { success: `${origin}/welcome?session_id={CHECKOUT_SESSION_ID}`, cancel: `${origin}/welcome` },
 *   freePolicy: { plan: 'free', tasks: 10 },
 * });
 * // app/plan/actions.ts
 * 'use server';
 * export async function choosePlan(formData: FormData) {
 *   const { url } = await signup.start(await auth(), Object.fromEntries(formData));
 *   redirect(url);
 * }
 *
 * @throws {LicensingError} `invalid_option` for a missing licensing, clerk or store, or a relative URL.
 */
export function createSignupFlow<Key extends string, Free = null>(
  options: SignupFlowOptions<Key, Free>,
): SignupFlow<Key, Free> {
  const { licensing, store, urls } = options ?? ({} as SignupFlowOptions<Key, Free>);
  if (
    typeof licensing?.ensureCustomer !== 'function' ||
    typeof licensing.stripe?.checkout?.sessions?.create !== 'function'
  ) {
    throw new LicensingError(
      'invalid_option',
      '`licensing` is required. Pass what createLicensing() returns.',
    );
  }
  if (!options.clerk) {
    throw new LicensingError(
      'invalid_option',
      '`clerk` is required. Pass `clerkClient` from @clerk/nextjs/server or `createClerkClient({ secretKey })` from @clerk/backend.',
    );
  }
  if (typeof store?.acquire !== 'function') {
    throw new LicensingError(
      'invalid_option',
      '`store` is required. Pass createPostgresSignupStore(db) from @clerkship/licensing/drizzle.',
    );
  }
  for (const name of ['success', 'cancel'] as const) {
    // `{CHECKOUT_SESSION_ID}` is Stripe's placeholder, not a URL character.
    const url = urls?.[name]?.replaceAll('{CHECKOUT_SESSION_ID}', 'cs');
    if (!absoluteUrl.safeParse(url).success) {
      throw new LicensingError(
        'invalid_option',
        `\`urls.${name}\` must be an absolute http(s) URL (Stripe redirects there), got ${String(urls?.[name])}.`,
      );
    }
  }
  const { plans, stripe } = licensing;
  const free = (options.freePolicy ?? null) as Free;
  const timeoutMs = positive(options.wait?.timeoutMs, 'wait.timeoutMs', 5000);
  const intervalMs = Math.max(10, positive(options.wait?.intervalMs, 'wait.intervalMs', 250));
  const retryAfterSeconds = positive(options.retryAfterSeconds, 'retryAfterSeconds', 3);
  const leaseMs = positive(options.concurrency?.leaseMs, 'concurrency.leaseMs', 30_000);
  const leaseWaitMs = positive(options.concurrency?.waitMs, 'concurrency.waitMs', 10_000);
  const personalName = options.personalOrganizationName ?? 'Personal';
  const schema = signupSchema(plans);
  const clerkSource = options.clerk;
  const organizations = createSignupOrganizations(() => clientOf(clerkSource), options.clerkRetry ?? {});

  function signedIn(session: unknown): string {
    const subject = resolveSubject(session);
    if (!subject) {
      throw new LicensingError(
        'signed_out',
        'the sign-up needs a signed-in, active session. Finish Clerk’s sign-up first (a pending session counts as signed out), then pass `await auth()`.',
      );
    }
    return subject.userId;
  }

  const successUrl = (sessionId: string) => urls.success.replaceAll('{CHECKOUT_SESSION_ID}', sessionId);

  /** One request at a time acts for a user: the others wait for its lease, bounded. */
  async function acquire(userId: string, token: string): Promise<SignupRecord> {
    const deadline = Date.now() + leaseWaitMs;
    for (;;) {
      const record = await store.acquire(userId, token, leaseMs);
      if (record) return record;
      if (Date.now() >= deadline) {
        throw new LicensingError(
          'signup_in_progress',
          'another request is starting this sign-up. Nothing changed; submit again in a few seconds.',
        );
      }
      await sleep(Math.min(100, intervalMs));
    }
  }

  /** The sign-up's organization: recorded, or found in Clerk (a crashed request made it), or created. */
  async function organizationOf(
    record: SignupRecord,
    name: string,
  ): Promise<{ orgId: string; name: string }> {
    if (record.orgId) return { orgId: record.orgId, name: record.organizationName ?? name };
    const orgId =
      (await organizations.find(record.userId)) ?? (await organizations.create(record.userId, name));
    const recorded = await store.recordOrganization(record.userId, orgId, name);
    // Only after a lease ran out can two requests both create one; the first recorded wins.
    if (recorded !== orgId) await organizations.remove(orgId);
    return { orgId: recorded, name };
  }

  async function retrieveCheckout(sessionId: string): Promise<Stripe.Checkout.Session> {
    return stripeCall('to read the Checkout Session', () => stripe.checkout.sessions.retrieve(sessionId));
  }

  return {
    schema,

    async start(session, input) {
      const userId = signedIn(session);
      const { plan, seats, organizationName } = parseSignup(plans, schema, input, personalName);
      const token = crypto.randomUUID();
      const record = await acquire(userId, token);
      try {
        if (record.seatGrantedAt) {
          // Done: from here the organization's billing belongs to its admins (the billing functions).
          throw new LicensingError(
            'signup_completed',
            'this sign-up is complete and the user holds their seat. Change the plan or the seats on the billing page.',
          );
        }
        const { orgId, name } = await organizationOf(record, organizationName);
        const customer = await licensing.ensureCustomer(orgId, { name });
        const { license } = await licensing.overview(orgId);

        let previous: Stripe.Checkout.Session | null = null;
        if (record.checkoutSessionId) previous = await retrieveCheckout(record.checkoutSessionId);
        if (
          previous?.status === 'complete' ||
          (license?.subscriptionId && liveStatuses.has(license.status))
        ) {
          const sessionId = previous?.id ?? record.checkoutSessionId ?? '';
          return {
            state: 'subscribed',
            url: successUrl(sessionId),
            checkoutSessionId: sessionId,
            organizationId: orgId,
          };
        }
        const open =
          previous?.status === 'open' && previous.url ? { id: previous.id, url: previous.url } : null;
        if (open) {
          if (record.plan === plan.key && record.seats === seats) {
            return { state: 'checkout', url: open.url, checkoutSessionId: open.id, organizationId: orgId };
          }
          // The user went back and chose another plan: only the newest Checkout can be paid.
          await stripeCall('to expire the previous Checkout Session', () =>
            stripe.checkout.sessions.expire(open.id),
          );
        }

        const attempt = record.attempt + 1;
        const metadata = { clerk_org_id: orgId, clerk_user_id: userId, plan: plan.key };
        const created = await stripeCall('to create the Checkout Session', () =>
          stripe.checkout.sessions.create(
            {
              mode: 'subscription',
              customer,
              client_reference_id: orgId,
              line_items: [{ price: plan.price, quantity: seats }],
              // The card is collected by Stripe even during a trial, so the first charge needs no form.
              payment_method_collection: 'always',
              subscription_data: {
                metadata,
                ...(plan.trialDays ? { trial_period_days: plan.trialDays } : {}),
              },
              metadata,
              success_url: urls.success,
              cancel_url: urls.cancel,
            },
            // Same user, attempt and choice: Stripe answers a retried request with the same session.
            { idempotencyKey: `clerkship-licensing:signup:${userId}:${attempt}:${plan.key}:${seats}` },
          ),
        );
        if (!created.url) {
          throw new LicensingError(
            'stripe_failed',
            'Stripe returned a Checkout Session without a URL. Retry.',
          );
        }
        await store.recordCheckout(userId, { sessionId: created.id, plan: plan.key, seats, attempt });
        return { state: 'checkout', url: created.url, checkoutSessionId: created.id, organizationId: orgId };
      } finally {
        await store.release(userId, token);
      }
    },

    async status(session, statusOptions = {}) {
      const userId = signedIn(session);
      const record = await store.get(userId);
      if (!record?.orgId) {
        throw new LicensingError(
          'signup_not_found',
          `${userId} has no sign-up in progress. Send the user to the plan page, which calls start().`,
        );
      }
      const orgId = record.orgId;
      const hinted = statusOptions.checkoutSessionId;
      if (hinted && !checkoutSessionIdSchema.safeParse(hinted).success) {
        // It comes from the URL: what is not a Checkout Session id never reaches Stripe.
        throw new LicensingError(
          'invalid_input',
          'the `session_id` in the URL is not a Checkout Session id. Open the page from the link Stripe returned to.',
        );
      }
      if (hinted && hinted !== record.checkoutSessionId) {
        // A stale or forged `session_id` in the URL: it must at least be one of this user's sessions.
        const other = await stripeCall('to read the Checkout Session', () =>
          stripe.checkout.sessions.retrieve(hinted),
        ).catch((error: LicensingError) => {
          // Stripe answers an id it does not know with 404 (400 for a malformed one): not this user's.
          const status = (error.cause as { statusCode?: unknown } | undefined)?.statusCode;
          if (status === 404 || status === 400) return null;
          throw error;
        });
        if (other?.metadata?.clerk_user_id !== userId) {
          throw new LicensingError(
            'invalid_input',
            'that Checkout Session does not belong to this sign-up. Open the page from the link Stripe returned to.',
          );
        }
      }

      const ready = async (license: License): Promise<SignupStatus<Free>> => {
        let seat: AssignOutcome | 'none_left' | 'revoked';
        let overview: BillingOverview | null = null;
        if (record.seatGrantedAt) {
          // The seat is given once: a seat an admin revoked since is not handed back by a reload.
          overview = await licensing.overview(orgId);
          seat = overview.seats.some((held) => held.userId === userId) ? 'already_assigned' : 'revoked';
        } else {
          try {
            seat = await licensing.assignSeat(orgId, { userId }, { assignedBy: userId });
            await store.recordSeatGranted(userId);
          } catch (error) {
            if (!LicensingError.isInstance(error) || error.code !== 'seat_limit_reached') throw error;
            seat = 'none_left';
          }
        }
        overview ??= await licensing.overview(orgId);
        const after = overview.license ?? license;
        return {
          state: 'ready',
          organizationId: orgId,
          license: after,
          seats: { used: after.seatsUsed, limit: after.seatLimit },
          seat,
        };
      };

      const first = await licensing.overview(orgId);
      if (first.active && first.license) return ready(first.license);
      const checkout = record.checkoutSessionId ? await retrieveCheckout(record.checkoutSessionId) : null;
      if (checkout?.status !== 'complete') {
        return {
          state: 'abandoned',
          organizationId: orgId,
          resumeUrl: checkout?.status === 'open' ? checkout.url : null,
          free,
        };
      }

      // Paid (or trial started): the license comes from the webhook's sync. Wait for it, bounded.
      const subscriptionId = idOf(checkout.subscription);
      const deadline = Date.now() + timeoutMs;
      for (let overview = first; ; overview = await licensing.overview(orgId)) {
        const { license } = overview;
        if (license && overview.active) return ready(license);
        if (license && license.subscriptionId === subscriptionId && license.status !== 'incomplete') {
          return { state: 'failed', organizationId: orgId, reason: license.status, free };
        }
        if (Date.now() >= deadline) return { state: 'processing', organizationId: orgId, retryAfterSeconds };
        await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
      }
    },
  };
}
