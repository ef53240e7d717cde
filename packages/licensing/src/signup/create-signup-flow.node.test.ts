import { createAuthObject } from '@clerkship/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cards,
  createSignupWorld,
  freePolicy,
  type SignupWorld,
  signupUrls,
} from '../__fixtures__/signup-world';
import { LicensingError } from '../errors';
import { createSignupFlow } from './create-signup-flow';

let world: SignupWorld;

beforeAll(async () => {
  world = await createSignupWorld();
});
afterAll(() => world.close());

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; status?: number } | undefined> {
  try {
    await promise;
  } catch (error) {
    if (LicensingError.isInstance(error)) return { code: error.code, status: error.status };
    throw error;
  }
  return undefined;
}

/** Everything a sign-up can create, to prove that a refusal created nothing. */
function everything() {
  return {
    organizations: world.clerkFake.createdOrganizations().length,
    customers: world.fake.customers.size,
    checkoutSessions: world.fake.checkoutSessions.size,
    subscriptions: world.fake.subscriptions.size,
  };
}

describe('start: the plan page after Clerk’s sign-up', () => {
  it('Nora signs up for the team plan with 3 seats, pays with 4242…, and lands ready with 1 of 3 seats used', async () => {
    const nora = await world.newUser('user_nora');
    const started = await world.signup.start(nora, {
      plan: 'team',
      seats: '3',
      organizationName: 'Nora’s Studio',
    });
    expect(started.state).toBe('checkout');

    // The organization is made on the server, with Nora as its admin.
    expect(world.organizationsOf('user_nora')).toEqual([
      expect.objectContaining({ id: started.organizationId, name: 'Nora’s Studio' }),
    ]);
    expect(world.clerkFake.roleOf(started.organizationId, 'user_nora')).toBe('org:admin');

    // One customer for the organization, and a subscription Checkout priced from the allowlist.
    const stripe = world.stripeOf(started.organizationId);
    expect(stripe.customers).toHaveLength(1);
    expect(stripe.customers[0]?.name).toBe('Nora’s Studio');
    const session = world.fake.checkoutSessions.get(started.checkoutSessionId);
    expect(session).toMatchObject({
      mode: 'subscription',
      customer: stripe.customers[0]?.id,
      client_reference_id: started.organizationId,
      payment_method_collection: 'always',
      metadata: { clerk_org_id: started.organizationId, clerk_user_id: 'user_nora', plan: 'team' },
      url: started.url,
    });
    const lines = await world.stripe.checkout.sessions.listLineItems(started.checkoutSessionId);
    expect(lines.data.map((line) => [line.price?.id, line.quantity])).toEqual([[world.prices.team.id, 3]]);

    const paid = await world.pay(started.url);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(
      `http://app.test/welcome?session_id=${started.checkoutSessionId}`,
    );

    const status = await world.signup.status(nora, { checkoutSessionId: started.checkoutSessionId });
    expect(status).toMatchObject({
      state: 'ready',
      organizationId: started.organizationId,
      seats: { used: 1, limit: 3 },
      seat: 'assigned',
      license: { status: 'active', plan: 'team', seatLimit: 3, seatsUsed: 1 },
    });
    // Nora's seat is mirrored into Clerk, where her session claims read it.
    expect(world.clerkFake.membership(started.organizationId, 'user_nora')).toEqual({ seat: true });
    expect(world.stripeOf(started.organizationId).subscriptions).toHaveLength(1);

    // Asking again (the page refreshed) keeps one seat.
    expect(await world.signup.status(nora)).toMatchObject({
      state: 'ready',
      seat: 'already_assigned',
      seats: { used: 1, limit: 3 },
    });
  });

  it('gives the seat once: after an admin revokes it, a reload of the status page does not hand it back', async () => {
    const ida = await world.newUser('user_ida');
    const started = await world.signup.start(ida, { plan: 'team', seats: 2, organizationName: 'Ida & Co' });
    if (started.state !== 'checkout') throw new Error('expected a Checkout');
    await world.pay(started.url);
    expect(await world.signup.status(ida)).toMatchObject({ state: 'ready', seat: 'assigned' });

    // A second admin of the organization takes Ida's seat away (the billing functions' path).
    expect(await world.licensing.revokeSeat(started.organizationId, { userId: 'user_ida' })).toBe(true);
    expect(await world.signup.status(ida)).toMatchObject({
      state: 'ready',
      seat: 'revoked',
      seats: { used: 0, limit: 2 },
    });
    expect((await world.licensing.overview(started.organizationId)).seats).toEqual([]);
    expect(world.clerkFake.membership(started.organizationId, 'user_ida')).toEqual({});

    // Nor does submitting the plan page again: the sign-up is complete, billing is the admins' now.
    const again = await world.signup
      .start(ida, { plan: 'team', seats: 5, organizationName: 'Ida & Co' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(LicensingError.isInstance(again) && again.code).toBe('signup_completed');
    expect(LicensingError.isInstance(again) && again.status).toBe(409);
    expect(world.stripeOf(started.organizationId).checkoutSessions).toHaveLength(1);
  });

  it('Omar’s starter trial: the card is collected by Stripe, nothing is charged yet, and the trial licenses seats', async () => {
    const omar = await world.newUser('user_omar');
    const started = await world.signup.start(omar, {
      plan: 'starter',
      seats: 2,
      organizationName: 'Omar & Co',
    });
    await world.pay(started.url);

    const [subscription] = world.stripeOf(started.organizationId).subscriptions;
    expect(subscription).toMatchObject({ status: 'trialing', metadata: { clerk_user_id: 'user_omar' } });
    expect(subscription?.default_payment_method).toBeTruthy();
    expect(
      world.stripeOf(started.organizationId).invoices.every((invoice) => invoice.amount_paid === 0),
    ).toBe(true);
    expect(await world.signup.status(omar)).toMatchObject({
      state: 'ready',
      license: { status: 'trialing', plan: 'starter' },
      seats: { used: 1, limit: 2 },
    });
  });

  it('Pia double-submits, reloads and presses back after paying: one organization, one customer, one subscription', async () => {
    const pia = await world.newUser('user_pia');
    const input = { plan: 'team', seats: 4, organizationName: 'Pia Labs' };
    const [first, second] = await Promise.all([
      world.signup.start(pia, input),
      world.signup.start(pia, input),
    ]);
    const reloaded = await world.signup.start(pia, input);
    expect(second).toEqual(first);
    expect(reloaded).toEqual(first);
    expect(world.organizationsOf('user_pia')).toHaveLength(1);
    expect(world.stripeOf(first.organizationId).customers).toHaveLength(1);
    expect(world.stripeOf(first.organizationId).checkoutSessions).toHaveLength(1);

    await world.pay(first.url);
    // The back button brings the plan form back; submitting it again goes to the welcome page.
    const back = await world.signup.start(pia, input);
    expect(back).toEqual({
      state: 'subscribed',
      url: `http://app.test/welcome?session_id=${first.checkoutSessionId}`,
      checkoutSessionId: first.checkoutSessionId,
      organizationId: first.organizationId,
    });
    const stripe = world.stripeOf(first.organizationId);
    expect({
      organizations: world.organizationsOf('user_pia').length,
      customers: stripe.customers.length,
      checkoutSessions: stripe.checkoutSessions.length,
      subscriptions: stripe.subscriptions.length,
    }).toEqual({ organizations: 1, customers: 1, checkoutSessions: 1, subscriptions: 1 });
  });

  it('Quinn goes back and picks 6 seats instead of 2: the first Checkout is expired, only the new one can be paid', async () => {
    const quinn = await world.newUser('user_quinn');
    const first = await world.signup.start(quinn, { plan: 'team', seats: 2, organizationName: 'Quinn Co' });
    const second = await world.signup.start(quinn, { plan: 'team', seats: 6, organizationName: 'Quinn Co' });
    expect(second.checkoutSessionId).not.toBe(first.checkoutSessionId);
    expect(second.organizationId).toBe(first.organizationId);
    expect(world.fake.checkoutSessions.get(first.checkoutSessionId)?.status).toBe('expired');
    expect((await world.pay(first.url)).status).toBe(404);

    await world.pay(second.url);
    expect(await world.signup.status(quinn)).toMatchObject({ state: 'ready', seats: { used: 1, limit: 6 } });
    expect(world.stripeOf(first.organizationId).subscriptions).toHaveLength(1);
  });

  it('a request that crashed after Clerk made the organization: the next submit finds it instead of making a second', async () => {
    const rosa = await world.newUser('user_rosa');
    // What the crashed request left behind: the organization, marked in its private metadata.
    const orphan = await world.clerkFake.clerk.organizations.createOrganization({
      name: 'Rosa Ltd',
      createdBy: 'user_rosa',
      privateMetadata: { licensing_signup_user_id: 'user_rosa' },
    });
    const started = await world.signup.start(rosa, { plan: 'team', seats: 2, organizationName: 'Rosa Ltd' });
    expect(started.organizationId).toBe(orphan.id);
    expect(world.organizationsOf('user_rosa')).toHaveLength(1);
  });

  it("finds the crashed request's organization behind 230 newer memberships (every page is read)", async () => {
    const vera = await world.newUser('user_vera');
    const orphan = await world.clerkFake.clerk.organizations.createOrganization({
      name: 'Vera Ltd',
      createdBy: 'user_vera',
      privateMetadata: { licensing_signup_user_id: 'user_vera' },
    });
    // Clerk lists memberships newest first: the marked organization is on the third page of 100.
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let index = 0; index < 230; index++) {
      await world.clerkFake.clerk.organizations.createOrganization({
        name: `Other ${index}`,
        createdBy: 'user_vera',
      });
    }
    world.clerkFake.clearCalls();
    const started = await world.signup.start(vera, { plan: 'team', seats: 2, organizationName: 'Vera Ltd' });
    expect(started.organizationId).toBe(orphan.id);
    expect(world.organizationsOf('user_vera')).toHaveLength(231);
    const pages = world.clerkFake.calls.filter((call) => call.path.endsWith('/organization_memberships'));
    expect(pages).toHaveLength(3);
  });

  it('a one-seat plan needs no organization name: Sam gets a personal organization', async () => {
    const sam = await world.newUser('user_sam');
    const started = await world.signup.start(sam, { plan: 'solo', seats: 1 });
    expect(world.organizationsOf('user_sam')).toEqual([
      expect.objectContaining({ id: started.organizationId, name: 'Personal' }),
    ]);
  });

  it('a price id sent beside the plan is ignored: the price comes from the allowlist', async () => {
    const tara = await world.newUser('user_tara');
    const started = await world.signup.start(tara, {
      plan: 'team',
      seats: 1,
      organizationName: 'Tara Inc',
      price: world.prices.enterprise.id,
      priceId: world.prices.enterprise.id,
    });
    const lines = await world.stripe.checkout.sessions.listLineItems(started.checkoutSessionId);
    expect(lines.data.map((line) => line.price?.id)).toEqual([world.prices.team.id]);
  });

  it.each([
    ['a plan key not declared', { plan: 'platinum', seats: 3, organizationName: 'Acme' }, 'invalid_input'],
    [
      'a Stripe price id as the plan',
      { plan: 'price_123', seats: 3, organizationName: 'Acme' },
      'invalid_input',
    ],
    ['0 seats', { plan: 'team', seats: 0, organizationName: 'Acme' }, 'quantity_out_of_range'],
    [
      'more seats than the plan sells',
      { plan: 'team', seats: 51, organizationName: 'Acme' },
      'quantity_out_of_range',
    ],
    ['half a seat', { plan: 'team', seats: 2.5, organizationName: 'Acme' }, 'invalid_input'],
    ['a team plan without an organization name', { plan: 'team', seats: 3 }, 'invalid_input'],
    ['a blank organization name', { plan: 'team', seats: 3, organizationName: '   ' }, 'invalid_input'],
    ['no body at all', undefined, 'invalid_input'],
  ])('%s is refused with 422 and nothing changes', async (_, input, code) => {
    const before = everything();
    const uma = await world.newUser('user_uma');
    expect(await refusalOf(world.signup.start(uma, input))).toEqual({ code, status: 422 });
    expect(everything()).toEqual(before);
    expect(await world.signupStore.get('user_uma')).toBeNull();
  });

  it.each([
    ['signed out', { isAuthenticated: false, userId: null }],
    ['no session at all', null],
  ])('%s: start and status are refused with 401 and nothing changes', async (_, session) => {
    const before = everything();
    expect(
      await refusalOf(world.signup.start(session, { plan: 'team', seats: 3, organizationName: 'X' })),
    ).toEqual({
      code: 'signed_out',
      status: 401,
    });
    expect(await refusalOf(world.signup.status(session))).toEqual({ code: 'signed_out', status: 401 });
    expect(everything()).toEqual(before);
  });

  it('a pending session (a session task left to do) counts as signed out', async () => {
    const pending = await createAuthObject(world.keys, { userId: 'user_victor', status: 'pending' });
    expect(await refusalOf(world.signup.start(pending, { plan: 'solo', seats: 1 }))).toEqual({
      code: 'signed_out',
      status: 401,
    });
    expect(world.organizationsOf('user_victor')).toEqual([]);
  });

  it('while another request holds Wes’s sign-up, a submit waits, then gives up with 409 and changes nothing', async () => {
    const flow = world.flowWith({ concurrency: { leaseMs: 60_000, waitMs: 150 } });
    expect(await world.signupStore.acquire('user_wes', 'stuck-request', 60_000)).not.toBeNull();
    const before = everything();
    const wes = await world.newUser('user_wes');
    expect(await refusalOf(flow.start(wes, { plan: 'solo', seats: 1 }))).toEqual({
      code: 'signup_in_progress',
      status: 409,
    });
    expect(everything()).toEqual(before);
    // The stuck request ends (or its lease runs out): the next submit goes through.
    await world.signupStore.release('user_wes', 'stuck-request');
    expect((await flow.start(wes, { plan: 'solo', seats: 1 })).state).toBe('checkout');
  });
});

describe('status: the page Stripe returns to', () => {
  it('Xena’s card is declined: Checkout stays open, nothing is created, and a good card then completes it', async () => {
    const xena = await world.newUser('user_xena');
    const started = await world.signup.start(xena, { plan: 'team', seats: 3, organizationName: 'Xena GmbH' });
    const declined = await world.pay(started.url, cards.declined);
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    expect(world.stripeOf(started.organizationId).subscriptions).toEqual([]);
    expect(await world.signup.status(xena)).toEqual({
      state: 'abandoned',
      organizationId: started.organizationId,
      resumeUrl: started.url,
      free: freePolicy,
    });

    await world.pay(started.url, cards.visa);
    expect(await world.signup.status(xena)).toMatchObject({ state: 'ready', seats: { used: 1, limit: 3 } });
  });

  it('Yuri’s card needs 3D Secure: failing it changes nothing; completing it subscribes', async () => {
    const yuri = await world.newUser('user_yuri');
    const started = await world.signup.start(yuri, { plan: 'team', seats: 2, organizationName: 'Yuri AB' });
    const challenge = await world.pay(started.url, cards.threeDSecure);
    expect(await challenge.text()).toContain('Complete authentication');
    // Until the bank says yes, nothing is paid.
    expect((await world.signup.status(yuri)).state).toBe('abandoned');

    const failed = await world.authenticate(started.url, cards.threeDSecure, 'fail');
    expect(failed.status).toBe(402);
    expect(world.stripeOf(started.organizationId).subscriptions).toEqual([]);

    await world.pay(started.url, cards.threeDSecure);
    const done = await world.authenticate(started.url, cards.threeDSecure, 'complete');
    expect(done.status).toBe(303);
    expect(await world.signup.status(yuri)).toMatchObject({
      state: 'ready',
      license: { status: 'active' },
      seats: { used: 1, limit: 2 },
    });
  });

  it('Zoe leaves Checkout: nothing is charged, her organization stays usable on the free policy, and she can come back', async () => {
    const zoe = await world.newUser('user_zoe');
    const started = await world.signup.start(zoe, { plan: 'team', seats: 3, organizationName: 'Zoe SARL' });
    const left = await world.leave(started.url);
    expect(left.headers.get('location')).toBe(signupUrls.cancel);

    expect(await world.signup.status(zoe)).toEqual({
      state: 'abandoned',
      organizationId: started.organizationId,
      resumeUrl: started.url,
      free: freePolicy,
    });
    const stripe = world.stripeOf(started.organizationId);
    expect({ subscriptions: stripe.subscriptions, invoices: stripe.invoices }).toEqual({
      subscriptions: [],
      invoices: [],
    });
    expect(world.clerkFake.roleOf(started.organizationId, 'user_zoe')).toBe('org:admin');
    expect((await world.licensing.overview(started.organizationId)).active).toBe(false);

    // A day later Stripe expires the Checkout; the next try makes a new one for the same organization.
    await world.fake.advanceTime(25 * 3600);
    expect(world.fake.checkoutSessions.get(started.checkoutSessionId)?.status).toBe('expired');
    expect(await world.signup.status(zoe)).toMatchObject({ state: 'abandoned', resumeUrl: null });
    const again = await world.signup.start(zoe, { plan: 'team', seats: 3, organizationName: 'Zoe SARL' });
    expect(again).toMatchObject({ state: 'checkout', organizationId: started.organizationId });
    expect(again.checkoutSessionId).not.toBe(started.checkoutSessionId);
    expect(world.stripeOf(started.organizationId).customers).toHaveLength(1);
  });

  it('the webhook arrives long after the redirect: the bounded wait answers processing, and a later visit is ready', async () => {
    const abe = await world.newUser('user_abe');
    const started = await world.signup.start(abe, { plan: 'team', seats: 3, organizationName: 'Abe Corp' });
    world.fake.holdDeliveries();
    await world.pay(started.url);

    const began = Date.now();
    const status = await world.signup.status(abe, { checkoutSessionId: started.checkoutSessionId });
    const waited = Date.now() - began;
    expect(status).toEqual({
      state: 'processing',
      organizationId: started.organizationId,
      retryAfterSeconds: 3,
    });
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(3000);
    // The redirect alone granted nothing.
    expect((await world.licensing.overview(started.organizationId)).seats).toEqual([]);

    world.fake.releaseDeliveries();
    await world.fake.waitForDeliveries();
    expect(await world.signup.status(abe)).toMatchObject({ state: 'ready', seats: { used: 1, limit: 3 } });
  });

  it('the webhook arrives during the wait: status answers ready as soon as the sync has written', async () => {
    const bea = await world.newUser('user_bea');
    const flow = world.flowWith({ wait: { timeoutMs: 5000, intervalMs: 20 } });
    const started = await flow.start(bea, { plan: 'team', seats: 3, organizationName: 'Bea BV' });
    world.fake.holdDeliveries();
    await world.pay(started.url);
    setTimeout(() => world.fake.releaseDeliveries(), 200);

    const began = Date.now();
    expect(await flow.status(bea)).toMatchObject({ state: 'ready', seats: { used: 1, limit: 3 } });
    expect(Date.now() - began).toBeLessThan(5000);
    await world.fake.waitForDeliveries();
  });

  it('the subscription is canceled before the webhook lands: status says failed, with the free policy', async () => {
    const cal = await world.newUser('user_cal');
    const started = await world.signup.start(cal, { plan: 'starter', seats: 2, organizationName: 'Cal Ltd' });
    world.fake.holdDeliveries();
    await world.pay(started.url);
    const [subscription] = world.stripeOf(started.organizationId).subscriptions;
    await world.stripe.subscriptions.cancel(subscription?.id ?? '');
    world.fake.releaseDeliveries();
    await world.fake.waitForDeliveries();

    expect(await world.signup.status(cal)).toEqual({
      state: 'failed',
      organizationId: started.organizationId,
      reason: 'canceled',
      free: freePolicy,
    });
    expect((await world.licensing.overview(started.organizationId)).seats).toEqual([]);
  });

  it('a user who never started a sign-up gets 404', async () => {
    const dan = await world.newUser('user_dan');
    expect(await refusalOf(world.signup.status(dan))).toEqual({ code: 'signup_not_found', status: 404 });
  });

  it('a session_id from another user’s Checkout, or a made-up one, is refused with 422', async () => {
    const eve = await world.newUser('user_eve');
    const fay = await world.newUser('user_fay');
    await world.signup.start(eve, { plan: 'solo', seats: 1 });
    const fays = await world.signup.start(fay, { plan: 'solo', seats: 1 });
    expect(await refusalOf(world.signup.status(eve, { checkoutSessionId: fays.checkoutSessionId }))).toEqual({
      code: 'invalid_input',
      status: 422,
    });
    expect(await refusalOf(world.signup.status(eve, { checkoutSessionId: 'cs_test_madeup' }))).toEqual({
      code: 'invalid_input',
      status: 422,
    });
  });

  it.each(['cus_123', 'cs_test_../v1/customers', `cs_${'a'.repeat(300)}`, ''])(
    'a session_id that is not a Checkout Session id (%j) is refused without asking Stripe',
    async (id) => {
      const gil = await world.newUser('user_gil');
      await world.signup.start(gil, { plan: 'solo', seats: 1 });
      const retrieve = vi.spyOn(world.licensing.stripe.checkout.sessions, 'retrieve');
      try {
        const outcome = world.signup.status(gil, { checkoutSessionId: id });
        if (id === '') {
          // No session id at all: the status of the sign-up as it stands.
          expect((await outcome).state).toBe('abandoned');
          return;
        }
        expect(await refusalOf(outcome)).toEqual({ code: 'invalid_input', status: 422 });
        expect(retrieve).not.toHaveBeenCalled();
      } finally {
        retrieve.mockRestore();
      }
    },
  );
});

describe('createSignupFlow options', () => {
  it.each([
    ['no licensing', { licensing: undefined }],
    ['no clerk client', { clerk: undefined }],
    ['no store', { store: undefined }],
    ['a relative success URL', { urls: { success: '/welcome', cancel: signupUrls.cancel } }],
    ['a negative wait', { wait: { timeoutMs: -1 } }],
  ])('%s is refused with invalid_option', (_, override) => {
    const options = {
      licensing: world.licensing,
      clerk: world.clerkFake.clerk,
      store: world.signupStore,
      urls: signupUrls,
      ...override,
    };
    expect(() => createSignupFlow(options as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }) as never,
    );
  });
});
