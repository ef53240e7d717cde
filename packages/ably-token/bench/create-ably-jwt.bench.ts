import { createHmac } from 'node:crypto';
import * as Ably from 'ably';
import { SignJWT } from 'jose';
import { test } from 'vitest';
import { apiKey, chatPolicy, member } from '../src/__fixtures__/chat';
import { createAblyJwt } from '../src/create-ably-jwt';

// One member's token, as the chat guide mints it on every request to /api/ably.
const contents = chatPolicy.tokenContentsFor(member);
if (!contents) throw new Error('bench: the member should get channels');
const [keyName = '', keySecret = ''] = apiKey.split(':');
const capability = JSON.stringify(contents.capability);
const claims = () => ({
  'x-ably-capability': capability,
  'x-ably-clientId': contents.clientId,
  'ably.channel.chat:*': '{"moderator":false}',
});

function base64Url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

const rest = new Ably.Rest({ key: apiKey, autoConnect: false } as Ably.ClientOptions);

test('mint one Ably token', async ({ bench }) => {
  await bench.compare(
    bench("the guide's code: jose SignJWT with the raw secret per request", async () => {
      await new SignJWT(claims())
        .setProtectedHeader({ kid: keyName, alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(keySecret));
    }),
    bench('floor: hand-built HS256 with node:crypto createHmac', () => {
      const iat = Math.floor(Date.now() / 1000);
      const unsigned = `${base64Url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: keyName }))}.${base64Url(JSON.stringify({ ...claims(), iat, exp: iat + 3600 }))}`;
      `${unsigned}.${createHmac('sha256', keySecret).update(unsigned).digest('base64url')}`;
    }),
    bench('createAblyJwt', async () => {
      await createAblyJwt({
        apiKey,
        clientId: contents.clientId,
        capability: contents.capability,
        channelClaims: contents.channelClaims,
      });
    }),
    bench('what /api/ably does: policy.tokenContentsFor + createAblyJwt', async () => {
      const fresh = chatPolicy.tokenContentsFor({ ...member });
      if (fresh) await createAblyJwt({ apiKey, ...fresh });
    }),
    bench("reference: ably SDK's createTokenRequest (a TokenRequest, not a JWT)", async () => {
      await rest.auth.createTokenRequest({ clientId: contents.clientId, capability: contents.capability });
    }),
  );
});
