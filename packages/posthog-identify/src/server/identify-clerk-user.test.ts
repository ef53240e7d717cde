import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createClerkEvent } from '@clerkship/testing';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  identifyClerkOrganization,
  identifyClerkUser,
  serverlessPostHogOptions,
} from './identify-clerk-user';

// A local PostHog capture endpoint: the real posthog-node SDK sends its batches here.
const received: Array<Record<string, unknown>> = [];
const server = createServer(async (request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let body = Buffer.concat(chunks);
  if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
  const parsed = body.length ? JSON.parse(body.toString()) : {};
  for (const event of parsed.batch ?? []) received.push(event);
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
});
let host = '';

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});
beforeEach(() => {
  received.length = 0;
});

describe('identifyClerkUser', () => {
  it("identifies a user.created webhook's user with email, username and name, sent before it returns", async () => {
    const posthog = new PostHog('phc_test', { host, ...serverlessPostHogOptions });
    const { data } = createClerkEvent('user.created', {
      id: 'user_alice',
      username: 'alice',
      first_name: 'Alice',
      last_name: 'Example',
    });
    await identifyClerkUser(posthog, data);
    expect(received).toEqual([
      expect.objectContaining({
        event: '$identify',
        distinct_id: 'user_alice',
        properties: expect.objectContaining({
          $set: { email: 'alice@example.com', username: 'alice', name: 'Alice Example' },
        }),
      }),
    ]);
    expect(JSON.stringify(received)).not.toContain('private_metadata');
    await posthog.shutdown();
  });

  it('sends the properties you choose instead', async () => {
    const posthog = new PostHog('phc_test', { host, ...serverlessPostHogOptions });
    const { data } = createClerkEvent('user.updated', { id: 'user_bob' });
    await identifyClerkUser(posthog, data, {
      properties: (user) => ({ plan: user.public_metadata.plan ?? 'free' }),
    });
    expect(received[0]).toMatchObject({ distinct_id: 'user_bob', properties: { $set: { plan: 'free' } } });
    await posthog.shutdown();
  });

  it('refuses a payload without a user id (invalid_user) and sends nothing', async () => {
    const posthog = new PostHog('phc_test', { host, ...serverlessPostHogOptions });
    await expect(identifyClerkUser(posthog, { id: '' } as never)).rejects.toMatchObject({
      code: 'invalid_user',
      message:
        '@clerkship/posthog-identify: identifyClerkUser was given no Clerk user (a UserJSON with an id like user_...). Pass the `data` of a user.created or user.updated webhook.',
    });
    await posthog.shutdown();
    expect(received).toEqual([]);
  });
});

describe('identifyClerkOrganization', () => {
  it('describes the organization as a PostHog group', async () => {
    const posthog = new PostHog('phc_test', { host, ...serverlessPostHogOptions });
    const { data } = createClerkEvent('organization.created', {
      id: 'org_acme',
      name: 'Acme Inc',
      slug: 'acme',
    });
    await identifyClerkOrganization(posthog, data);
    expect(received[0]).toMatchObject({
      event: '$groupidentify',
      properties: {
        $group_type: 'company',
        $group_key: 'org_acme',
        $group_set: { name: 'Acme Inc', slug: 'acme' },
      },
    });
    await expect(identifyClerkOrganization(posthog, { id: 'nope' } as never)).rejects.toMatchObject({
      code: 'invalid_organization',
      message: expect.stringMatching(
        /^@clerkship\/posthog-identify: identifyClerkOrganization was given no Clerk organization .+\. Pass the `data` of /,
      ),
    });
    await posthog.shutdown();
  });
});
