import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { z } from 'zod';
import type { AuthorizerContext } from './claims-context';
import { ApiGatewayError } from './errors';
import { routeKeyPattern } from './execute-api-arn';
import type { ClerkSessionClaims } from './session-token-verifier';

/**
 * Which API Gateway authorizer the handler answers:
 * - `rest-token`: REST API, `TOKEN` authorizer (token source `Authorization`); IAM policy.
 * - `rest-request`: REST API, `REQUEST` authorizer; IAM policy.
 * - `http-v1`: HTTP API Lambda authorizer, payload format 1.0; IAM policy.
 * - `http-v2`: HTTP API Lambda authorizer, payload format 2.0 with simple responses.
 */
export type AuthorizerType = 'rest-token' | 'rest-request' | 'http-v1' | 'http-v2';

/** The event API Gateway sends for each authorizer type. */
export interface AuthorizerEvents {
  'rest-token': APIGatewayTokenAuthorizerEvent;
  'rest-request': APIGatewayRequestAuthorizerEvent;
  'http-v1': APIGatewayRequestAuthorizerEvent;
  'http-v2': APIGatewayRequestAuthorizerEventV2;
}

/** An HTTP API simple response (payload format 2.0, `EnableSimpleResponses: true`). */
export interface SimpleAuthorizerResult extends APIGatewaySimpleAuthorizerResult {
  context?: AuthorizerContext;
}

/** The answer API Gateway expects for each authorizer type. */
export interface AuthorizerResults {
  'rest-token': APIGatewayAuthorizerResult;
  'rest-request': APIGatewayAuthorizerResult;
  'http-v1': APIGatewayAuthorizerResult;
  'http-v2': SimpleAuthorizerResult;
}

/** A decision on verified claims; `true` allows. It may be async. */
export type AuthorizerRule<Type extends AuthorizerType> = (
  claims: ClerkSessionClaims,
  event: AuthorizerEvents[Type],
) => boolean | Promise<boolean>;

/** Options of {@link createClerkAuthorizer}. */
export interface ClerkAuthorizerOptions<Type extends AuthorizerType> {
  /** The API Gateway authorizer this handler answers. */
  type: Type;
  /**
   * Your Frontend API URL, e.g. `https://clerk.example.com` (Clerk Dashboard, API keys). The token's `iss`
   * must equal it; it also locates the JWKS when no `jwtKey` is given.
   */
  issuer: string;
  /** Origins your tokens are minted for (`azp`), e.g. `['https://app.example.com']`. At least one. */
  authorizedParties: readonly string[];
  /** When set, the token's `aud` must contain one of these (add `aud` in the session token template). */
  audience?: string | readonly string[];
  /**
   * Your instance's PEM public key (Clerk Dashboard, API keys, "Show JWT public key"): verification with
   * no network call at all. Without it, the JWKS is fetched once per Lambda instance.
   */
  jwtKey?: string;
  /** Where the JWKS is fetched when no `jwtKey` is given. Default: `${issuer}/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** Clock skew tolerated on `exp`, `nbf` and `iat`, in milliseconds. Default 5000 (Clerk's), at most 60000. */
  clockSkewInMs?: number;
  /** The header holding `Bearer <token>` for `REQUEST` authorizers. Default `authorization` (any case). */
  tokenHeader?: string;
  /**
   * Decides for the whole API, after the token is verified; `false` answers 403 on every route. API Gateway
   * caches the answer per token and reuses it on every route, so do not decide on the route here: use
   * `routes`. Default: every signed-in, active session.
   */
  authorize?: AuthorizerRule<Type>;
  /**
   * Per-route rules, keyed by the route as API Gateway writes it (`GET /reports/{id}`, `ANY /tasks`).
   * For policy answers every rule is evaluated and the policy names each route (`Allow` or `Deny`), so a
   * cached policy answers every route correctly. For `http-v2` only the requested `routeKey` is evaluated:
   * add `$context.routeKey` to the identity source (or set the TTL to 0). Unlisted routes are denied.
   */
  routes?: Readonly<Record<string, AuthorizerRule<Type>>>;
  /**
   * The context passed to your integration, merged over the default (`userId`, `sessionId`, `orgId`,
   * `orgRole`, `orgSlug`, `orgPermissions`). Values must be strings, numbers or booleans.
   */
  context?: (claims: ClerkSessionClaims) => Record<string, string | number | boolean | null | undefined>;
  /** Called with every refusal (401 and 403), e.g. to log `error.code`. Never receives the token. */
  onRefusal?: (error: ApiGatewayError, event: AuthorizerEvents[Type]) => void;
  /** The `fetch` used for the JWKS. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

const callable = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
  message: 'expected a function',
});

const optionsSchema = z.object({
  type: z.enum(['rest-token', 'rest-request', 'http-v1', 'http-v2']),
  issuer: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  authorizedParties: z.array(z.string().min(1)).min(1),
  audience: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .transform((audience) => (audience === undefined ? undefined : [audience].flat())),
  jwtKey: z
    .string()
    .refine(
      (pem) => pem.includes('-----BEGIN PUBLIC KEY-----'),
      'expected a PEM public key (-----BEGIN PUBLIC KEY-----)',
    )
    .optional(),
  jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  clockSkewInMs: z.number().int().min(0).max(60_000).default(5_000),
  tokenHeader: z.string().min(1).default('authorization'),
  authorize: callable.optional(),
  routes: z
    .record(z.string().regex(routeKeyPattern, 'expected a route key such as "GET /reports/{id}"'), callable)
    .refine((routes) => Object.keys(routes).length > 0, 'list at least one route, or leave `routes` out')
    .optional(),
  context: callable.optional(),
  onRefusal: callable.optional(),
  fetch: callable.optional(),
});

/** The options after validation and defaults. */
export type ResolvedAuthorizerOptions<Type extends AuthorizerType> = Omit<
  ClerkAuthorizerOptions<Type>,
  'audience' | 'clockSkewInMs' | 'tokenHeader' | 'jwksUrl' | 'fetch'
> & {
  audience: string[] | undefined;
  clockSkewInMs: number;
  tokenHeader: string;
  jwksUrl: string;
  fetch: typeof fetch;
};

/**
 * Validates the options once, when the authorizer is created (at cold start), so a mistake fails the
 * deployment's first request loudly instead of refusing every caller.
 *
 * @throws {ApiGatewayError} `invalid_options`.
 */
export function resolveAuthorizerOptions<Type extends AuthorizerType>(
  options: ClerkAuthorizerOptions<Type>,
): ResolvedAuthorizerOptions<Type> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`)
      .join('; ');
    throw new ApiGatewayError(
      'invalid_options',
      `invalid createClerkAuthorizer options (${problems}). Fix them.`,
      {
        cause: parsed.error,
      },
    );
  }
  const data = parsed.data;
  return {
    ...options,
    issuer: data.issuer,
    audience: data.audience,
    clockSkewInMs: data.clockSkewInMs,
    tokenHeader: data.tokenHeader,
    jwksUrl: data.jwksUrl ?? `${data.issuer}/.well-known/jwks.json`,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
}
