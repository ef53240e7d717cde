import { createWebhookSecret } from '@clerkship/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestIo } from './__fixtures__/cli-io';
import { startRecordingEndpoint } from './__fixtures__/recording-endpoint';
import { run } from './run';

const secret = createWebhookSecret();
const endpoints: { close(): Promise<void> }[] = [];

async function endpoint(
  ...args: Parameters<typeof startRecordingEndpoint> extends [unknown, ...infer R] ? R : never
) {
  const started = await startRecordingEndpoint(secret, ...args);
  endpoints.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((started) => started.close()));
});

describe('clerkship-webhooks trigger', () => {
  it.each([
    'user.created',
    'session.pending',
    'organizationMembership.deleted',
    'organizationInvitation.accepted',
    'email.created',
    'waitlistEntry.updated',
    'subscriptionItem.pastDue',
  ])('sends %s signed so that svix verifies it, and prints the answer', async (type) => {
    const { url, received } = await endpoint();
    const { io, output } = createTestIo();

    expect(await run(['trigger', type, '--url', url, '--secret', secret], io)).toBe(0);

    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery?.event?.type).toBe(type);
    expect(delivery?.event).toMatchObject({ object: 'event', data: { object: expect.any(String) } });
    expect(delivery?.headers['svix-id']).toMatch(/^msg_/);
    expect(delivery?.headers['content-type']).toBe('application/json');
    expect(output.stdout).toContain(`Sending ${type} (${String(delivery?.event?.data.id)}) to ${url}`);
    expect(output.stdout).toContain(
      `1. ${type} ${delivery?.headers['svix-id']} -> 200 OK  {"received":true}`,
    );
    expect(output.stderr).toBe('');
  });

  it('puts the fields of --data into the sample', async () => {
    const { url, received } = await endpoint();
    const { io } = createTestIo();
    const data = JSON.stringify({ role: 'org:admin', public_metadata: { seats: 3 } });

    expect(
      await run(
        ['trigger', 'organizationMembership.created', '--url', url, '--secret', secret, '--data', data],
        io,
      ),
    ).toBe(0);

    expect(received[0]?.event?.data).toMatchObject({
      object: 'organization_membership',
      role: 'org:admin',
      public_metadata: { seats: 3 },
      organization: { object: 'organization' },
    });
  });

  it('--duplicates 2 delivers the same message three times, as Svix retries do', async () => {
    const { url, received } = await endpoint();
    const { io, output } = createTestIo();

    expect(
      await run(['trigger', 'user.updated', '--url', url, '--secret', secret, '--duplicates', '2'], io),
    ).toBe(0);

    expect(received).toHaveLength(3);
    const [first, ...copies] = received;
    for (const copy of copies) {
      expect(copy.headers['svix-id']).toBe(first?.headers['svix-id']);
      expect(copy.headers['svix-signature']).toBe(first?.headers['svix-signature']);
      expect(copy.body).toBe(first?.body);
      expect(copy.event).toBeDefined();
    }
    const lines = output.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Sending user\.updated \(user_\w+\) to .*, each 3 times$/);
    expect(lines[1]).toMatch(/^ {2}1\. user\.updated msg_\w+ -> 200 OK {2}\{"received":true\}$/);
    expect(lines[2]).toMatch(
      /^ {2}2\. user\.updated msg_\w+ \(duplicate 1\) -> 200 OK {2}\{"duplicate":true\}$/,
    );
    expect(lines[3]).toMatch(
      /^ {2}3\. user\.updated msg_\w+ \(duplicate 2\) -> 200 OK {2}\{"duplicate":true\}$/,
    );
  });

  it('--out-of-order sends the update of an object before its creation', async () => {
    const { url, received } = await endpoint();
    const { io, output } = createTestIo();

    expect(
      await run(['trigger', 'user.created', '--url', url, '--secret', secret, '--out-of-order'], io),
    ).toBe(0);

    expect(received.map((delivery) => delivery.event?.type)).toEqual(['user.updated', 'user.created']);
    const [updated, created] = received.map((delivery) => delivery.event?.data ?? {});
    expect(updated?.id).toMatch(/^user_/);
    expect(updated?.id).toBe(created?.id);
    expect(Number(updated?.updated_at)).toBeGreaterThan(Number(created?.updated_at));
    expect(updated?.first_name).not.toBe(created?.first_name);
    expect(received[0]?.headers['svix-id']).not.toBe(received[1]?.headers['svix-id']);
    expect(output.stdout).toContain(`Sending user.updated before user.created of ${String(created?.id)}`);
  });

  it.each([
    ['organizationMembership.updated', 'role'],
    ['organizationDomain.created', 'verification'],
    ['waitlistEntry.updated', 'status'],
    ['subscriptionItem.created', 'status'],
    ['paymentAttempt.updated', 'status'],
  ])('--out-of-order for %s changes %s between the two', async (type, field) => {
    const { url, received } = await endpoint();
    const { io } = createTestIo();

    expect(await run(['trigger', type, '--url', url, '--secret', secret, '--out-of-order'], io)).toBe(0);

    const resource = type.split('.')[0];
    expect(received.map((delivery) => delivery.event?.type)).toEqual([
      `${resource}.updated`,
      `${resource}.created`,
    ]);
    const [updated, created] = received.map((delivery) => delivery.event?.data ?? {});
    expect(updated?.id).toBe(created?.id);
    expect(Number(updated?.updated_at)).toBeGreaterThan(Number(created?.updated_at));
    expect(updated?.[field]).not.toEqual(created?.[field]);
  });

  it('combines --out-of-order and --duplicates: each message is redelivered', async () => {
    const { url, received } = await endpoint();
    const { io } = createTestIo();

    expect(
      await run(
        [
          'trigger',
          'organization.updated',
          '--url',
          url,
          '--secret',
          secret,
          '--out-of-order',
          '--duplicates',
          '1',
        ],
        io,
      ),
    ).toBe(0);

    expect(received.map((delivery) => delivery.event?.type)).toEqual([
      'organization.updated',
      'organization.updated',
      'organization.created',
      'organization.created',
    ]);
  });

  it('takes the secret from CLERK_WEBHOOK_SIGNING_SECRET when --secret is not given', async () => {
    const { url, received } = await endpoint();
    const { io } = createTestIo({
      env: { CLERK_WEBHOOK_SIGNING_SECRET: secret, WEBHOOK_SECRET: createWebhookSecret() },
    });

    expect(await run(['trigger', 'user.created', '--url', url], io)).toBe(0);

    expect(received[0]?.event?.type).toBe('user.created');
  });

  it('falls back to WEBHOOK_SECRET, the name in older Clerk guides', async () => {
    const { url, received } = await endpoint();
    const { io } = createTestIo({ env: { WEBHOOK_SECRET: secret } });

    expect(await run(['trigger', 'user.created', '--url', url], io)).toBe(0);

    expect(received[0]?.event).toBeDefined();
  });

  it('prefers --secret to the environment', async () => {
    const { url, received } = await endpoint();
    const { io } = createTestIo({ env: { CLERK_WEBHOOK_SIGNING_SECRET: createWebhookSecret() } });

    expect(await run(['trigger', 'user.created', '--url', url, '--secret', secret], io)).toBe(0);

    expect(received[0]?.event).toBeDefined();
  });

  describe('errors', () => {
    it('unknown_event_type: suggests the closest type and sends nothing', async () => {
      const { url, received } = await endpoint();
      const { io, output } = createTestIo();

      expect(await run(['trigger', 'user.create', '--url', url, '--secret', secret], io)).toBe(2);

      expect(output.stderr).toBe(
        'clerkship-webhooks: unknown event type "user.create". Did you mean "user.created"? Run `clerkship-webhooks list` to see all 47.\n',
      );
      expect(received).toHaveLength(0);
    });

    it('unknown_event_type: a type nothing like Clerk gets no suggestion', async () => {
      const { io, output } = createTestIo();
      expect(
        await run(['trigger', 'invoice.paid', '--url', 'http://localhost:1', '--secret', secret], io),
      ).toBe(2);
      expect(output.stderr).toBe(
        'clerkship-webhooks: unknown event type "invoice.paid". Run `clerkship-webhooks list` to see all 47.\n',
      );
    });

    it('invalid_option: trigger without an event type', async () => {
      const { io, output } = createTestIo();
      expect(await run(['trigger', '--url', 'http://localhost:3000', '--secret', secret], io)).toBe(2);
      expect(output.stderr).toMatch(
        /^clerkship-webhooks: trigger needs an event type\. Run `clerkship-webhooks list`/,
      );
    });

    it('missing_secret: no --secret and neither environment variable', async () => {
      const { io, output } = createTestIo({ env: { CLERK_SECRET_KEY: 'sk_test_x' } });
      expect(await run(['trigger', 'user.created', '--url', 'http://localhost:3000/api/webhooks'], io)).toBe(
        2,
      );
      expect(output.stderr).toBe(
        'clerkship-webhooks: no signing secret. Pass --secret whsec_..., or set CLERK_WEBHOOK_SIGNING_SECRET to the secret your handler verifies with (Clerk Dashboard > Webhooks > your endpoint > Signing Secret).\n',
      );
    });

    it.each([
      [['--secret', 'sk_test_not_a_webhook_secret'], {}, '--secret'],
      [[], { CLERK_WEBHOOK_SIGNING_SECRET: 'whsec_' }, 'CLERK_WEBHOOK_SIGNING_SECRET'],
      [[], { WEBHOOK_SECRET: 'whsec_not base64!' }, 'WEBHOOK_SECRET'],
    ])(
      'invalid_secret: %j names where the secret came from, never the secret',
      async (flags, env, source) => {
        const { io, output } = createTestIo({ env });
        expect(await run(['trigger', 'user.created', '--url', 'http://localhost:3000', ...flags], io)).toBe(
          2,
        );
        expect(output.stderr).toBe(
          `clerkship-webhooks: ${source} is not a Clerk signing secret (\`whsec_\` followed by base64). Copy the endpoint's Signing Secret from the Clerk Dashboard (Webhooks > your endpoint), the same one your handler verifies with.\n`,
        );
        expect(output.stderr).not.toContain('not_a_webhook_secret');
        expect(output.stderr).not.toContain('not base64');
      },
    );

    it('invalid_option: missing --url', async () => {
      const { io, output } = createTestIo();
      expect(await run(['trigger', 'user.created', '--secret', secret], io)).toBe(2);
      expect(output.stderr).toBe(
        'clerkship-webhooks: missing --url. Pass your webhook endpoint, e.g. --url http://localhost:3000/api/webhooks/clerk.\n',
      );
    });

    it.each(['localhost:3000/api/webhooks', 'ftp://example.com/hook'])(
      'invalid_option: --url %s',
      async (url) => {
        const { io, output } = createTestIo();
        expect(await run(['trigger', 'user.created', '--url', url, '--secret', secret], io)).toBe(2);
        expect(output.stderr).toBe(
          `clerkship-webhooks: --url "${url}" is not an http(s) URL. Pass the full address, e.g. --url http://localhost:3000/api/webhooks/clerk.\n`,
        );
      },
    );

    it('invalid_option: --url without its value', async () => {
      const { io, output } = createTestIo();
      expect(await run(['trigger', 'user.created', '--url'], io)).toBe(2);
      expect(output.stderr).toMatch(
        /^clerkship-webhooks: option '--url <value>' argument missing\. Run `clerkship-webhooks --help`/,
      );
    });

    it.each([
      [
        '{first_name:"Bob"}',
        /^clerkship-webhooks: --data is not valid JSON \(.+\)\. Pass an object of data fields/,
      ],
      ['["Bob"]', /^clerkship-webhooks: --data must be a JSON object of data fields, got an array\./],
      ['null', /^clerkship-webhooks: --data must be a JSON object of data fields, got null\./],
    ])('invalid_option: --data %s', async (data, message) => {
      const { io, output } = createTestIo();
      expect(
        await run(
          ['trigger', 'user.created', '--url', 'http://localhost:3000', '--secret', secret, '--data', data],
          io,
        ),
      ).toBe(2);
      expect(output.stderr).toMatch(message);
    });

    it.each(['-1', 'two', '1.5', '101'])('invalid_option: --duplicates %s', async (count) => {
      const { io, output } = createTestIo();
      expect(
        await run(
          [
            'trigger',
            'user.created',
            '--url',
            'http://localhost:3000',
            '--secret',
            secret,
            `--duplicates=${count}`,
          ],
          io,
        ),
      ).toBe(2);
      expect(output.stderr).toBe(
        `clerkship-webhooks: --duplicates "${count}" is not a whole number from 0 to 100. Pass how many extra copies to send, e.g. --duplicates 2.\n`,
      );
    });

    it.each(['session.created', 'user.deleted', 'organizationInvitation.created', 'email.created'])(
      'invalid_option: --out-of-order for %s, which has no created/updated pair',
      async (type) => {
        const { io, output } = createTestIo();
        expect(
          await run(
            ['trigger', type, '--url', 'http://localhost:3000', '--secret', secret, '--out-of-order'],
            io,
          ),
        ).toBe(2);
        expect(output.stderr).toBe(
          `clerkship-webhooks: --out-of-order needs a *.created or *.updated type of an object Clerk sends both for, not "${type}". For example \`trigger user.updated --out-of-order\`.\n`,
        );
      },
    );

    it('invalid_option: an option trigger does not have', async () => {
      const { io, output } = createTestIo();
      expect(
        await run(['trigger', 'user.created', '--url', 'http://localhost:3000', '--count', '2'], io),
      ).toBe(2);
      expect(output.stderr).toBe(
        "clerkship-webhooks: unknown option '--count'. Run `clerkship-webhooks --help` for the options.\n",
      );
    });

    it('endpoint_unreachable: nothing listens at --url, so the dev server must be started', async () => {
      const { url, close } = await endpoint();
      await close();
      const { io, output } = createTestIo();

      expect(
        await run(['trigger', 'user.created', '--url', url, '--secret', secret, '--duplicates', '3'], io),
      ).toBe(1);

      expect(output.stderr).toBe(
        `clerkship-webhooks: could not deliver to ${url} (connection refused). Start your dev server (e.g. \`pnpm dev\`) so it listens there, or pass the right --url.\n`,
      );
      expect(output.stdout).not.toContain('1.');
    });

    it('endpoint_unreachable: an endpoint that never answers times out', async () => {
      const { url } = await endpoint(() => 'hang');
      const { io, output } = createTestIo({ timeoutMs: 200 });

      expect(await run(['trigger', 'user.created', '--url', url, '--secret', secret], io)).toBe(1);

      expect(output.stderr).toBe(
        `clerkship-webhooks: could not deliver to ${url} (no answer within 0.2 s). Check that your dev server is running and that --url is right.\n`,
      );
    });

    it('delivery_failed: a handler with another secret answers 400; status and body are printed, exit 1', async () => {
      const { url, received } = await endpoint();
      const { io, output } = createTestIo();

      expect(
        await run(['trigger', 'user.created', '--url', url, '--secret', createWebhookSecret()], io),
      ).toBe(1);

      expect(received).toHaveLength(1);
      expect(output.stdout).toMatch(
        /1\. user\.created msg_\w+ -> 400 Bad Request {2}\{"error":"invalid signature"\}\n$/,
      );
      expect(output.stderr).toBe(
        'clerkship-webhooks: 1 of 1 deliveries got no 2xx answer; the first, user.created, got 400 Bad Request: {"error":"invalid signature"}. Your handler refused the delivery: check that it verifies the raw body with the same signing secret (--secret, CLERK_WEBHOOK_SIGNING_SECRET or WEBHOOK_SECRET) and that your middleware does not protect the route.\n',
      );
    });

    it('delivery_failed: a failing handler (500) is a delivery Clerk would retry', async () => {
      const { url } = await endpoint(() => ({ status: 500, body: 'TypeError: db is undefined' }));
      const { io, output } = createTestIo();

      expect(
        await run(['trigger', 'user.created', '--url', url, '--secret', secret, '--duplicates', '1'], io),
      ).toBe(1);

      expect(output.stdout).toContain('-> 500 Internal Server Error  TypeError: db is undefined');
      expect(output.stderr).toBe(
        "clerkship-webhooks: 2 of 2 deliveries got no 2xx answer; the first, user.created, got 500 Internal Server Error: TypeError: db is undefined. Your handler failed, and Clerk would retry the delivery. Look at your dev server's log.\n",
      );
    });

    it('delivery_failed: a redirect to sign-in means the middleware protects the webhook route', async () => {
      const { url, received } = await endpoint(() => ({ status: 307, headers: { location: '/sign-in' } }));
      const { io, output } = createTestIo();

      expect(await run(['trigger', 'user.created', '--url', url, '--secret', secret], io)).toBe(1);

      expect(received).toHaveLength(1);
      expect(output.stdout).toContain('-> 307 Temporary Redirect  (empty body)');
      expect(output.stderr).toContain(
        'It redirected to /sign-in: your middleware (proxy) probably protects the webhook route. Make the route public',
      );
    });

    it('delivery_failed: a long error page is shortened', async () => {
      const page = `<html><body>${'<p>Internal error</p>\n'.repeat(100)}</body></html>`;
      const { url } = await endpoint(() => ({ status: 502, body: page }));
      const { io, output } = createTestIo();

      expect(await run(['trigger', 'user.created', '--url', url, '--secret', secret], io)).toBe(1);

      expect(output.stdout).toMatch(
        /-> 502 Bad Gateway {2}<html><body><p>Internal error<\/p> .*… \(\d+ characters\)\n$/,
      );
      expect(output.stdout.length).toBeLessThan(1000);
    });
  });
});
