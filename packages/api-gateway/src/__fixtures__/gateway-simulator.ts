import type { APIGatewayAuthorizerResult, Statement } from 'aws-lambda';
import type { AuthorizerEvents, AuthorizerType } from '../authorizer-options';
import { eventFor, type RouteCall } from './events';

/** What the client sees, and whether the authorizer ran for this request or its answer came from cache. */
export interface GatewayAnswer {
  status: 200 | 401 | 403 | 500;
  invoked: boolean;
  context?: Record<string, unknown> | null | undefined;
}

/** One API Gateway stage with a Lambda authorizer, as far as authorization goes. */
export interface GatewaySimulatorOptions<Type extends AuthorizerType> {
  type: Type;
  authorizer: (event: AuthorizerEvents[Type]) => Promise<unknown>;
  /** `authorizerResultTtlInSeconds`; API Gateway's default is 300. 0 disables caching. */
  ttlSeconds?: number;
  /**
   * The identity sources the cache key is made of. Default: the `Authorization` header alone, as the
   * guide configures it. HTTP APIs may add `$context.routeKey`.
   */
  identitySources?: ReadonlyArray<'authorization' | 'routeKey'>;
  now?: () => number;
}

// IAM's wildcard matching of a Resource: `*` is any run of characters (slashes included), `?` is one.
function resourceMatches(pattern: string, arn: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(arn);
}

function statementMatches(statement: Statement, arn: string): boolean {
  const resources = 'Resource' in statement ? [statement.Resource].flat() : [];
  return resources.some((resource) => typeof resource === 'string' && resourceMatches(resource, arn));
}

// API Gateway evaluates the cached policy against the ARN of *this* request: an explicit Deny wins,
// then an Allow, otherwise the request is denied.
function evaluatePolicy(result: APIGatewayAuthorizerResult, arn: string): 200 | 403 {
  const statements = result.policyDocument.Statement;
  if (statements.some((statement) => statement.Effect === 'Deny' && statementMatches(statement, arn)))
    return 403;
  return statements.some((statement) => statement.Effect === 'Allow' && statementMatches(statement, arn))
    ? 200
    : 403;
}

/**
 * An in-process API Gateway that applies an authorizer's answers with the gateway's caching rules: the
 * answer is cached under the identity sources' values for the TTL, and a cached policy is re-evaluated
 * against every later request's ARN, whatever route produced it.
 */
export function createGatewaySimulator<Type extends AuthorizerType>(options: GatewaySimulatorOptions<Type>) {
  const { type, ttlSeconds = 300, identitySources = ['authorization'], now = Date.now } = options;
  const cache = new Map<string, { answer: unknown; expiresAt: number }>();
  let invocations = 0;

  return {
    get invocations() {
      return invocations;
    },
    async call(authorization: string | undefined, route: RouteCall): Promise<GatewayAnswer> {
      // A request without its identity source never reaches the authorizer.
      if (!authorization) return { status: 401, invoked: false };
      const event = eventFor(type, authorization, route);
      const arn = 'routeArn' in event ? event.routeArn : event.methodArn;
      const key = identitySources
        .map((source) => (source === 'authorization' ? authorization : `${route.method} ${route.route}`))
        .join('\n');
      const cached = cache.get(key);
      let answer: unknown;
      let invoked = false;
      if (cached && cached.expiresAt > now()) {
        answer = cached.answer;
      } else {
        invoked = true;
        invocations += 1;
        try {
          answer = await options.authorizer(event);
        } catch (error) {
          return { status: error instanceof Error && error.message === 'Unauthorized' ? 401 : 500, invoked };
        }
        if (ttlSeconds > 0) cache.set(key, { answer, expiresAt: now() + ttlSeconds * 1000 });
      }
      if (type === 'http-v2') {
        const simple = answer as { isAuthorized: boolean; context?: Record<string, unknown> };
        return simple.isAuthorized === true
          ? { status: 200, invoked, context: simple.context }
          : { status: 403, invoked };
      }
      const policy = answer as APIGatewayAuthorizerResult;
      const status = evaluatePolicy(policy, arn);
      return status === 200 ? { status, invoked, context: policy.context } : { status, invoked };
    },
  };
}
