import { WebhooksHandlerError } from './errors';

/** A signing secret and where it came from, for messages that must name the source, never the secret. */
export interface SigningSecret {
  value: string;
  source: string;
}

// `whsec_` and the standard base64 of the key, as the Clerk Dashboard shows it. Svix's libraries also take
// the bare base64, but a Clerk secret always has the prefix: requiring it catches a wrong value
// (`secret: 'nope'` is valid base64; at least 8 characters of it, as no real key is shorter) when the handler is created instead of at every delivery.
const svixSecret =
  /^whsec_(?=[A-Za-z0-9+/=]{8,}$)(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether `secret` (trimmed) is a Clerk (Svix) signing secret: `whsec_` followed by base64. */
export function isSvixSecret(secret: string): boolean {
  return svixSecret.test(secret.trim());
}

/**
 * Where a Clerk (Svix) signing secret is looked up when none is passed, in order: the name Clerk's
 * `verifyWebhook` reads, then the one of Clerk's older guides and the community package.
 */
export const clerkSecretVariables = ['CLERK_WEBHOOK_SIGNING_SECRET', 'WEBHOOK_SECRET'] as const;

/**
 * The `secret` option as a list: one secret, or several while one is being rotated. `undefined` when it
 * is absent or blank, as the guides' `secret: process.env.X as string` is while Next.js builds without
 * X: the environment is then read at the first request.
 *
 * @throws {WebhooksHandlerError} `invalid_secret` for anything but a string or a non-empty string array.
 */
export function secretOption(option: unknown): SigningSecret[] | undefined {
  if (option === undefined || (typeof option === 'string' && option.trim() === '')) return undefined;
  const secrets: unknown = typeof option === 'string' ? [option] : option;
  if (
    !Array.isArray(secrets) ||
    secrets.length === 0 ||
    secrets.some((secret) => typeof secret !== 'string')
  ) {
    throw new WebhooksHandlerError(
      'invalid_secret',
      '`secret` must be the signing secret string (`whsec_...`) or a non-empty array of them.',
    );
  }
  return secrets.map((value: string, index) => ({
    value: value.trim(),
    source: secrets.length > 1 ? `\`secret[${index}]\`` : '`secret`',
  }));
}

/**
 * The first of `variables` that is set, where the runtime has `process.env` (Node, Next.js edge,
 * Vercel, Bun, Deno).
 *
 * @throws {WebhooksHandlerError} `missing_secret`, with `setup` saying where to get one.
 */
export function environmentSecret(variables: readonly string[], setup: string): SigningSecret {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  for (const name of variables) {
    const value = env?.[name]?.trim();
    if (value) return { value, source: name };
  }
  throw new WebhooksHandlerError('missing_secret', `no webhook signing secret. ${setup}`);
}
