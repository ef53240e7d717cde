import { constantTimeEqual, createHmacSha256, type HmacSigner } from '@clerkship/internal';
import { WebhooksHandlerError } from './errors';
import type { Rejection } from './rejection';
import { isSvixSecret } from './signing-secrets';
import { signingTime } from './signing-time';

/** Who sent a verified delivery, and when. */
export interface SvixDelivery {
  id: string;
  timestamp: Date;
}

export type SvixVerifier = (headers: Headers, body: string) => Promise<SvixDelivery | Rejection>;

/**
 * The HMAC key of a Clerk signing secret, `whsec_` followed by base64, decoded as Svix and the Standard
 * Webhooks libraries decode it. `source` names where the secret came from (an option or a variable).
 *
 * @throws {WebhooksHandlerError} `invalid_secret` when it is not that.
 */
export function svixSecretKey(secret: string, source: string): Uint8Array<ArrayBuffer> {
  if (!isSvixSecret(secret)) {
    throw new WebhooksHandlerError(
      'invalid_secret',
      `${source} is not a Clerk signing secret (\`whsec_\` followed by base64). Copy the Signing Secret of your endpoint again from the Clerk Dashboard (Webhooks, your endpoint).`,
    );
  }
  const encoded = secret.trim().slice('whsec_'.length);
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
  const signers: HmacSigner[] = keys.map((key) => createHmacSha256(key, 'base64'));
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
