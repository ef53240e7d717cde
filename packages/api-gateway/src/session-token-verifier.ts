import { decodeJwt, verifyJwt } from '@clerk/backend/jwt';
import type { JwtPayload } from '@clerk/shared/types';
import { ApiGatewayError, type ApiGatewayErrorCode } from './errors';
import { createJwksCache } from './jwks-cache';

/** A verified Clerk session token payload, claim version 1 or 2, with your custom claims. */
export type ClerkSessionClaims = JwtPayload;

const maxRememberedTokens = 1000;

/** What a token must satisfy, already validated by `createClerkAuthorizer`. */
export interface SessionTokenVerifierOptions {
  issuer: string;
  authorizedParties: readonly string[];
  audience?: readonly string[] | undefined;
  jwtKey?: string | undefined;
  jwksUrl: string;
  clockSkewInMs: number;
  fetch: typeof fetch;
}

// Clerk's `TokenVerificationError.reason` values, by the code a caller of this package sees.
const codeOfReason: Record<string, ApiGatewayErrorCode> = {
  'token-invalid': 'malformed_token',
  'token-invalid-algorithm': 'invalid_algorithm',
  'token-invalid-signature': 'invalid_signature',
  'token-expired': 'token_expired',
  'token-not-active-yet': 'token_not_active_yet',
  'token-iat-in-the-future': 'token_not_active_yet',
  'token-invalid-authorized-parties': 'invalid_authorized_party',
  'token-invalid-issuer': 'invalid_issuer',
};

const hintOfCode: Partial<Record<ApiGatewayErrorCode, string>> = {
  token_expired: 'The client should send a fresh token from `getToken()` (Clerk tokens live 60 s).',
  token_not_active_yet: "Check the Lambda's clock, or raise `clockSkewInMs` (at most 60000).",
  invalid_authorized_party:
    'Add the origin the token was minted for to `authorizedParties`, or reject the caller.',
  invalid_signature: 'The token was not signed by this Clerk instance: check `jwtKey` / `issuer`.',
};

function refusal(error: unknown): ApiGatewayError {
  const reason = (error as { reason?: unknown } | null)?.reason;
  const message = error instanceof Error ? error.message : String(error);
  let code = typeof reason === 'string' ? codeOfReason[reason] : undefined;
  // Clerk reports a key it could not import, a missing `sub` and a non-numeric `exp` alike.
  code ??= message.startsWith('Error verifying JWT signature') ? 'invalid_signature' : 'malformed_token';
  const hint = hintOfCode[code] ?? 'Send a session token of this Clerk instance from `getToken()`.';
  return new ApiGatewayError(code, `the session token was refused: ${message} ${hint}`, { cause: error });
}

/**
 * Verifies Clerk session tokens with `@clerk/backend`'s own JWT verification (signature, `exp`/`nbf`/`iat`
 * with bounded skew, `azp`), then checks what it leaves to the caller: `iss`, `aud` and pending sessions.
 * The key is the PEM `jwtKey` (no network) or the instance's JWKS, fetched once per Lambda instance.
 */
export function createSessionTokenVerifier(options: SessionTokenVerifierOptions) {
  const jwks = options.jwtKey
    ? undefined
    : createJwksCache({
        url: options.jwksUrl,
        fetch: options.fetch,
        maxAgeMs: 3_600_000,
        penaltyMs: 30_000,
        now: Date.now,
      });
  const authorizedParties = [...options.authorizedParties];
  // Tokens verified by this Lambda instance, by their exact text (signature included), until they expire.
  // Clerk's verifyJwt imports the key on every call, which is most of its cost; a client sends the same
  // token for up to 60 s, and with a per-route cache key or a TTL of 0 API Gateway invokes us each time.
  const verified = new Map<string, ClerkSessionClaims>();

  async function keyOf(token: string): Promise<string | JsonWebKey> {
    if (options.jwtKey) return options.jwtKey;
    let kid: unknown;
    try {
      kid = decodeJwt(token).header.kid;
    } catch (error) {
      throw refusal(error);
    }
    if (typeof kid !== 'string' || !kid) {
      throw new ApiGatewayError(
        'malformed_token',
        'the session token has no `kid` header. Send a Clerk session token.',
      );
    }
    const key = await jwks?.keyFor(kid);
    if (!key) {
      throw new ApiGatewayError(
        'unknown_signing_key',
        `no key "${kid.slice(0, 64)}" in ${options.jwksUrl}. The token comes from another Clerk instance, or check \`issuer\`.`,
      );
    }
    return key;
  }

  function remembered(token: string): ClerkSessionClaims | undefined {
    const claims = verified.get(token);
    if (!claims) return undefined;
    if (claims.exp * 1000 > Date.now() - options.clockSkewInMs) return claims;
    verified.delete(token);
    return undefined;
  }

  function remember(token: string, claims: ClerkSessionClaims): void {
    if (verified.size >= maxRememberedTokens) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    verified.set(token, claims);
  }

  return async function verify(token: string): Promise<ClerkSessionClaims> {
    const known = remembered(token);
    if (known) return known;
    const key = await keyOf(token);
    let claims: ClerkSessionClaims;
    try {
      claims = await verifyJwt(token, { key, authorizedParties, clockSkewInMs: options.clockSkewInMs });
    } catch (error) {
      throw refusal(error);
    }
    if (claims.iss !== options.issuer) {
      throw new ApiGatewayError(
        'invalid_issuer',
        `the session token was issued by ${JSON.stringify(claims.iss)}, not ${options.issuer}. Set \`issuer\` to your Frontend API URL.`,
      );
    }
    if (options.audience) {
      const audience = options.audience;
      const tokenAudience = [(claims as { aud?: unknown }).aud].flat();
      if (!tokenAudience.some((value) => typeof value === 'string' && audience.includes(value))) {
        throw new ApiGatewayError(
          'invalid_audience',
          `the session token's aud ${JSON.stringify((claims as { aud?: unknown }).aud ?? null)} is not one of ${JSON.stringify(audience)}. Add \`"aud"\` to the session token template in the Clerk Dashboard.`,
        );
      }
    }
    // A pending session (v2 `sts`) has a task left, such as choosing an organization: Clerk treats it
    // as signed out by default, and so do we.
    if ((claims as { sts?: unknown }).sts === 'pending') {
      throw new ApiGatewayError(
        'session_pending',
        'the session is pending (a session task is not done yet). Let the user finish it, then send a new token.',
      );
    }
    remember(token, claims);
    return claims;
  };
}
