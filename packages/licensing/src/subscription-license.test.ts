import { createStripeSubscription } from '@clerkship/testing/stripe';
import { describe, expect, it } from 'vitest';
import { plans } from './__fixtures__/plans';
import { licenseFromSubscriptions, noLicense } from './subscription-license';

const customer = 'cus_acme';
const team = (options: Parameters<typeof createStripeSubscription>[0]) =>
  createStripeSubscription({ customer, priceId: 'price_team_seat', ...options });

describe('licenseFromSubscriptions: the license is read from the subscriptions, not from an event', () => {
  it('takes the seats from the seat item’s quantity', () => {
    const subscription = team({ id: 'sub_1', quantity: 12, status: 'active' });
    expect(licenseFromSubscriptions([subscription], plans)).toMatchObject({
      status: 'active',
      subscriptionId: 'sub_1',
      plan: 'team',
      priceId: 'price_team_seat',
      itemId: subscription.items.data[0]?.id,
      seatLimit: 12,
      cancelAtPeriodEnd: false,
    });
  });

  it('never reads the deprecated top-level quantity', () => {
    const subscription = { ...team({ quantity: 3, status: 'active' }), quantity: 99 };
    expect(licenseFromSubscriptions([subscription], plans).seatLimit).toBe(3);
  });

  it('an unknown price licenses nothing', () => {
    const other = createStripeSubscription({
      customer,
      priceId: 'price_not_ours',
      quantity: 40,
      status: 'active',
    });
    expect(licenseFromSubscriptions([other], plans)).toEqual(noLicense);
    expect(licenseFromSubscriptions([], plans)).toEqual(noLicense);
  });

  it('with several subscriptions, a live one wins over an ended one, whatever the order', () => {
    const canceled = team({ id: 'sub_old', quantity: 50, status: 'canceled', created: 2_000 });
    const active = team({ id: 'sub_live', quantity: 5, status: 'active', created: 1_000 });
    expect(licenseFromSubscriptions([canceled, active], plans).subscriptionId).toBe('sub_live');
    expect(licenseFromSubscriptions([active, canceled], plans).subscriptionId).toBe('sub_live');
  });

  it('within one rank, the newest subscription wins', () => {
    const older = team({ id: 'sub_a', quantity: 5, status: 'canceled', created: 1_000 });
    const newer = team({ id: 'sub_b', quantity: 8, status: 'canceled', created: 2_000 });
    expect(licenseFromSubscriptions([older, newer], plans).subscriptionId).toBe('sub_b');
  });

  it('keeps an unknown status as `none`, which grants nothing', () => {
    const odd = team({ status: 'active' });
    expect(licenseFromSubscriptions([{ ...odd, status: 'frozen' as never }], plans).status).toBe('none');
  });
});
