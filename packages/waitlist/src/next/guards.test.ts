import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWaitlist } from '../create-waitlist';
import { createWaitlistGuards } from './guards';

const waitlist = createWaitlist();
const as = (metadata: unknown) => async () => ({
  isAuthenticated: true,
  userId: 'user_x',
  sessionClaims: metadata === undefined ? {} : { metadata },
});
const signedOut = async () => ({ isAuthenticated: false, userId: null });

async function thrown(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('waitlist guards', () => {
  it('lets approved users and admins into pages', async () => {
    await expect(
      createWaitlistGuards(waitlist, { auth: as({ isBetaUser: true }) }).page(),
    ).resolves.toMatchObject({ status: 'approved' });
    await expect(
      createWaitlistGuards(waitlist, { auth: as({ isAdmin: true }) }).page(),
    ).resolves.toMatchObject({ status: 'admin' });
  });

  it('sends waitlisted users to the waitlist page and signed-out visitors to sign-in', async () => {
    expect(await thrown(createWaitlistGuards(waitlist, { auth: as({}) }).page())).toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/waitlist;/),
    });
    expect(
      await thrown(createWaitlistGuards(waitlist, { auth: signedOut, signInUrl: '/login' }).page()),
    ).toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/login;/),
    });
  });

  it('refuses waitlisted callers of actions (403) and routes (403 JSON)', async () => {
    await expect(createWaitlistGuards(waitlist, { auth: as({}) }).action()).rejects.toMatchObject({
      code: 'waitlisted',
      status: 403,
    });
    await expect(createWaitlistGuards(waitlist, { auth: signedOut }).action()).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });
    const GET = createWaitlistGuards(waitlist, { auth: as({}) }).route(async () => new Response('secret'));
    const response = await GET(new Request('http://localhost/api/beta'), {});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'waitlisted' });
    const allowed = await createWaitlistGuards(waitlist, { auth: as({ isBetaUser: true }) }).route(
      async () => new Response('ok'),
    )(new Request('http://localhost/api/beta'), {});
    expect(await allowed.text()).toBe('ok');
  });

  it('tells the developer, once, which session-token template to add when the claim is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = createWaitlist();
    const guards = createWaitlistGuards(fresh, { auth: as(undefined) });
    await thrown(guards.page());
    await thrown(guards.page());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('{"metadata":"{{user.public_metadata}}"}');
  });
});
