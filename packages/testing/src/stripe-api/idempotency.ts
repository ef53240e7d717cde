import { invalidRequest, StripeRequestError } from './stripe-request-error';

/** A stored answer: what the first request with a key got. */
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
}

/**
 * Stripe's idempotency for `POST`s (docs.stripe.com/api/idempotent_requests): the first answer to a key
 * is saved once the endpoint started executing (so a request refused by validation, 400/404, is not),
 * a retry with the same key and the same request gets it replayed, and the same key with another
 * request is refused with 400 `idempotency_error`. Keys are per API key.
 */
export class IdempotencyStore {
  private readonly saved = new Map<string, StoredResponse>();

  /** The saved answer to replay, `undefined` to run the request, or throws on a mismatch. */
  replay(apiKey: string, key: string, fingerprint: string): StoredResponse | undefined {
    const saved = this.saved.get(`${apiKey}\n${key}`);
    if (!saved) return undefined;
    if (saved.fingerprint !== fingerprint)
      throw new StripeRequestError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    return saved;
  }

  save(apiKey: string, key: string, response: StoredResponse) {
    if (response.status === 400 || response.status === 404) return;
    this.saved.set(`${apiKey}\n${key}`, response);
  }
}

/** Stripe caps keys at 255 characters. */
export function checkIdempotencyKey(key: string) {
  if (key.length > 255)
    throw invalidRequest(
      'Idempotency key is too long: it must be at most 255 characters.',
      undefined,
      'idempotency_key_in_use',
    );
}
