import { createHmacSha256, createWebCryptoHmacSha256 } from '@clerkship/internal';
import { createWebhookSecret } from '@clerkship/testing';
import fc from 'fast-check';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { isRejection } from './rejection';
import { createSvixVerifier, svixSecretKey } from './svix-verifier';

const secret = createWebhookSecret();
const verify = createSvixVerifier([svixSecretKey(secret, 'test')], 300);

function headersFor(id: string, at: Date, signature: string): Headers {
  return new Headers({
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': signature,
  });
}

// Property tests: hundreds of signatures each, which takes seconds on a loaded CI machine.
describe('byte-compatible with svix', { timeout: 30_000 }, () => {
  it("accepts everything svix's own signer signs, and svix accepts the same", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/),
        fc.integer({ min: -290, max: 290 }),
        async (body, id, offset) => {
          const at = new Date(Date.now() + offset * 1000);
          const signature = new Webhook(secret).sign(id, at, body);
          const headers = headersFor(id, at, signature);
          const verified = await verify(headers, body);
          expect(isRejection(verified)).toBe(false);
          expect(() => new Webhook(secret).verify(body, Object.fromEntries(headers))).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses, like svix, a body with any one character changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 500 }),
        fc.nat(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        async (body, position, replacement) => {
          const index = position % body.length;
          fc.pre(body[index] !== replacement);
          const tampered = body.slice(0, index) + replacement + body.slice(index + 1);
          fc.pre(tampered !== body);
          const at = new Date();
          const headers = headersFor('msg_1', at, new Webhook(secret).sign('msg_1', at, body));
          expect(await verify(headers, tampered)).toMatchObject({ code: 'invalid_signature' });
          expect(() => new Webhook(secret).verify(tampered, Object.fromEntries(headers))).toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodes the key after whsec_ as svix does; a value without the prefix is not a Clerk secret', () => {
    expect(svixSecretKey(` ${secret} `, 'test')).toEqual(
      Uint8Array.from(atob(secret.slice('whsec_'.length)), (character) => character.charCodeAt(0)),
    );
    for (const wrong of [
      secret.slice('whsec_'.length),
      'nope',
      'whsec_',
      'whsec_abc=',
      'whsec_not base64!!',
    ]) {
      expect(() => svixSecretKey(wrong, '`secret`'), wrong).toThrowError(
        '@clerkship/webhooks-handler: `secret` is not a Clerk signing secret',
      );
    }
  });
});

describe('the signers', { timeout: 30_000 }, () => {
  it('Web Crypto (edge runtimes) and the native signer produce the same signatures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.string({ unit: 'binary', maxLength: 2000 }),
        async (key, body) => {
          const native = await createHmacSha256(Uint8Array.from(key), 'base64')('msg_1.1763900000.', body);
          const web = await createWebCryptoHmacSha256(Uint8Array.from(key), 'base64')(
            'msg_1.1763900000.',
            body,
          );
          expect(web).toBe(native);
        },
      ),
      { numRuns: 100 },
    );
  });
});
