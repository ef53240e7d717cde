import type Stripe from 'stripe';

/** `start` plus one billing interval of `price`, in seconds, by the calendar (month ends clamp). */
export function periodEnd(start: number, price: Stripe.Price): number {
  const interval = price.recurring?.interval ?? 'month';
  const count = price.recurring?.interval_count ?? 1;
  const date = new Date(start * 1000);
  if (interval === 'day') return start + count * 86_400;
  if (interval === 'week') return start + count * 7 * 86_400;
  const months = interval === 'year' ? 12 * count : count;
  const day = date.getUTCDate();
  const next = new Date(date);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return Math.floor(next.getTime() / 1000);
}

/** How much of a period remains at `now`, from 0 to 1 (Stripe prorates by the second). */
export function remainingShare(now: number, start: number, end: number): number {
  if (end <= start) return 0;
  return Math.min(1, Math.max(0, (end - now) / (end - start)));
}
