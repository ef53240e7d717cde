import { z } from 'zod';
import type { AuthorizerEvents, AuthorizerType } from './authorizer-options';
import { ApiGatewayError } from './errors';

/** The parts of an authorizer event the handler reads. */
export interface AuthorizerRequest {
  /** `methodArn` or `routeArn`. */
  arn: string;
  /** The raw `Authorization` value, if any. */
  authorization: string | undefined;
  /** HTTP API 2.0 `routeKey`, e.g. `GET /reports/{id}`. */
  routeKey?: string;
}

const headers = z.record(z.string(), z.string().nullish()).nullish();
const eventSchemas = {
  'rest-token': z.object({
    type: z.literal('TOKEN'),
    methodArn: z.string(),
    authorizationToken: z.string().nullish(),
  }),
  'rest-request': z.object({ type: z.literal('REQUEST'), methodArn: z.string(), headers }),
  'http-v1': z.object({ type: z.literal('REQUEST'), methodArn: z.string(), headers }),
  'http-v2': z.object({
    type: z.literal('REQUEST'),
    version: z.literal('2.0'),
    routeArn: z.string(),
    routeKey: z.string(),
    headers,
  }),
};

function headerValue(
  values: Record<string, string | null | undefined> | null | undefined,
  name: string,
): string | undefined {
  if (!values) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(values)) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Reads the token and the ARN from the event of the configured authorizer type.
 *
 * @throws {ApiGatewayError} `invalid_event` when the event is of another type: the handler is attached to
 * the wrong kind of authorizer, a deployment fault (500), not the caller's.
 */
export function readAuthorizerEvent<Type extends AuthorizerType>(
  type: Type,
  event: AuthorizerEvents[Type],
  tokenHeader: string,
): AuthorizerRequest {
  const parsed = eventSchemas[type].safeParse(event);
  if (!parsed.success) {
    throw new ApiGatewayError(
      'invalid_event',
      `the event is not a ${type} authorizer event (${parsed.error.issues.map((issue) => issue.path.join('.') || 'event').join(', ')} did not match). Set \`type\` to the authorizer API Gateway invokes: rest-token, rest-request, http-v1 or http-v2.`,
      { cause: parsed.error },
    );
  }
  const data = parsed.data;
  if (data.type === 'TOKEN')
    return { arn: data.methodArn, authorization: data.authorizationToken ?? undefined };
  const authorization = headerValue(data.headers, tokenHeader);
  if ('routeArn' in data) return { arn: data.routeArn, authorization, routeKey: data.routeKey };
  return { arn: data.methodArn, authorization };
}
