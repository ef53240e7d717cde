import { decodeJwt, decodeProtectedHeader } from 'jose';

/** Why an HTTP API JWT authorizer would refuse a token. */
export type JwtAuthorizerProblemCode =
  | 'malformed_token'
  | 'unsupported_algorithm'
  | 'missing_kid'
  | 'issuer_mismatch'
  | 'missing_audience'
  | 'audience_mismatch'
  | 'expired'
  | 'not_yet_valid';

/** One reason, with how to fix it. */
export interface JwtAuthorizerProblem {
  code: JwtAuthorizerProblemCode;
  message: string;
}

/** The verdict of {@link checkJwtAuthorizerToken}. */
export interface JwtAuthorizerCheck {
  /** `true` when the token's claims satisfy the authorizer (its signature is checked by AWS, not here). */
  passes: boolean;
  problems: JwtAuthorizerProblem[];
  /** The session token template that adds the missing `aud`, when that is a problem. */
  sessionTokenTemplate?: string;
}

/** The HTTP API JWT authorizer's configuration: issuer URL and audiences. */
export interface JwtAuthorizerConfiguration {
  /** The authorizer's Issuer URL: your Frontend API URL, exactly as the token's `iss` writes it. */
  issuer: string;
  /** The authorizer's Audience list; the token's `aud` (or `client_id`) must contain one. */
  audience: string | readonly string[];
  /** For `exp`/`nbf`; default now. */
  now?: Date;
}

/**
 * Tells whether a Clerk session token would pass an API Gateway HTTP API **JWT authorizer** (the guide's
 * no-code path) configured with `issuer` and `audience`: RS256 with a `kid`, `iss` equal to the issuer
 * URL, an `aud` in the audience list, not expired. Clerk tokens carry no `aud` unless the session token
 * template adds one, which is the usual reason for a 401 there. Decodes only: AWS checks the signature
 * against `<issuer>/.well-known/jwks.json`.
 *
 * @example
 * const check = checkJwtAuthorizerToken(await getToken(), {
 *   issuer: 'https://clerk.example.com',
 *   audience: 'ClerkJwtAuthorizer',
 * });
 * if (!check.passes) console.warn(check.problems, check.sessionTokenTemplate);
 */
export function checkJwtAuthorizerToken(
  token: string,
  configuration: JwtAuthorizerConfiguration,
): JwtAuthorizerCheck {
  const audience = [configuration.audience].flat();
  const problems: JwtAuthorizerProblem[] = [];
  let header: { alg?: unknown; kid?: unknown };
  let payload: Record<string, unknown>;
  try {
    const jwt = token.replace(/^bearer\s+/i, '').trim();
    header = decodeProtectedHeader(jwt);
    payload = decodeJwt(jwt);
  } catch {
    return {
      passes: false,
      problems: [
        { code: 'malformed_token', message: 'not a JWT. Pass the session token from `getToken()`.' },
      ],
    };
  }
  if (header.alg !== 'RS256') {
    problems.push({
      code: 'unsupported_algorithm',
      message: `alg ${JSON.stringify(header.alg)}: the JWT authorizer verifies RS256 session tokens only.`,
    });
  }
  if (typeof header.kid !== 'string' || !header.kid) {
    problems.push({
      code: 'missing_kid',
      message: 'no kid header: the authorizer cannot pick a key from the JWKS.',
    });
  }
  if (payload.iss !== configuration.issuer) {
    problems.push({
      code: 'issuer_mismatch',
      message: `iss ${JSON.stringify(payload.iss)} is not the Issuer URL ${JSON.stringify(configuration.issuer)}. Set the Issuer URL to your Frontend API URL exactly (no trailing slash).`,
    });
  }
  const tokenAudience = [payload.aud ?? payload.client_id].flat().filter((value) => value !== undefined);
  if (tokenAudience.length === 0) {
    problems.push({
      code: 'missing_audience',
      message:
        'no aud claim: Clerk session tokens have none by default. Add it in Clerk Dashboard, Sessions, Customize session token.',
    });
  } else if (!tokenAudience.some((value) => typeof value === 'string' && audience.includes(value))) {
    problems.push({
      code: 'audience_mismatch',
      message: `aud ${JSON.stringify(payload.aud ?? payload.client_id)} is not in the authorizer's Audience ${JSON.stringify(audience)}.`,
    });
  }
  const now = Math.floor((configuration.now ?? new Date()).getTime() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp <= now) {
    problems.push({
      code: 'expired',
      message: 'the token is expired (Clerk tokens live 60 s): check with a fresh `getToken()`.',
    });
  }
  if (typeof payload.nbf === 'number' && payload.nbf > now) {
    problems.push({
      code: 'not_yet_valid',
      message: 'nbf is in the future: check the clock of the machine that checks.',
    });
  }
  const audienceProblem = problems.some(
    (problem) => problem.code === 'missing_audience' || problem.code === 'audience_mismatch',
  );
  return {
    passes: problems.length === 0,
    problems,
    ...(audienceProblem ? { sessionTokenTemplate: JSON.stringify({ aud: audience[0] }, null, 2) } : {}),
  };
}
