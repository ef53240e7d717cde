import type { UserJSON } from '@clerk/backend';
import type { ClerkWebhookEvent } from '@clerkship/internal';
import { createClerkEvent, createClerkWebhookRequest, createWebhookSecret } from '@clerkship/testing';
import { Webhook } from 'svix';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import userCreated from './__fixtures__/user-created.json';
import { createWebhooksHandler } from './create-webhooks-handler';
import { WebhooksHandlerError } from './errors';
import type { IdempotencyStore } from './idempotency-store';

const secret = createWebhookSecret();
const silent = { onError: () => {} };

/** A request signed by hand with svix, for the cases the kit's builder does not make. */
function svixRequest(body: string, headers: Record<string, string | undefined>): Request {
  const clean = Object.fromEntries(
    Object.entries(headers).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  return new Request('http://localhost/api/webhooks/clerk', { method: 'POST', headers: clean, body });
}

function svixHeaders(body: string, options: { id?: string; at?: Date; key?: string } = {}) {
  const id = options.id ?? 'msg_2pRtest';
  const at = options.at ?? new Date();
  return {
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': new Webhook(options.key ?? secret).sign(id, at, body),
  };
}

/** Status and JSON body; a plain success has no body. */
async function json(response: Response) {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("the guide's code after switching the import", () => {
  it('creates the Stripe customer when Clerk reports a new organization', async () => {
    const customers: string[] = [];
    const handler = createWebhooksHandler({
      secret,
      onOrganizationCreated: async (org) => {
        customers.push(org.name);
      },
    });
    const event = createClerkEvent('organization.created', { name: 'Acme Inc' });
    const response = await handler.POST(await createClerkWebhookRequest(event, { secret, id: 'msg_org1' }));
    expect([response.status, await response.text()]).toEqual([200, '']);
    expect(customers).toEqual(['Acme Inc']);
  });

  it("reads the new user's unsafe metadata, with the secret from WEBHOOK_SECRET as before", async () => {
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', '');
    vi.stubEnv('WEBHOOK_SECRET', secret);
    const seen: unknown[] = [];
    const handler = createWebhooksHandler({
      onUserCreated: async (user) => {
        const { priceId } = user.unsafe_metadata;
        seen.push(priceId);
      },
    });
    const response = await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect(response.status).toBe(200);
    expect(seen).toEqual(['price_1QmNbvA7c3Xq']);
  });
});

describe('callbacks', () => {
  it('get the data and a context with the whole event, the delivery id and the signing time', async () => {
    let received: { data: unknown; id: string; timestamp: Date; event: ClerkWebhookEvent } | undefined;
    const handler = createWebhooksHandler({
      secret,
      onUserUpdated: (data, { id, timestamp, event }) => {
        received = { data, id, timestamp, event };
      },
    });
    const event = createClerkEvent('user.updated');
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 30_000);
    await handler.handle(await createClerkWebhookRequest(event, { secret, id: 'msg_ctx', timestamp: at }));
    expect(received).toEqual({ data: event.data, id: 'msg_ctx', timestamp: at, event });
  });

  it('are typed per event, including session.pending and user.createdAtEdge', () => {
    const create = () =>
      createWebhooksHandler({
        secret,
        onUserCreated: (user, { event }) => {
          expectTypeOf(user).toEqualTypeOf<UserJSON>();
          expectTypeOf(event.type).toEqualTypeOf<'user.created'>();
        },
        onUserDeleted: (deleted) => {
          expectTypeOf(deleted.deleted).toEqualTypeOf<boolean>();
          expectTypeOf(deleted.external_id).toEqualTypeOf<string | undefined>();
        },
        onUserCreatedAtEdge: (user) => {
          expectTypeOf(user).toEqualTypeOf<UserJSON>();
        },
        onSessionPending: (session) => {
          expectTypeOf(session.user).toEqualTypeOf<UserJSON | null>();
        },
        onOrganizationMembershipDeleted: (membership) => {
          expectTypeOf(membership.role).toBeString();
        },
        onWaitlistEntryCreated: (entry) => {
          expectTypeOf(entry.email_address).toBeString();
        },
        onSubscriptionItemFreeTrialEnding: (item) => {
          expectTypeOf(item.id).toBeString();
        },
        onEvent: (event) => {
          if (event.type === 'organization.deleted')
            expectTypeOf(event.data.deleted).toEqualTypeOf<boolean>();
        },
        // @ts-expect-error a misspelled callback is a type error (and a WebhooksHandlerError at run time)
        onUserCreate: () => {},
      });
    expect(create).toThrowError(WebhooksHandlerError);
  });

  it('refuse a misspelled callback at creation, with the likely name', () => {
    expect(() => createWebhooksHandler({ secret, onOrganisationCreated: () => {} } as never)).toThrowError(
      /unknown option `onOrganisationCreated`; did you mean `onOrganizationCreated`/,
    );
    expect(() => createWebhooksHandler({ secret, onUserCreated: 'yes' } as never)).toThrowError(
      WebhooksHandlerError,
    );
  });

  it('onEvent sees every event after the typed callback', async () => {
    const calls: string[] = [];
    const handler = createWebhooksHandler({
      secret,
      onUserCreated: () => {
        calls.push('onUserCreated');
      },
      onEvent: (event) => {
        calls.push(`onEvent ${event.type}`);
      },
    });
    for (const type of ['user.created', 'session.created'] as const) {
      await handler.POST(await createClerkWebhookRequest(createClerkEvent(type), { secret }));
    }
    expect(calls).toEqual(['onUserCreated', 'onEvent user.created', 'onEvent session.created']);
  });

  it('may answer with their own Response', async () => {
    const handler = createWebhooksHandler({
      secret,
      onUserCreated: () => new Response('welcome queued', { status: 202 }),
    });
    const response = await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect([response.status, await response.text()]).toEqual([202, 'welcome queued']);
  });

  it("a callback's own non-2xx answer releases the claim, so the retry runs it again", async () => {
    let attempts = 0;
    const handler = createWebhooksHandler({
      secret,
      onUserCreated: () => {
        attempts++;
        return attempts === 1 ? Response.json({ error: 'not yet' }, { status: 503 }) : undefined;
      },
    });
    const delivery = () => createClerkWebhookRequest(userCreated, { secret, id: 'msg_twice' });
    expect((await handler.POST(await delivery())).status).toBe(503);
    expect((await handler.POST(await delivery())).status).toBe(200);
    expect(attempts).toBe(2);
  });
});

describe('events nobody handles', () => {
  it('are acknowledged with a note by default, so Clerk does not retry them for days', async () => {
    const handler = createWebhooksHandler({ secret, onUserCreated: () => {} });
    const response = await handler.POST(
      await createClerkWebhookRequest(createClerkEvent('session.created'), { secret, id: 'msg_s' }),
    );
    expect(await json(response)).toEqual({
      status: 200,
      body: {
        received: true,
        id: 'msg_s',
        type: 'session.created',
        handled: false,
        note: 'No callback handles session.created. Add onSessionCreated, or unsubscribe the endpoint from it in the Clerk Dashboard.',
      },
    });
  });

  it("are refused with 404 under unhandledEvents: 'reject'", async () => {
    const handler = createWebhooksHandler({ secret, unhandledEvents: 'reject' });
    const response = await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect((await json(response)).status).toBe(404);
  });

  it('include types Clerk adds later, which reach onEvent', async () => {
    const types: string[] = [];
    const handler = createWebhooksHandler({ secret, onEvent: (event) => void types.push(event.type) });
    const future = { ...userCreated, type: 'apiKey.created' };
    expect((await handler.POST(await createClerkWebhookRequest(future, { secret }))).status).toBe(200);
    expect(types).toEqual(['apiKey.created']);
  });
});

describe('verification, as svix does it', () => {
  const body = JSON.stringify(userCreated);

  it('accepts the webhook-* header names', async () => {
    const handler = createWebhooksHandler({ secret, onUserCreated: () => {} });
    const request = await createClerkWebhookRequest(userCreated, { secret, headerPrefix: 'webhook' });
    expect(request.headers.has('svix-id')).toBe(false);
    expect((await handler.POST(request)).status).toBe(200);
  });

  it('accepts a header with several signatures and junk entries when one matches', async () => {
    const handler = createWebhooksHandler({ secret, onUserCreated: () => {} });
    const headers = svixHeaders(body);
    const signature = `v1a,bm90IGEgc2ln junk v2,${headers['svix-signature'].slice(3)} v1,AAAA ${headers['svix-signature']}`;
    const response = await handler.POST(svixRequest(body, { ...headers, 'svix-signature': signature }));
    expect(response.status).toBe(200);
  });

  it('refuses a header of junk entries only', async () => {
    const handler = createWebhooksHandler({ secret, onUserCreated: () => {} });
    const headers = svixHeaders(body);
    const junk = `v1a,${headers['svix-signature'].slice(3)} v2,${headers['svix-signature'].slice(3)} , v1 v1,`;
    const response = await handler.POST(svixRequest(body, { ...headers, 'svix-signature': junk }));
    expect(await json(response)).toMatchObject({ status: 400, body: { error: 'invalid_signature' } });
  });

  it('accepts both secrets while you rotate, and neither of them a third', async () => {
    const previous = createWebhookSecret();
    const handler = createWebhooksHandler({ secret: [previous, secret], onUserCreated: () => {} });
    for (const key of [previous, secret]) {
      expect((await handler.POST(svixRequest(body, svixHeaders(body, { key })))).status).toBe(200);
    }
    const other = svixRequest(body, svixHeaders(body, { key: createWebhookSecret(), id: 'msg_other' }));
    expect((await handler.POST(other)).status).toBe(400);
  });

  it("reads the environment when the guide's `secret: process.env.X` is empty", async () => {
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', secret);
    const handler = createWebhooksHandler({ secret: '', onUserCreated: () => {} });
    expect((await handler.POST(svixRequest(body, svixHeaders(body)))).status).toBe(200);
  });

  it('prefers CLERK_WEBHOOK_SIGNING_SECRET to WEBHOOK_SECRET', async () => {
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', secret);
    vi.stubEnv('WEBHOOK_SECRET', createWebhookSecret());
    const handler = createWebhooksHandler({ onUserCreated: () => {} });
    expect((await handler.POST(svixRequest(body, svixHeaders(body)))).status).toBe(200);
  });

  it('accepts timestamps exactly 300 s away either way and refuses 301 s (clock frozen)', async () => {
    // A frozen clock: with a running one, a second can tick between signing and verifying.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
    const handler = createWebhooksHandler({ secret, onUserCreated: () => {}, ...silent });
    const statuses: Record<string, number> = {};
    for (const offset of [-301, -300, 300, 301]) {
      const at = new Date(Date.now() + offset * 1000);
      const request = svixRequest(body, svixHeaders(body, { at, id: `msg_${offset}` }));
      statuses[offset] = (await handler.POST(request)).status;
    }
    expect(statuses).toEqual({ '-301': 400, '-300': 200, '300': 200, '301': 400 });
  });
});

describe('bad input gets the documented answer and runs nothing', () => {
  const body = JSON.stringify(userCreated);
  const ran = vi.fn();
  const handler = createWebhooksHandler({ secret, onUserCreated: ran, onEvent: ran, ...silent });

  async function expectRefused(request: Request, status: number, error: string) {
    const response = await handler.POST(request);
    const text = await response.text();
    expect({ status: response.status, error: JSON.parse(text).error }).toEqual({ status, error });
    expect(text).not.toContain(secret.slice(6));
    expect(ran).not.toHaveBeenCalled();
  }

  for (const name of ['svix-id', 'svix-timestamp', 'svix-signature']) {
    it(`missing ${name}: 400`, async () => {
      await expectRefused(
        svixRequest(body, { ...svixHeaders(body), [name]: undefined }),
        400,
        'missing_header',
      );
    });
  }

  it('a blank header: 400', async () => {
    await expectRefused(svixRequest(body, { ...svixHeaders(body), 'svix-id': '  ' }), 400, 'missing_header');
  });

  it('an empty body without a signature for it: 400', async () => {
    await expectRefused(svixRequest('', svixHeaders(body)), 400, 'invalid_signature');
  });

  it('an empty body, signed: 422', async () => {
    await expectRefused(svixRequest('', svixHeaders('')), 422, 'invalid_event');
  });

  it('a signed body that is not JSON: 422', async () => {
    await expectRefused(svixRequest('user.created', svixHeaders('user.created')), 422, 'invalid_event');
  });

  for (const [label, shape] of [
    ['an array', '[1,2]'],
    ['no type', '{"data":{}}'],
    ['data not an object', '{"type":"user.created","data":"alice"}'],
    ['data an array', '{"type":"user.created","data":[]}'],
    ['a type without a dot', '{"type":"user","data":{}}'],
    ['null', 'null'],
  ] as const) {
    it(`signed JSON of the wrong shape (${label}): 422`, async () => {
      await expectRefused(svixRequest(shape, svixHeaders(shape)), 422, 'invalid_event');
    });
  }

  it('the wrong secret: 400', async () => {
    await expectRefused(
      svixRequest(body, svixHeaders(body, { key: createWebhookSecret() })),
      400,
      'invalid_signature',
    );
  });

  it('a signature for another body: 400', async () => {
    const tampered = body.replace('"Renée"', '"Mallory"');
    expect(tampered).not.toBe(body);
    await expectRefused(svixRequest(tampered, svixHeaders(body)), 400, 'invalid_signature');
  });

  it('a timestamp that is not a number: 400', async () => {
    await expectRefused(
      svixRequest(body, { ...svixHeaders(body), 'svix-timestamp': '2026-11-23T10:00:00Z' }),
      400,
      'invalid_timestamp',
    );
  });

  it('a delivery signed 301 s ago: 400', async () => {
    const at = new Date(Date.now() - 301_000);
    await expectRefused(svixRequest(body, svixHeaders(body, { at })), 400, 'timestamp_too_old');
  });

  it('a delivery dated 301 s in the future: 400', async () => {
    const at = new Date(Date.now() + 301_000);
    await expectRefused(svixRequest(body, svixHeaders(body, { at })), 400, 'timestamp_too_new');
  });

  it('a 5 MB body, streamed: 413 before it is all read', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled * chunk.byteLength > 5 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost/api/webhooks/clerk', {
      method: 'POST',
      headers: svixHeaders(body),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectRefused(request, 413, 'body_too_large');
    expect(pulled * chunk.byteLength).toBeLessThan(2 * 1024 * 1024);
  });

  it('a 5 MB body with its Content-Length: 413 unread', async () => {
    const big = JSON.stringify({ ...userCreated, padding: 'x'.repeat(5 * 1024 * 1024) });
    const request = svixRequest(big, { ...svixHeaders(big), 'content-length': String(big.length) });
    await expectRefused(request, 413, 'body_too_large');
    expect(request.bodyUsed).toBe(false);
  });

  it('a GET: 405', async () => {
    const response = await handler.handle(new Request('http://localhost/api/webhooks/clerk'));
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST']);
  });
});

