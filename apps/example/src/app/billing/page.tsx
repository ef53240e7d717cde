import { access } from '@/lib/access';
import { billing } from '@/lib/billing';
import { guard } from '@/lib/guard';
import { isBillingConfigured, licensing } from '@/lib/licensing';
import { listTeam } from '@/lib/team';
import { waitlist } from '@/lib/waitlist';
import { BuySeatsForm, ManageBillingForm, SeatButton } from './billing-forms';

// Statuses of a subscription that is still there (a new checkout is refused while one is).
const liveStatuses = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused']);

const planLabels: Record<string, string> = { team: 'Team (per seat, monthly)' };

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await guard.page(waitlist.approved);
  if (!session.orgId) {
    return (
      <section className="card" data-testid="billing-personal">
        <h1>Billing</h1>
        <p>Seats are bought by organizations. Switch to an organization to see its plan.</p>
      </section>
    );
  }
  if (!isBillingConfigured()) {
    return (
      <section className="card" data-testid="billing-unconfigured">
        <h1>Billing</h1>
        <p>
          Billing is not configured: set STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PRICE_TEAM (see
          the README).
        </p>
      </section>
    );
  }

  const manager = access.can(session, 'org:billing:manage');
  const ready = await licensing.ready();
  // Managers read through the billing actions (which check the permission again); members see the
  // same plan and their own seat, read only.
  const overview = manager ? await (await billing()).overview() : await ready.overview(session.orgId);
  const { license, plan, active } = overview;
  const seatHolders = new Set(overview.seats.map((seat) => seat.userId));
  const subscribed = Boolean(license?.subscriptionId && liveStatuses.has(license.status));
  const paid = (await searchParams).paid === '1';

  return (
    <>
      <section className="card" data-testid="billing">
        <h1>Billing</h1>
        <dl>
          <dt>Plan</dt>
          <dd data-testid="plan">{plan ? (planLabels[plan.key] ?? plan.key) : 'No plan'}</dd>
          <dt>Status</dt>
          <dd data-testid="status" data-status={license?.status ?? 'none'}>
            {license?.status ?? 'none'}
            {license?.cancelAtPeriodEnd ? ' (cancels at the end of the period)' : ''}
            {license && !active && license.status !== 'none' ? ': seats grant nothing now' : ''}
          </dd>
          <dt>Seats</dt>
          <dd data-testid="seats">
            {license?.seatsUsed ?? 0} of {license?.seatLimit ?? 0} used
          </dd>
          <dt>Your seat</dt>
          <dd data-testid="my-seat">
            {seatHolders.has(session.userId)
              ? active
                ? 'You hold a licensed seat.'
                : 'You hold a seat, but the subscription grants none now.'
              : 'You hold no seat.'}
          </dd>
          <dt>Your session token</dt>
          {/* What `licensing.seat` answers from the claims alone (up to 60 s behind the database). */}
          <dd data-testid="claim-seat">{ready.isLicensed(session.auth) ? 'licensed' : 'not licensed'}</dd>
        </dl>
        {paid && !subscribed ? (
          // Never trust the redirect: the license appears when Stripe's webhook has been processed.
          <p data-testid="awaiting-webhook">
            Payment received. Waiting for Stripe to confirm the subscription…
          </p>
        ) : null}
      </section>

      {manager ? (
        <>
          <section className="card tasks">
            <h2>Seats</h2>
            {subscribed ? null : (
              <p data-testid="seats-hint">Buy seats below, then assign them to members here.</p>
            )}
            <ul data-testid="members">
              {(await listTeam(session.orgId)).members.map((member) => (
                <li
                  key={member.userId}
                  data-testid="member"
                  data-user-id={member.userId}
                  data-seat={seatHolders.has(member.userId) ? 'held' : 'none'}
                >
                  <span>
                    {[member.firstName, member.lastName].filter(Boolean).join(' ') || member.userId} (
                    {member.role}){seatHolders.has(member.userId) ? ' · seat' : ''}
                  </span>
                  {/* Without a live subscription there is nothing to assign (the action would refuse
                      with no_subscription); a held seat can always be revoked. */}
                  {subscribed || seatHolders.has(member.userId) ? (
                    <SeatButton userId={member.userId} held={seatHolders.has(member.userId)} />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            {subscribed ? (
              <>
                <h2>Subscription</h2>
                <p>Change the number of seats, the card, or cancel in Stripe&apos;s billing portal.</p>
                <ManageBillingForm />
              </>
            ) : (
              <>
                <h2>Buy seats</h2>
                <BuySeatsForm
                  plans={ready.plans.keys.map((key) => {
                    const { seats } = ready.plans.get(key);
                    return { key, label: planLabels[key] ?? key, min: seats.min, max: seats.max };
                  })}
                />
              </>
            )}
          </section>
        </>
      ) : (
        <section className="card" data-testid="read-only-billing">
          <p>
            Only organization managers (permission <code>org:billing:manage</code>) buy seats and assign them.
            Ask a manager if you need a seat.
          </p>
        </section>
      )}
    </>
  );
}
