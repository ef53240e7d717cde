import type { JwtPayload } from '@clerk/shared/types';
import { type ResolvedSubject, resolveSubject } from '@clerkship/internal';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { ApiGatewayError, type ApiGatewayErrorCode } from './errors';
import { createJwksCache } from './jwks-cache';
import { createNodeRs256, JwsError } from './node-rs256';

/** A verified Clerk session token payload, claim version 1 or 2, with your custom claims. */
export type ClerkSessionClaims = JwtPayload;

/** A verified token: its claims, and the signed-in session they describe (the family's subject rule). */
export interface VerifiedSession {
  claims: ClerkSessionClaims;
  subject: ResolvedSubject;
}

const maxRememberedTokens = 1000;

// Clerk signs session tokens with RS256. Pinning it refuses `alg: none`, HS256 with the public key as the
// secret, and every other algorithm before any key is used.
const algorithms = ['RS256'];

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

const hintOfCode: Partial<Record<ApiGatewayErrorCode, string>> = {
  token_expired: 'The client should send a fresh token from `getToken()` (Clerk tokens live 60 s).',
  token_not_active_yet: "Check the Lambda's clock, or raise `clockSkewInMs` (at most 60000).",
  invalid_algorithm: 'Clerk session tokens are RS256: send a session token from `getToken()`.',
  invalid_signature: 'The token was not signed by this Clerk instance: check `jwtKey` / `issuer`.',
  invalid_issuer: 'Set `issuer` to your Frontend API URL (Clerk Dashboard, API keys).',
  invalid_audience: 'Add `"aud"` to the session token template in the Clerk Dashboard, or change `audience`.',
};

function refused(code: ApiGatewayErrorCode, what: string, cause?: unknown): ApiGatewayError {
  const hint = hintOfCode[code] ?? 'Send a session token of this Clerk instance from `getToken()`.';
  return new ApiGatewayError(code, `the session token was refused: ${what}. ${hint}`, { cause });
}

function isJoseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_J');
}

// jose's error codes (stable across its versions and copies), by the code a caller of this package sees.
function refusalOf(error: unknown, options: SessionTokenVerifierOptions): ApiGatewayError {
  const { code, claim, message, payload } = (error ?? {}) as {
    code?: unknown;
    claim?: unknown;
    message?: unknown;
    payload?: Record<string, unknown>;
  };
  const what = typeof message === 'string' ? message : String(error);
  const claimed = (name: string) => JSON.stringify(payload?.[name] ?? null);
  switch (code) {
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return refused('invalid_algorithm', `its alg is not RS256 (${what})`, error);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return refused('invalid_signature', 'its signature does not match the key', error);
    case 'ERR_JWT_EXPIRED':
      return refused('token_expired', `it is expired (${what})`, error);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf') return refused('token_not_active_yet', `it is not valid yet (${what})`, error);
      if (claim === 'iss') {
        return refused('invalid_issuer', `its iss ${claimed('iss')} is not ${options.issuer}`, error);
      }
      if (claim === 'aud') {
        const audience = JSON.stringify(options.audience);
        return refused('invalid_audience', `its aud ${claimed('aud')} is not one of ${audience}`, error);
      }
      return refused('malformed_token', `a claim is missing or of the wrong type (${what})`, error);
    default:
      // JWSInvalid, JWTInvalid, JOSENotSupported: not a compact RS256 JWT with a JSON claims set.
      return refused('malformed_token', `it is not a well-formed JWT (${what})`, error);
  }
}

const refusalOfFault = {
  malformed: 'malformed_token',
  algorithm: 'invalid_algorithm',
  signature: 'invalid_signature',
} as const;