it('accepts a body up to maxBodyBytes and refuses one byte more', async () => {
  const body = JSON.stringify(userCreated);
  const exact = createWebhooksHandler({ secret, maxBodyBytes: new TextEncoder().encode(body).byteLength });
  expect((await exact.POST(svixRequest(body, svixHeaders(body)))).status).toBe(200);
  const smaller = createWebhooksHandler({
    secret,
    maxBodyBytes: new TextEncoder().encode(body).byteLength - 1,
  });
  expect((await smaller.POST(svixRequest(body, svixHeaders(body)))).status).toBe(413);
});

it('with a Content-Length, answers 413 from the header alone, one byte past the limit', async () => {
  const body = JSON.stringify(userCreated);
  const bytes = new TextEncoder().encode(body).byteLength;
  const declared = (length: number) =>
    svixRequest(body, { ...svixHeaders(body), 'content-length': String(length) });
  const handler = createWebhooksHandler({ secret, maxBodyBytes: bytes, onUserCreated: () => {} });

  const atLimit = declared(bytes);
  expect((await handler.POST(atLimit)).status).toBe(200);
  expect(atLimit.bodyUsed).toBe(true);

  const pastLimit = declared(bytes + 1);
  expect((await handler.POST(pastLimit)).status).toBe(413);
  expect(pastLimit.bodyUsed).toBe(false);
});

