import type { AccessSubject } from '@clerkship/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignupWorld, type SignupWorld } from '../__fixtures__/signup-world';
import { createSignupRouteHandlers } from './signup-route-handlers';

let world: SignupWorld;

beforeAll(async () => {
  world = await createSignupWorld();
});
afterAll(() => world.close());

// The route file of the README: `export const { POST, GET } = createSignupRouteHandlers({ signup, auth })`,
// with `auth` reading the session the request carries (here, a header naming a user who just signed up).
function routes() {
  return createSignupRouteHandlers({
    signup: world.signup,
    auth: async (request): Promise<AccessSubject> => {
      const userId = request.headers.get('x-test-user');
      return userId ? world.newUser(userId) : { isAuthenticated: false, userId: null };
    },
  });
}

const json = (userId: string | null, body: unknown) =>
  new Request('http://app.test/api/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(userId ? { 'x-test-user': userId } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('createSignupRouteHandlers', () => {
  it('POST with JSON starts the sign-up and answers where to send the user, never cached', async () => {
    const response = await routes().POST(
      json('user_gil', { plan: 'team', seats: 3, organizationName: 'Gil & Sons' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { state: string; url: string; organizationId: string };
    expect(body).toMatchObject({ state: 'checkout', url: expect.stringContaining('/checkout/cs_test_') });
    expect(world.organizationsOf('user_gil')).toHaveLength(1);
  });

  it('an HTML form post answers 303 to Stripe’s Checkout page', async () => {
    const response = await routes().POST(
      new Request('http://app.test/api/signup', {
        method: 'POST',
        headers: { 'x-test-user': 'user_hal' },
        body: new URLSearchParams({ plan: 'team', seats: '2', organizationName: 'Hal Ltd' }),
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/checkout\/cs_test_/);
  });

  it.each([
    ['signed out', null, { plan: 'team', seats: 3, organizationName: 'X' }, 401, 'signed_out'],
    ['a body that is not JSON', 'user_ida', '{plan: team', 422, 'invalid_input'],
    [
      'a plan not on the allowlist',
      'user_ida',
      { plan: 'gold', seats: 3, organizationName: 'X' },
      422,
      'invalid_input',
    ],
  ])('%s answers %i { error: %s } and creates nothing', async (_, userId, body, status, code) => {
    const organizations = world.clerkFake.createdOrganizations().length;
    const response = await routes().POST(json(userId, body));
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: code,
      message: expect.stringContaining('@clerkship/licensing:'),
    });
    expect(world.clerkFake.createdOrganizations()).toHaveLength(organizations);
  });

  it('GET reports processing with Retry-After while the webhook is late, then ready', async () => {
    const { POST, GET } = routes();
    const started = (await (
      await POST(json('user_jon', { plan: 'team', seats: 3, organizationName: 'Jon AS' }))
    ).json()) as { url: string; checkoutSessionId: string };
    world.fake.holdDeliveries();
    await world.pay(started.url);

    const welcome = () =>
      GET(
        new Request(`http://app.test/api/signup?session_id=${started.checkoutSessionId}`, {
          headers: { 'x-test-user': 'user_jon' },
        }),
      );
    const processing = await welcome();
    expect(processing.status).toBe(200);
    expect(processing.headers.get('retry-after')).toBe('3');
    expect(await processing.json()).toMatchObject({ state: 'processing' });

    world.fake.releaseDeliveries();
    await world.fake.waitForDeliveries();
    const ready = await welcome();
    expect(ready.headers.get('retry-after')).toBeNull();
    expect(await ready.json()).toMatchObject({ state: 'ready', seats: { used: 1, limit: 3 } });
  });

  it('GET for a user who never started answers 404 { error: signup_not_found }', async () => {
    const response = await routes().GET(
      new Request('http://app.test/api/signup', { headers: { 'x-test-user': 'user_kim' } }),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'signup_not_found' });
  });

  it('a missing flow or auth function is refused with invalid_option', () => {
    expect(() => createSignupRouteHandlers({ signup: world.signup } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }) as never,
    );
    expect(() => createSignupRouteHandlers({ auth: async () => null } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }) as never,
    );
  });
});
