import type { APIGatewayAuthorizerResult, Statement } from 'aws-lambda';
import { readAuthorizerEvent } from './authorizer-event';
import {
  type AuthorizerEvents,
  type AuthorizerResults,
  type AuthorizerRule,
  type AuthorizerType,
  type ClerkAuthorizerOptions,
  resolveAuthorizerOptions,
} from './authorizer-options';
import { bearerTokenOf } from './bearer-token';
import { type AuthorizerContext, defaultContext, scalarContext } from './claims-context';
import { ApiGatewayError } from './errors';
import { type ExecuteApiArn, parseExecuteApiArn, routeResource, stageResource } from './execute-api-arn';
import {
  type ClerkSessionClaims,
  createSessionTokenVerifier,
  type VerifiedSession,
} from './session-token-verifier';

/** A Lambda handler for one API Gateway authorizer type. */
export type ClerkAuthorizer<Type extends AuthorizerType> = (
  event: AuthorizerEvents[Type],
  context?: unknown,
) => Promise<AuthorizerResults[Type]>;

function policy(
  principalId: string,
  statements: Statement[],
  context?: AuthorizerContext,
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: statements },
    ...(context ? { context } : {}),
  };
}

function statement(effect: 'Allow' | 'Deny', resources: string[]): Statement {
  return { Action: 'execute-api:Invoke', Effect: effect, Resource: resources };
}

async function decide<Type extends AuthorizerType>(
  rule: AuthorizerRule<Type>,
  claims: ClerkSessionClaims,
  event: AuthorizerEvents[Type],
  name: string,
): Promise<boolean> {
  try {
    // Only a literal `true` allows: a rule that returns a truthy object by mistake denies.
    return (await rule(claims, event)) === true;
  } catch (error) {
    throw new ApiGatewayError(
      'authorize_failed',
      `${name} threw. Fix the rule; the request was refused with 500.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Creates the Lambda handler of an API Gateway authorizer for Clerk session tokens. It verifies the
 * token with `jose` (RS256 only, the key imported once per Lambda instance): signature, `iss`, `azp`,
 * `aud` when configured, `exp`/`nbf`/`iat` with bounded skew, and refuses pending sessions; then answers
 * exactly as the authorizer type requires:
 *
 * | type | not signed in (401) | denied (403) | allowed |
 * | --- | --- | --- | --- |
 * | `rest-token`, `rest-request` | throws `Error('Unauthorized')` | `Deny` policy | `Allow` policy |
 * | `http-v1` | `Deny` policy | `Deny` policy | `Allow` policy |
 * | `http-v2` | `{ isAuthorized: false }` | `{ isAuthorized: false }` | `{ isAuthorized: true, context }` |
 *
 * Policies never name just the requested method: API Gateway caches them per token and applies them to
 * every route, so they cover the whole stage (`authorize`) or name every route of `routes`.
 *
 * @example
 * // REST API, TOKEN authorizer with token source "Authorization"
 * export const handler = createClerkAuthorizer({
 *   type: 'rest-token',
 *   issuer: 'https://clerk.example.com',
 *   authorizedParties: ['https://app.example.com'],
 *   jwtKey: process.env.CLERK_JWT_KEY,
 *   routes: {
 *     'GET /tasks': (claims) => access.can(claims, 'org:tasks:view'),
 *     'GET /reports': (claims) => access.can(claims, 'org:reports:read'),
 *   },
 * });
 *
 * @throws {ApiGatewayError} `invalid_options` at creation. The handler throws `Error('Unauthorized')`
 * (REST, 401) and `ApiGatewayError` for deployment faults (`invalid_event`, `jwks_unavailable`,
 * `invalid_context`, `authorize_failed`: API Gateway answers 500).
 */
export function createClerkAuthorizer<Type extends AuthorizerType>(
  options: ClerkAuthorizerOptions<Type>,
): ClerkAuthorizer<Type> {
  const resolved = resolveAuthorizerOptions(options);
  const verify = createSessionTokenVerifier(resolved);
  const routes = Object.entries(resolved.routes ?? {});
  const type: AuthorizerType = resolved.type;

  function refuse(
    error: ApiGatewayError,
    event: AuthorizerEvents[Type],
    arn: ExecuteApiArn,
    principalId: string,
  ) {
    resolved.onRefusal?.(error, event);
    if (type === 'http-v2') return { isAuthorized: false };
    // REST maps exactly this message to 401; any other error is a 500.
    if (error.status === 401 && (type === 'rest-token' || type === 'rest-request'))
      throw new Error('Unauthorized');
    return policy(principalId, [statement('Deny', [stageResource(arn)])]);
  }

  return async function clerkAuthorizer(event) {
    const request = readAuthorizerEvent(type as Type, event, resolved.tokenHeader);
    const arn = parseExecuteApiArn(request.arn);
    let session: VerifiedSession;
    try {
      session = await verify(bearerTokenOf(request.authorization));
    } catch (error) {
      if (!ApiGatewayError.isInstance(error) || error.status !== 401) throw error;
      return refuse(error, event, arn, 'anonymous') as AuthorizerResults[Type];
    }
    const { claims } = session;

    const forbidden = (why: string) =>
      refuse(
        new ApiGatewayError(
          'forbidden',
          `${claims.sub} may not call ${why}. Grant the permission, or expect 403.`,
        ),
        event,
        arn,
        claims.sub,
      ) as AuthorizerResults[Type];

    if (resolved.authorize && !(await decide(resolved.authorize, claims, event, '`authorize`'))) {
      return forbidden('this API (authorize returned false)');
    }
    const context = {
      ...defaultContext(session),
      ...(resolved.context ? scalarContext(resolved.context(claims)) : {}),
    };

    if (type === 'http-v2') {
      if (routes.length > 0) {
        const rule = routes.find(([routeKey]) => routeKey === request.routeKey)?.[1];
        if (!rule || !(await decide(rule, claims, event, `the rule of ${request.routeKey}`))) {
          return forbidden(`${request.routeKey}`);
        }
      }
      return { isAuthorized: true, context } as AuthorizerResults[Type];
    }

    if (routes.length === 0) {
      return policy(
        claims.sub,
        [statement('Allow', [stageResource(arn)])],
        context,
      ) as AuthorizerResults[Type];
    }
    const allowed: string[] = [];
    const denied: string[] = [];
    for (const [routeKey, rule] of routes) {
      const resource = routeResource(arn, routeKey);
      ((await decide(rule, claims, event, `the rule of ${routeKey}`)) ? allowed : denied).push(resource);
    }
    const statements = [
      ...(allowed.length > 0 ? [statement('Allow', allowed)] : []),
      ...(denied.length > 0 ? [statement('Deny', denied)] : []),
    ];
    return policy(claims.sub, statements, context) as AuthorizerResults[Type];
  };
}
