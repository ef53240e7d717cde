import { TestingError } from './errors';

/**
 * A fresh webhook signing secret in the `whsec_<base64>` form that both Svix (Clerk) and Stripe use.
 * Hand the same string to the handler under test and to the request builders.
 *
 * @example
 * const secret = createWebhookSecret();
 * const handler = createWebhooksHandler({ secret, onUserCreated });
 */
export function createWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export function assertWebhookSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || !/^whsec_[A-Za-z0-9+/=]{8,}$/.test(secret)) {
    throw new TestingError(
      'invalid_webhook_secret',
      'the webhook secret must look like `whsec_<base64>`. Use createWebhookSecret(), or the signing secret from the Clerk or Stripe dashboard.',
    );
  }
}