describe('idempotency', () => {
  it('a delivery sent 20 times at once runs its callback once; every answer is 200', async () => {
    let runs = 0;
    const handler = createWebhooksHandler({
      secret,
      onUserCreated: async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    });
    const body = JSON.stringify(userCreated);
    const headers = svixHeaders(body, { id: 'msg_storm' });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => handler.POST(svixRequest(body, headers)).then(json)),
    );
    expect(runs).toBe(1);
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((response) => response.body?.duplicate)).toHaveLength(19);
  });

  it('a callback that throws once answers 500, and the retry runs it and succeeds', async () => {
    const welcomed: string[] = [];
    const errors: unknown[] = [];
    let failNext = true;
    const handler = createWebhooksHandler({
      secret,
      onError: (error, delivery) => errors.push([error, delivery]),
      onUserCreated: async (user) => {
        if (failNext) {
          failNext = false;
          throw new Error('mail server down');
        }
        welcomed.push(user.id);
      },
    });
    const first = await handler.POST(
      await createClerkWebhookRequest(userCreated, { secret, id: 'msg_retry' }),
    );
    expect(await json(first)).toEqual({
      status: 500,
      body: {
        error: 'callback_failed',
        message:
          'onUserCreated threw while handling user.created; nothing was recorded, so the retry runs it again.',
      },
    });
    expect(errors).toEqual([[new Error('mail server down'), { id: 'msg_retry', type: 'user.created' }]]);
    const retry = await handler.POST(
      await createClerkWebhookRequest(userCreated, { secret, id: 'msg_retry' }),
    );
    const again = await handler.POST(
      await createClerkWebhookRequest(userCreated, { secret, id: 'msg_retry' }),
    );
    expect([retry.status, again.status, (await again.json()).duplicate]).toEqual([200, 200, true]);
    expect(welcomed).toEqual([userCreated.data.id]);
  });

  it('answers 409 with Retry-After when a store reports the delivery in progress', async () => {
    const busy: IdempotencyStore = { runOnce: async () => ({ status: 'in_progress' }) };
    const handler = createWebhooksHandler({ secret, store: busy, onUserCreated: () => {} });
    const response = await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect([response.status, response.headers.get('retry-after')]).toEqual([409, '5']);
  });

  it('hands callbacks the transaction of the store', async () => {
    const transaction = { kind: 'tx' as const };
    const store: IdempotencyStore<typeof transaction> = {
      runOnce: async (_key, work) => ({ status: 'processed', value: await work(transaction) }),
    };
    let seen: unknown;
    const handler = createWebhooksHandler({
      secret,
      store,
      onUserCreated: (_user, context) => {
        expectTypeOf(context.transaction).toEqualTypeOf<{ kind: 'tx' }>();
        seen = context.transaction;
      },
    });
    await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect(seen).toBe(transaction);
  });

  it('answers 500 when the store itself fails', async () => {
    const broken: IdempotencyStore = {
      runOnce: async () => {
        throw new Error('connection refused');
      },
    };
    const handler = createWebhooksHandler({ secret, store: broken, onUserCreated: () => {}, ...silent });
    const response = await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect(await json(response)).toMatchObject({ status: 500, body: { error: 'callback_failed' } });
  });
});

