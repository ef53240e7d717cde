import { importJWK } from 'jose';
import { z } from 'zod';
import { ApiGatewayError } from './errors';

/** One public key of a Clerk instance's JWKS. */
export type ClerkJsonWebKey = JsonWebKey & { kid: string };

const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kid: z.string().min(1), kty: z.literal('RSA'), n: z.string(), e: z.string() }),
  ),
});

/** How keys are fetched and kept. */
export interface JwksCacheOptions {
  /** The instance's JWKS, `https://<frontend api>/.well-known/jwks.json`: public, no secret key needed. */
  url: string;
  fetch: typeof fetch;
  /** How long a fetched set is trusted before the next verification fetches it again. */
  maxAgeMs: number;
  /**
   * After a refetch that still lacks the requested `kid`, how long unknown `kid`s are refused without
   * fetching, so a flood of forged tokens cannot turn the authorizer into a JWKS fetcher (aws-jwt-verify's
   * "penalty box"). A real rotation is picked up by the first token that carries the new `kid`.
   */
  penaltyMs: number;
  now: () => number;
}

/**
 * A JWKS fetched once and kept in the Lambda instance's memory across invocations, each key imported
 * into Web Crypto once (importing is most of a first verification's cost). Concurrent first requests
 * share one fetch; a key rotation (a new `kid`) refetches, at most once per interval.
 */
export function createJwksCache(options: JwksCacheOptions) {
  let keys = new Map<string, ClerkJsonWebKey>();
  let imported = new Map<string, Promise<CryptoKey>>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  let penaltyUntil = Number.NEGATIVE_INFINITY;

  async function load(): Promise<void> {
    let body: unknown;
    try {
      const response = await options.fetch(options.url, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new ApiGatewayError(
        'jwks_unavailable',
        `could not fetch the JWKS at ${options.url}. Check \`issuer\`/\`jwksUrl\` and the Lambda's outbound network, or pass \`jwtKey\` to verify without the network.`,
        { cause: error },
      );
    }
    const parsed = jwksSchema.safeParse(body);
    if (!parsed.success) {
      throw new ApiGatewayError(
        'jwks_unavailable',
        `${options.url} did not answer with a JWKS of RSA keys. Point \`jwksUrl\` at your Frontend API's /.well-known/jwks.json.`,
        { cause: parsed.error },
      );
    }
    keys = new Map(parsed.data.keys.map((key) => [key.kid, key as ClerkJsonWebKey]));
    imported = new Map();
    fetchedAt = options.now();
  }

  function refresh(): Promise<void> {
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  function importKey(jwk: ClerkJsonWebKey): Promise<CryptoKey> {
    let key = imported.get(jwk.kid);
    if (!key) {
      // Clerk signs session tokens with RS256 only: the key is imported for exactly that algorithm.
      key = (importJWK(jwk, 'RS256') as Promise<CryptoKey>).catch((error: unknown) => {
        throw new ApiGatewayError(
          'jwks_unavailable',
          `the key "${jwk.kid.slice(0, 64)}" of ${options.url} is not an RSA public key Web Crypto can import. Point \`jwksUrl\` at your Frontend API's /.well-known/jwks.json.`,
          { cause: error },
        );
      });
      imported.set(jwk.kid, key);
    }
    return key;
  }

  return {
    /**
     * The imported key for a token's `kid`, or `undefined` when the instance has none.
     *
     * @throws {ApiGatewayError} `jwks_unavailable` when the set cannot be fetched or a key imported.
     */
    async keyFor(kid: string): Promise<CryptoKey | undefined> {
      const now = options.now();
      if (now - fetchedAt > options.maxAgeMs) await refresh();
      else if (!keys.has(kid) && now >= penaltyUntil) {
        await refresh();
        if (!keys.has(kid)) penaltyUntil = options.now() + options.penaltyMs;
      }
      const jwk = keys.get(kid);
      return jwk ? importKey(jwk) : undefined;
    },
  };
}
