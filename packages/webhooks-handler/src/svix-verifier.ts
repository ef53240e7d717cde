import { WebhooksHandlerError } from './errors';
import { type Base64Signer, constantTimeEqual, createBase64Signer } from './hmac-sha256';
import type { Rejection } from './rejection';
import { signingTime } from './signing-time';

/** Who sent a verified delivery, and when. */
export interface SvixDelivery {
  id: string;
  timestamp: Date;
}

export type SvixVerifier = (headers: Headers, body: string) => Promise<SvixDelivery | Rejection>;

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The HMAC key of a Svix signing secret: `whsec_` (optional) followed by base64, as Svix and the
 * Standard Webhooks libraries decode it.
 *
 * @throws {WebhooksHandlerError} `invalid_secret` when it is not that.
 */
export function svixSecretKey(secret: string, source: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.trim().replace(/^whsec_/, '');
  if (encoded.length === 0 || !base64.test(encoded)) {
    throw new WebhooksHandlerError(
      'invalid_secret',
      `the signing secret from ${source} is not a Svix secret (\`whsec_\` and base64). Copy it again from the Clerk Dashboard (Webhooks, your endpoint, Signing Secret).`,
    );
  }
  return Uint8Array.from(atob(encoded), (character) => character.charCodeAt(0));
}

/** A header by its Svix name, else its Standard Webhooks name; blank counts as missing. */
function header(headers: Headers, name: 'id' | 'timestamp' | 'signature'): string | undefined {
  const value = (headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`))?.trim();
  return value ? value : undefined;
}

/**
 * Verifies deliveries the way `svix`'s `Webhook.verify` does, byte for byte: HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with each secret, compared in constant time with every `v1,` entry of
 * the space-separated signature header (other versions are skipped), and a timestamp within
 * `toleranceSeconds` of now in both directions.
 */
export function createSvixVerifier(
  keys: readonly Uint8Array<ArrayBuffer>[],
  toleranceSeconds: number,
): SvixVerifier {
  const signers: Base64Signer[] = keys.map(createBase64Signer);
  return async (headers, body) => {
    const id = header(headers, 'id');
    const timestamp = header(headers, 'timestamp');
    const signature = header(headers, 'signature');
    const missing = [!id && 'svix-id', !timestamp && 'svix-timestamp', !signature && 'svix-signature'].filter(
      Boolean,
    );
    if (!id || !timestamp || !signature) {
      return {
        code: 'missing_header',
        message: `Missing ${missing.join(', ')} (or the webhook-* equivalent). Is this request from Clerk?`,
      };
    }
    const signedAt = signingTime(timestamp, toleranceSeconds, 'svix-timestamp');
    if (!(signedAt instanceof Date)) return signedAt;
    const candidates: string[] = [];
    for (const entry of signature.split(' ')) {
      const comma = entry.indexOf(',');
      if (comma > 0 && entry.slice(0, comma) === 'v1') candidates.push(entry.slice(comma + 1));
    }
    const prefix = `${id}.${timestamp}.`;
    for (const sign of signers) {
      const expected = await sign(prefix, body);
      for (const candidate of candidates) {
        if (constantTimeEqual(expected, candidate)) return { id, timestamp: signedAt };
      }
    }
    return {
      code: 'invalid_signature',
      message:
        candidates.length === 0
          ? 'svix-signature holds no v1 signature.'
          : 'No signature matches the body. Check the signing secret, and that the raw body reaches the handler unchanged.',
    };
  };
}
