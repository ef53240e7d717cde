import { createClerkEvent, createClerkWebhookRequest, createWebhookSecret } from '@clerkship/testing';
import { createWebhooksHandler } from '@clerkship/webhooks-handler';
import { createPostgresIdempotencyStore } from '@clerkship/webhooks-handler/drizzle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingWorld, createBillingWorld } from './__fixtures__/billing-world';

// The Clerk side, wired as the README says: signed Svix deliveries through createWebhooksHandler with
// the Postgres idempotency store; licensing writes through the delivery's transaction.
let world: BillingWorld;
let handler: ReturnType<typeof createWebhooksHandler>;
const secret = createWebhookSecret();

beforeAll(async () => {
  world = await createBillingWorld();
  handler = createWebhooksHandler({
    secret,
    store: createPostgresIdempotencyStore(world.db),
    ...world.licensing.clerkCallbacks,
  });
});
afterAll(() => world.close());

const customersOf = (orgId: string) =>
  [...world.fake.customers.values()].filter((customer) => customer.metadata.clerk_org_id === orgId);

describe('Clerk webhooks', () => {
  it('organization.created, delivered twice and retried with a new delivery id, makes one named customer', async () => {
    const event = createClerkEvent('organization.created', { id: 'org_tyrell', name: 'Tyrell Corporation' });
    const delivery = await createClerkWebhookRequest(event, { secret, id: 'msg_tyrell_1' });
    expect((await handler.POST(delivery.clone())).status).toBe(200);
    expect((await handler.POST(delivery)).status).toBe(200);
    const redelivered = await createClerkWebhookRequest(event, { secret, id: 'msg_tyrell_2' });
    expect((await handler.POST(redelivered)).status).toBe(200);
    expect(customersOf('org_tyrell')).toEqual([expect.objectContaining({ name: 'Tyrell Corporation' })]);
    expect(await world.store.customerOf('org_tyrell')).toBe(customersOf('org_tyrell')[0]?.id);
  });

  it('an organization named outside Latin-1 (“Wayne’s Zürich – 東京”) still names its customer', async () => {
    const name = 'Wayne’s Zürich – 東京';
    const event = createClerkEvent('organization.created', { id: 'org_wayne', name });
    const delivery = await createClerkWebhookRequest(event, { secret, id: 'msg_wayne_1' });
    expect((await handler.POST(delivery)).status).toBe(200);
    expect(customersOf('org_wayne')).toEqual([expect.objectContaining({ name })]);
  });

  it('organizationMembership.deleted frees the member’s seat', async () => {
    await world.buySeats('org_cyberdyne', { plan: 'team', seats: 2 });
    await world.licensing.assignSeat('org_cyberdyne', { userId: 'user_alice' });
    const event = createClerkEvent('organizationMembership.deleted', {
      organization: { ...createClerkEvent('organization.created', { id: 'org_cyberdyne' }).data },
      public_user_data: {
        ...createClerkEvent('organizationMembership.created').data.public_user_data,
        user_id: 'user_alice',
      },
    });
    expect((await handler.POST(await createClerkWebhookRequest(event, { secret }))).status).toBe(200);
    expect(await world.licensing.overview('org_cyberdyne')).toMatchObject({
      seats: [],
      license: { seatsUsed: 0 },
    });
  });

  it('organization.deleted cancels the subscription in Stripe and ends the license', async () => {
    await world.buySeats('org_soylent', { plan: 'team', seats: 1 });
    const event = createClerkEvent('organization.deleted', { id: 'org_soylent', deleted: true });
    expect((await handler.POST(await createClerkWebhookRequest(event, { secret }))).status).toBe(200);
    await world.fake.waitForDeliveries();
    expect((await world.subscriptionOf('org_soylent'))?.status).toBe('canceled');
    expect(await world.store.license('org_soylent')).toMatchObject({ status: 'canceled', seatsUsed: 0 });
  });
});
