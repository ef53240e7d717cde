import { LicensingError } from '@clerkship/licensing';
import type { SignupStatus } from '@clerkship/licensing/signup';
import Link from 'next/link';
import { guard } from '@/lib/guard';
import { isLocalMode } from '@/lib/mode';
import { type FreePolicy, signup } from '@/lib/signup';
import { waitlist } from '@/lib/waitlist';
import { ActivateOrganization } from './activate-organization';

/** What the account keeps without a subscription, and the way back to the plan. */
function FreePlan({ free, resumeUrl, why }: { free: FreePolicy; resumeUrl: string | null; why: string }) {
  return (
    <section className="card" data-testid="free-plan">
      <h1>Welcome</h1>
      <p>{why} Nothing was charged.</p>
      <dl>
        <dt>Your plan</dt>
        <dd data-testid="free-plan-name">{free.plan}</dd>
        <dt>Included</dt>
        <dd>{free.includes}</dd>
        <dt>Not included</dt>
        <dd>{free.excludes}</dd>
      </dl>
      {/* An open Checkout goes back to Stripe; an expired one makes a new one from the plan page. */}
      <a href={resumeUrl ?? '/plan'} data-testid="resume">
        Resume your subscription
      </a>
    </section>
  );
}

/**
 * The page Stripe returns to, after paying or leaving Checkout. It asks the sign-up flow where things
 * stand, read from the licensing store that only Stripe's webhook writes: the redirect proves nothing.
 */
export default async function WelcomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await guard.page(waitlist.approved);
  const sessionId = (await searchParams).session_id;
  let status: SignupStatus<FreePolicy>;
  try {
    status = await (await signup()).status(session, {
      checkoutSessionId: typeof sessionId === 'string' ? sessionId : null,
    });
  } catch (error) {
    // No sign-up for this user, or a `session_id` that is not theirs: said on the page, not a 500.
    if (!LicensingError.isInstance(error) || (error.status ?? 500) >= 500) throw error;
    return (
      <section className="card">
        <h1>Welcome</h1>
        <p className="refusal" role="alert" data-testid="refusal" data-code={error.code}>
          {error.message.replace(/^@clerkship\/[a-z-]+: /, '')}
        </p>
        <Link href="/plan">Choose a plan</Link>
      </section>
    );
  }

  if (status.state === 'processing') {
    // Checkout is complete and the webhook has not synced yet: the page asks again by itself, and each
    // visit waits again, bounded.
    return (
      <section className="card" data-testid="processing">
        <meta httpEquiv="refresh" content={String(status.retryAfterSeconds)} />
        <h1>Welcome</h1>
        <p>Payment received. Setting up your subscription…</p>
      </section>
    );
  }
  if (status.state === 'ready') {
    const activateLocally = isLocalMode()
      ? (await import('@/local/session')).activateLocalOrganization
      : undefined;
    return (
      <section className="card" data-testid="ready">
        <h1>Welcome</h1>
        <p>
          {status.seats.used} of {status.seats.limit} seats used.
        </p>
        {/* The sign-up gives the seat once; after that, seats are the managers' (Billing page). */}
        {status.seat === 'none_left' ? (
          <p data-testid="seat-none-left">
            All seats are assigned: a manager can free one on the Billing page.
          </p>
        ) : null}
        {status.seat === 'revoked' ? (
          <p data-testid="seat-revoked">A manager has revoked your seat since you signed up.</p>
        ) : null}
        <ActivateOrganization
          organizationId={status.organizationId}
          {...(activateLocally ? { activateLocally } : {})}
        />
      </section>
    );
  }
  if (status.state === 'abandoned') {
    return (
      <FreePlan free={status.free} resumeUrl={status.resumeUrl} why="You left Checkout before paying." />
    );
  }
  return (
    <FreePlan
      free={status.free}
      resumeUrl={null}
      why={`The subscription grants nothing now (${status.reason}).`}
    />
  );
}
