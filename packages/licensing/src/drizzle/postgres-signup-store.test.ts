import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './__fixtures__/test-database';
import { createPostgresSignupStore } from './postgres-signup-store';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
beforeEach(() => emptyTestDatabase(db));

describe('createPostgresSignupStore', () => {
  it('of ten requests of one user racing for the lease, exactly one acts', async () => {
    const store = createPostgresSignupStore(db);
    const taken = await Promise.all(
      Array.from({ length: 10 }, (_, index) => store.acquire('user_lea', `request-${index}`, 30_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(taken.find(Boolean)).toMatchObject({ userId: 'user_lea', orgId: null, attempt: 0 });
  });

  it('only the holder gives the lease back; then the next request takes it', async () => {
    const store = createPostgresSignupStore(db);
    expect(await store.acquire('user_max', 'first', 30_000)).not.toBeNull();
    await store.release('user_max', 'someone-else');
    expect(await store.acquire('user_max', 'second', 30_000)).toBeNull();
    await store.release('user_max', 'first');
    expect(await store.acquire('user_max', 'second', 30_000)).not.toBeNull();
  });

  it('a lease that ran out (a crashed request) is taken over', async () => {
    const store = createPostgresSignupStore(db);
    expect(await store.acquire('user_ned', 'crashed', 50)).not.toBeNull();
    expect(await store.acquire('user_ned', 'next', 30_000)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.acquire('user_ned', 'next', 30_000)).not.toBeNull();
  });

  it('the first organization recorded wins, and an older Checkout attempt never replaces a newer one', async () => {
    const store = createPostgresSignupStore(db);
    await store.acquire('user_ola', 'request', 30_000);
    expect(await store.recordOrganization('user_ola', 'org_first', 'Ola AS')).toBe('org_first');
    expect(await store.recordOrganization('user_ola', 'org_second', 'Ola AS')).toBe('org_first');
    await store.recordCheckout('user_ola', { sessionId: 'cs_2', plan: 'team', seats: 3, attempt: 2 });
    await store.recordCheckout('user_ola', { sessionId: 'cs_1', plan: 'team', seats: 2, attempt: 1 });
    expect(await store.get('user_ola')).toMatchObject({
      orgId: 'org_first',
      organizationName: 'Ola AS',
      checkoutSessionId: 'cs_2',
      seats: 3,
      attempt: 2,
    });
  });

  it('refuses something that is not a drizzle database', () => {
    expect(() => createPostgresSignupStore({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_option' }) as never,
    );
  });
});
