import { createAuthObject, createTestKeys, type TestKeys } from '@clerkship/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWaitlist } from '../create-waitlist';
import { createGuard } from './index';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

const waitlist = createWaitlist();
const wendy = (metadata: Record<string, unknown>) => () =>
  createAuthObject(keys, { userId: 'user_wendy', claims: { metadata } }, { version: 2 });

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the guard with the waitlist requirement', () => {
  it('sends Wendy (waitlisted) to the waiting page, and lets her in once approved', async () => {
    const error = await thrown(createGuard({ auth: wendy({}) }).page(waitlist.approved));
    expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/waitlist;/) });
    await expect(
      createGuard({ auth: wendy({ isBetaUser: true }) }).page(waitlist.approved),
    ).resolves.toMatchObject({
      userId: 'user_wendy',
    });
  });

  it('answers her API calls 403 with the waitlisted code, and a refusal for her actions', async () => {
    const guard = createGuard({ auth: wendy({}) });
    const response = await guard.route(waitlist.approved, async () => new Response('tasks'))(
      new Request('http://localhost/api/tasks'),
      {},
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'waitlisted',
      message: expect.stringMatching(/^@clerkship\/waitlist: /),
    });
    await expect(guard.action(waitlist.approved)).rejects.toMatchObject({ code: 'waitlisted', status: 403 });
    await expect(guard.safeAction(waitlist.approved, () => 'done')()).resolves.toMatchObject({
      ok: false,
      error: 'waitlisted',
    });
  });

  it('keeps admin pages to admins', async () => {
    const error = await thrown(createGuard({ auth: wendy({ isBetaUser: true }) }).page(waitlist.admin));
    expect(error).toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    await expect(createGuard({ auth: wendy({ isAdmin: true }) }).page(waitlist.admin)).resolves.toBeDefined();
  });
});