describe('configuration mistakes', () => {
  it('a missing secret answers 500 (so Clerk retries once it is set) and reports it', async () => {
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', '');
    vi.stubEnv('WEBHOOK_SECRET', '');
    const errors: unknown[] = [];
    const handler = createWebhooksHandler({
      onUserCreated: () => {},
      onError: (error) => errors.push(error),
    });
    const response = await handler.POST(await createClerkWebhookRequest(userCreated, { secret }));
    expect(await json(response)).toMatchObject({ status: 500, body: { error: 'missing_secret' } });
    expect(errors).toHaveLength(1);
    expect(WebhooksHandlerError.isInstance(errors[0]) && errors[0].code).toBe('missing_secret');
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', secret);
    expect((await handler.POST(await createClerkWebhookRequest(userCreated, { secret }))).status).toBe(200);
  });

  it.each([
    ['nope', '`secret`'],
    ['whsec_not base64!!', '`secret`'],
    [['whsec_not base64!!'], '`secret`'],
    [[secret, 'sk_test_123'], '`secret[1]`'],
  ])('secret %j is refused at creation, as invalid_secret, without echoing it', (value, source) => {
    let thrown: unknown;
    try {
      createWebhooksHandler({ secret: value });
    } catch (error) {
      thrown = error;
    }
    expect(WebhooksHandlerError.isInstance(thrown) && thrown.code).toBe('invalid_secret');
    expect(String(thrown)).toBe(
      `WebhooksHandlerError: @clerkship/webhooks-handler: ${source} is not a Clerk signing secret (\`whsec_\` followed by base64). Copy the Signing Secret of your endpoint again from the Clerk Dashboard (Webhooks, your endpoint).`,
    );
    expect(String(thrown)).not.toMatch(/nope|not base64|sk_test/);
  });

  it('an empty secret list is refused', () => {
    expect(() => createWebhooksHandler({ secret: [] })).toThrowError(/non-empty array/);
  });

  it('wrong limits and stores are refused', () => {
    expect(() => createWebhooksHandler({ secret, maxBodyBytes: 0 })).toThrowError(/maxBodyBytes/);
    expect(() => createWebhooksHandler({ secret, toleranceSeconds: -1 })).toThrowError(/toleranceSeconds/);
    expect(() => createWebhooksHandler({ secret, store: {} as never })).toThrowError(/IdempotencyStore/);
    expect(() => createWebhooksHandler({ secret, unhandledEvents: 'ignore' as never })).toThrowError(
      /unhandledEvents/,
    );
    expect(() => createWebhooksHandler(undefined as never)).toThrowError(/options object/);
  });
});
