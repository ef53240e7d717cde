import { guard } from '@/lib/guard';
import { isBillingConfigured, licensing } from '@/lib/licensing';
import { waitlist } from '@/lib/waitlist';
import { PlanForm } from './plan-form';

const planLabels: Record<string, string> = { team: 'Team (per seat, monthly)' };

/** After sign-up: pick a plan and the number of seats, name the team, then pay on Stripe's Checkout. */
export default async function PlanPage() {
  await guard.page(waitlist.approved);
  if (!isBillingConfigured()) {
    return (
      <section className="card" data-testid="billing-unconfigured">
        <h1>Choose a plan</h1>
        <p>Billing is not configured: set STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PRICE_TEAM.</p>
      </section>
    );
  }
  const { plans } = await licensing.ready();
  return (
    <section className="card" data-testid="plan">
      <h1>Choose a plan</h1>
      <p>
        Your team gets its own organization, with you as its manager. Stripe collects the card on its own
        page; you can leave it and keep the free plan.
      </p>
      <PlanForm
        plans={plans.keys.map((key) => {
          const { seats } = plans.get(key);
          return { key, label: planLabels[key] ?? key, min: seats.min, max: seats.max };
        })}
      />
    </section>
  );
}
