// @clerkship/webhooks-handler without @clerk/backend, drizzle-orm or stripe: the README's quickstart.
import { createWebhooksHandler, WebhooksHandlerError } from '@clerkship/webhooks-handler';

const key = new TextEncoder().encode('a 32-byte key for this test only');
const secret = `whsec_${btoa(String.fromCharCode(...key))}`;
const welcomed: string[] = [];

const handler = createWebhooksHandler({
  secret,
  onUserCreated: (user) => {
    welcomed.push(user.first_name ?? '');
    // @ts-expect-error: not a field of Clerk's UserJSON (were the payload types `any`, this would compile)
    void user.firstName;
  },
});

// @ts-expect-error: a misspelled callback does not compile
createWebhooksHandler({ secret, onUserCreate: () => {} });

async function signedRequest(body: string): Promise<Request> {
  const id = 'msg_install';
  const timestamp = String(Math.floor(Date.now() / 1000));
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign(
    'HMAC',
    cryptoKey,
    new TextEncoder().encode(`${id}.${timestamp}.${body}`),
  );
  const signature = btoa(String.fromCharCode(...new Uint8Array(mac)));
  return new Request('http://localhost/api/webhooks/clerk', {
    method: 'POST',
    headers: { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` },
    body,
  });
}

const body = JSON.stringify({
  type: 'user.created',
  object: 'event',
  data: { id: 'user_ada', first_name: 'Ada' },
});
const response = await handler.POST(await signedRequest(body));
if (response.status !== 200 || welcomed.join() !== 'Ada') throw new Error(`delivery: ${response.status}`);

let code: string | undefined;
try {
  createWebhooksHandler({ secret: 'nope' });
} catch (error) {
  if (WebhooksHandlerError.isInstance(error)) code = error.code;
}
if (code !== 'invalid_secret') throw new Error(`secret 'nope': expected invalid_secret, got ${code}`);
console.info('ok');
