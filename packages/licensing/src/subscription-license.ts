import type Stripe from 'stripe';
import type { LicenseSnapshot, LicenseStatus } from './license';
import type { Plans } from './plans';

const knownStatuses = new Set<string>([
  'active',
  'trialing',
  'past_due',
  'incomplete',
  'incomplete_expired',
  'unpaid',
  'canceled',
  'paused',
]);

// Which subscription wins when a customer has several: one that grants seats, then one that may
// again (past_due, unpaid, paused, incomplete), then an ended one; the newest within a rank.
const rank: Record<string, number> = {
  active: 0,
  trialing: 0,
  past_due: 1,
  unpaid: 2,
  paused: 2,
  incomplete: 3,
  canceled: 4,
  incomplete_expired: 5,
};

/** The license of no subscription: nothing granted, no seats. */
export const noLicense: LicenseSnapshot = {
  status: 'none',
  subscriptionId: null,
  plan: null,
  priceId: null,
  itemId: null,
  seatLimit: 0,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
};

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (typeof value === 'string') return value;
  return value?.id ?? null;
}

/**
 * The license a customer's subscriptions give, read only from the subscriptions (never from an event
 * payload): the seat item is the item whose price is a declared plan's (the deprecated top-level
 * `subscription.quantity` is never read). Subscriptions without a declared price are ignored, so an
 * unknown price licenses nothing. An unknown status is kept as written and grants nothing.
 *
 * @example
 * const { data } = await stripe.subscriptions.list({ customer, status: 'all', limit: 100 });
 * licenseFromSubscriptions(data, plans); // { status: 'active', seatLimit: 5, plan: 'team', ... }
 */
export function licenseFromSubscriptions(
  subscriptions: readonly Stripe.Subscription[],
  plans: Plans,
): LicenseSnapshot {
  let best: { snapshot: LicenseSnapshot; rank: number; created: number } | undefined;
  for (const subscription of subscriptions) {
    for (const item of subscription.items?.data ?? []) {
      const priceId = idOf(item.price);
      const plan = priceId ? plans.byPrice(priceId) : undefined;
      if (!plan || !priceId) continue;
      const status = (knownStatuses.has(subscription.status) ? subscription.status : 'none') as LicenseStatus;
      const candidate = {
        rank: rank[status] ?? 6,
        created: subscription.created ?? 0,
        snapshot: {
          status,
          subscriptionId: subscription.id,
          plan: plan.key,
          priceId,
          itemId: item.id,
          seatLimit: Math.max(0, Math.trunc(item.quantity ?? 0)),
          // Since API version 2025-03-31.basil the period lives on the item.
          currentPeriodEnd: periodEnd(item, subscription),
          cancelAtPeriodEnd: subscription.cancel_at_period_end === true,
        },
      };
      if (
        !best ||
        candidate.rank < best.rank ||
        (candidate.rank === best.rank && candidate.created > best.created)
      ) {
        best = candidate;
      }
      break;
    }
  }
  return best?.snapshot ?? noLicense;
}

function periodEnd(item: Stripe.SubscriptionItem, subscription: Stripe.Subscription): Date | null {
  const seconds =
    (item as { current_period_end?: number }).current_period_end ??
    (subscription as unknown as { current_period_end?: number }).current_period_end;
  return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
}
