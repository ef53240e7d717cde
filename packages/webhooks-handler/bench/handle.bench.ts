import { createHmac } from 'node:crypto';
import { createWebhooksHandler as createCommunityHandler } from '@brianmmdev/clerk-webhooks-handler';
import { verifyWebhook } from '@clerk/backend/webhooks';
import { createWebhookSecret } from '@clerkship/testing';
import { Webhook } from 'svix';
import { test } from 'vitest';
import userCreated from '../src/__fixtures__/user-created.json';
import { createWebhooksHandler } from '../src/create-webhooks-handler';

// One 2 KB user.created delivery, as Clerk sends it, under many delivery ids: each handler sees fresh
// ids (so ours really claims and records every one) and every variant builds the same Requests.
const secret = createWebhookSecret();
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const body = JSON.stringify(userCreated);
const timestamp = String(Math.floor(Date.now() / 1000));
const deliveries = Array.from({ length: 200_000 }, (_, index) => {
  const id = `msg_bench${index}`;
  // Byte-identical to svix's own signer (see svix-verifier.test.ts), and much faster to set up.
  const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  return { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature };
});

function requests() {
  let next = 0;
  return () => {
    const headers = deliveries[next++ % deliveries.length];
    return new Request('http://localhost/api/webhooks/clerk', { method: 'POST', headers, body });
  };
}

const onUserCreated = async () => {};
const ours = createWebhooksHandler({ secret, onUserCreated });
const community = createCommunityHandler({ secret, onUserCreated });
const svix = new Webhook(secret);

function check(response: Response) {
  if (response.status !== 200) throw new Error(`bench: expected 200, got ${response.status}`);
}

test('receive one 2 KB user.created delivery', { timeout: 300_000 }, async ({ bench }) => {
  const floorRequest = requests();
  const oursRequest = requests();
  const clerkRequest = requests();
  const communityRequest = requests();
  let svixNext = 0;
  await bench.compare(
    bench('floor: request.text() + node:crypto createHmac + JSON.parse', async () => {
      const request = floorRequest();
      const text = await request.text();
      const id = request.headers.get('svix-id');
      const signature = createHmac('sha256', key)
        .update(`${id}.${request.headers.get('svix-timestamp')}.${text}`)
        .digest('base64');
      if (!request.headers.get('svix-signature')?.endsWith(signature))
        throw new Error('bench: bad signature');
      JSON.parse(text);
    }),
    bench('@clerkship/webhooks-handler handle() (memory store, callback)', async () => {
      check(await ours.handle(oursRequest()));
    }),
    bench("Clerk's verifyWebhook (@clerk/backend/webhooks)", async () => {
      await verifyWebhook(clerkRequest(), { signingSecret: secret });
    }),
    bench("the guides' community package (@brianmmdev/clerk-webhooks-handler)", async () => {
      check(await community.POST(communityRequest()));
    }),
    bench('svix Webhook.verify alone (no Request, no body read)', () => {
      svix.verify(body, deliveries[svixNext++ % deliveries.length] as Record<string, string>);
    }),
  );
});