/**
 * Verifies Clerk session tokens with `jose` (`jwtVerify`, RS256 only): signature, `iss`, `aud` when
 * configured, `exp`/`nbf` with bounded clock skew; then what Clerk's own verification also checks (`typ`,
 * `sub`, `azp`, `iat` not in the future) and the family's signed-in rule (pending sessions and claims
 * Clerk's parser cannot read are signed out). The key is imported into Web Crypto once per Lambda
 * instance: from the PEM `jwtKey` (no network), or from the instance's JWKS, fetched once. On Node the
 * signature is checked with the synchronous `crypto.verify` and the registered claims here, with the
 * same rules and refusals as `jose` (the test suite runs both paths: Node, and the edge runtime).
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
  let pemKey: Promise<CryptoKey> | undefined;
  const nodeRs256 = createNodeRs256();
  const verifyOptions = {
    algorithms,
    issuer: options.issuer,
    ...(options.audience ? { audience: [...options.audience] } : {}),
    requiredClaims: ['sub', 'exp'],
    clockTolerance: options.clockSkewInMs / 1000,
  };
  // Tokens verified by this Lambda instance, by their exact text (signature included), until they expire:
  // a client sends the same token for up to 60 s, and with a per-route cache key or a TTL of 0 API Gateway
  // invokes us each time.
  const verified = new Map<string, VerifiedSession>();

  // jose reports what is wrong with a token as a JOSEError; anything else is about our key (Web Crypto
  // imports some malformed keys without complaint and fails when the key is used).
  function keyFault(error: unknown): ApiGatewayError {
    return options.jwtKey
      ? new ApiGatewayError(
          'invalid_options',
          '`jwtKey` cannot verify RS256 signatures. Paste the PEM from Clerk Dashboard, API keys, "Show JWT public key".',
          { cause: error },
        )
      : new ApiGatewayError(
          'jwks_unavailable',
          `a key of ${options.jwksUrl} cannot verify RS256 signatures. Point \`jwksUrl\` at your Frontend API's /.well-known/jwks.json.`,
          { cause: error },
        );
  }

  function importPem(pem: string): Promise<CryptoKey> {
    // A PEM pasted into an .env file or the Lambda console as one line often keeps its newlines as the
    // two characters `\n`.
    pemKey ??= importSPKI(pem.replaceAll('\\n', '\n'), 'RS256').catch((error: unknown) => {
      throw new ApiGatewayError(
        'invalid_options',
        '`jwtKey` is not an RSA public key Web Crypto can import. Paste the PEM from Clerk Dashboard, API keys, "Show JWT public key", with its BEGIN/END lines.',
        { cause: error },
      );
    });
    return pemKey;
  }

  async function keyOf(token: string): Promise<CryptoKey> {
    if (options.jwtKey) return importPem(options.jwtKey);
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch (error) {
      throw refusalOf(error, options);
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

  function remembered(token: string): VerifiedSession | undefined {
    const session = verified.get(token);
    if (!session) return undefined;
    if (session.claims.exp * 1000 > Date.now() - options.clockSkewInMs) return session;
    verified.delete(token);
    return undefined;
  }

  function remember(token: string, session: VerifiedSession): void {
    if (verified.size >= maxRememberedTokens) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    verified.set(token, session);
  }

  // The JWT rules jose applies with `verifyOptions`, in jose's order, for the Node path.
  function checkRegisteredClaims(payload: Record<string, unknown>): void {
    const wrongType = (what: string) =>
      refused('malformed_token', `a claim is missing or of the wrong type (${what})`);
    for (const name of ['sub', 'exp']) {
      if (!(name in payload)) throw wrongType(`missing required claim "${name}"`);
    }
    if (payload.iss !== options.issuer) {
      throw refused(
        'invalid_issuer',
        `its iss ${JSON.stringify(payload.iss ?? null)} is not ${options.issuer}`,
      );
    }
    if (options.audience) {
      const { aud } = payload;
      const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
      if (!audiences.some((value) => options.audience?.includes(value))) {
        const expected = JSON.stringify(options.audience);
        throw refused('invalid_audience', `its aud ${JSON.stringify(aud ?? null)} is not one of ${expected}`);
      }
    }
    for (const name of ['iat', 'nbf', 'exp']) {
      if (payload[name] !== undefined && typeof payload[name] !== 'number') {
        throw wrongType(`"${name}" claim must be a number`);
      }
    }
    const now = Math.floor(Date.now() / 1000);
    const tolerance = options.clockSkewInMs / 1000;
    if (typeof payload.nbf === 'number' && payload.nbf > now + tolerance) {
      throw refused('token_not_active_yet', 'it is not valid yet ("nbf" claim timestamp check failed)');
    }
    if ((payload.exp as number) <= now - tolerance) {
      throw refused('token_expired', 'it is expired ("exp" claim timestamp check failed)');
    }
  }

  async function verifySignatureAndClaims(
    token: string,
  ): Promise<{ payload: Record<string, unknown>; typ: unknown }> {
    const key = await keyOf(token);
    if (nodeRs256) {
      let verified: ReturnType<typeof nodeRs256>;
      try {
        verified = nodeRs256(token, key);
      } catch (error) {
        if (!(error instanceof JwsError)) throw keyFault(error);
        throw refused(refusalOfFault[error.fault], error.message, error);
      }
      checkRegisteredClaims(verified.payload);
      return { payload: verified.payload, typ: verified.header.typ };
    }
    try {
      const result = await jwtVerify(token, key, verifyOptions);
      return { payload: result.payload, typ: result.protectedHeader.typ };
    } catch (error) {
      throw isJoseError(error) ? refusalOf(error, options) : keyFault(error);
    }
  }

  // What Clerk's verifyJwt checks beyond the JWT rules jose applies.
  function checkClerkClaims(claims: Record<string, unknown>, typ: unknown): void {
    if (typ !== undefined && typ !== 'JWT') {
      throw refused('malformed_token', `its typ ${JSON.stringify(typ)} is not "JWT"`);
    }
    if (typeof claims.sub !== 'string') throw refused('malformed_token', 'its sub is not a string');
    if (typeof claims.azp !== 'string' || !options.authorizedParties.includes(claims.azp)) {
      throw new ApiGatewayError(
        'invalid_authorized_party',
        `the session token was minted for ${JSON.stringify(claims.azp ?? null)}, not one of ${JSON.stringify(options.authorizedParties)}. Add the origin the token was minted for to \`authorizedParties\`, or reject the caller.`,
      );
    }
    // jose checks iat only with maxTokenAge; Clerk refuses a token issued in the future.
    if (typeof claims.iat === 'number' && claims.iat * 1000 > Date.now() + options.clockSkewInMs) {
      throw refused('token_not_active_yet', 'its iat is in the future');
    }
  }

  return async function verify(token: string): Promise<VerifiedSession> {
    const known = remembered(token);
    if (known) return known;
    const { payload, typ } = await verifySignatureAndClaims(token);
    checkClerkClaims(payload, typ);
    const claims = payload as unknown as ClerkSessionClaims;
    // The family's signed-in rule (@clerkship/internal): a pending session (v2 `sts`, a session task such
    // as choosing an organization is left) is signed out for Clerk, and so are claims its parser rejects.
    const subject = resolveSubject(claims);
    if (!subject) {
      throw claims.sts === 'pending'
        ? new ApiGatewayError(
            'session_pending',
            'the session is pending (a session task is not done yet). Let the user finish it, then send a new token.',
          )
        : refused(
            'malformed_token',
            'Clerk cannot read it as a session (an empty sub, or organization claims its parser rejects)',
          );
    }
    const session = { claims, subject };
    remember(token, session);
    return session;
  };
}
