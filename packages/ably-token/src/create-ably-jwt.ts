import { base64UrlOf, createHmacSha256, type HmacSigner } from '@clerkship/internal';
import { type Capability, normalizedCapability } from './capability';
import { AblyTokenError } from './errors';

/** What to put in an Ably JWT. */
export interface AblyJwtOptions {
  /** The Ably API key, `appId.keyId:keySecret`. Server-side only. */
  apiKey: string;
  /** The trusted client id (`x-ably-clientId`), e.g. the Clerk user id. `*` alone means any. */
  clientId?: string;
  /** Channels and the operations allowed on each. */
  capability: Capability;
  /** Lifetime in seconds: at most 86 400 (24 h, Ably's limit); default 3 600. */
  ttlSeconds?: number;
  /**
   * Channel-scoped claims Ably copies into every message's `extras.userClaim` (`ably.channel.<resource>`).
   * Keep them minimal: every subscriber reads them. Objects are sent as JSON.
   */
  channelClaims?: Record<string, string | Record<string, unknown>>;
  /** Issue time; defaults to now. */
  issuedAt?: Date;
}

/** Ably's JWT must fit in HTTP headers (about 8 KB). */
const maxTokenLength = 8192;
const maxTtlSeconds = 24 * 3600;
const apiKeyPattern = /^([^\s.:]+\.[^\s.:]+):(\S+)$/;

interface KeyMaterial {
  header: string;
  sign: HmacSigner;
}

// Keyed by the API key: the HMAC key is imported once, the header encoded once.
const keys = new Map<string, KeyMaterial>();
// Keyed by capability object: a policy hands out the same object for the same grants, so each one is
// validated and serialised once.
const capabilityJson = new WeakMap<object, string>();

function serialisedCapability(capability: Capability): string {
  const cached =
    typeof capability === 'object' && capability !== null ? capabilityJson.get(capability) : undefined;
  if (cached !== undefined) return cached;
  const json = JSON.stringify(normalizedCapability(capability));
  capabilityJson.set(capability, json);
  return json;
}

function keyMaterial(apiKey: unknown): KeyMaterial {
  if (typeof apiKey === 'string') {
    const cached = keys.get(apiKey);
    if (cached) return cached;
  }
  const match = typeof apiKey === 'string' ? apiKeyPattern.exec(apiKey) : null;
  if (!match) {
    throw new AblyTokenError(
      'invalid_api_key',
      'the Ably API key must read appId.keyId:keySecret (copy it from the Ably dashboard, API Keys). Set ABLY_API_KEY on the server only.',
    );
  }
  const [, keyName = '', secret = ''] = match;
  const material = {
    header: base64UrlOf(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: keyName })),
    sign: createHmacSha256(secret, 'base64url'),
  };
  keys.set(apiKey as string, material);
  return material;
}

/**
 * Mints an Ably JWT: header `kid` = the key name (`appId.keyId`), HS256 with the key secret, claims
 * `x-ably-capability` (a JSON string), `x-ably-clientId`, `iat`, `exp` and optional channel claims.
 * Runs on Node (native HMAC) and edge runtimes (Web Crypto); the key is imported once per API key.
 *
 * @example
 * const token = await createAblyJwt({
 *   apiKey: process.env.ABLY_API_KEY,
 *   clientId: userId,
 *   capability: { 'chat:general': ['subscribe', 'publish'] },
 * });
 *
 * @throws {AblyTokenError} `invalid_api_key`, `invalid_client_id`, `invalid_ttl`, `invalid_capability`,
 * `empty_capability`, `invalid_claim` or `token_too_large`.
 */
export async function createAblyJwt(options: AblyJwtOptions): Promise<string> {
  const { header, sign } = keyMaterial(options?.apiKey);
  const ttlSeconds = options.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > maxTtlSeconds) {
    throw new AblyTokenError(
      'invalid_ttl',
      `ttlSeconds must be a whole number from 1 to ${maxTtlSeconds} (24 h, Ably's maximum).`,
    );
  }
  const { clientId } = options;
  if (
    clientId !== undefined &&
    (typeof clientId !== 'string' || !clientId || (clientId.includes('*') && clientId !== '*'))
  ) {
    throw new AblyTokenError(
      'invalid_client_id',
      'clientId must be a non-empty string without `*` (or exactly `*`).',
    );
  }
  const issuedAt = Math.floor((options.issuedAt?.getTime() ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = {
    'x-ably-capability': serialisedCapability(options.capability),
    ...(clientId === undefined ? {} : { 'x-ably-clientId': clientId }),
    iat: issuedAt,
    exp: issuedAt + ttlSeconds,
  };
  for (const [resource, value] of Object.entries(options.channelClaims ?? {})) {
    if (!resource || (typeof value !== 'string' && (typeof value !== 'object' || value === null))) {
      throw new AblyTokenError(
        'invalid_claim',
        `channel claim "${resource}" must be a string or an object, on a channel or pattern.`,
      );
    }
    claims[`ably.channel.${resource}`] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const unsigned = `${header}.${base64UrlOf(JSON.stringify(claims))}`;
  const token = `${unsigned}.${await sign(unsigned)}`;
  if (token.length > maxTokenLength) {
    throw new AblyTokenError(
      'token_too_large',
      `the token is ${token.length} bytes; Ably JWTs must fit in about ${maxTokenLength}. Grant namespaces (chat:*) instead of many channels, or shrink the channel claims.`,
    );
  }
  return token;
}
