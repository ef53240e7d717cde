import { ApiGatewayError } from './errors';

/** An `execute-api` ARN taken apart: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}`. */
export interface ExecuteApiArn {
  /** `arn:aws:execute-api:{region}:{account}:{apiId}` */
  api: string;
  stage: string;
  method: string;
  /** The request path with its leading slash, `/` for the root. */
  path: string;
}

const arnPattern = /^(arn:[a-z-]+:execute-api:[^:]*:[^:]*:[^/]+)\/([^/]+)\/([^/]+)(\/.*)?$/;

/**
 * Parses the `methodArn` (REST, HTTP API 1.0) or `routeArn` (HTTP API 2.0) of an authorizer event.
 *
 * @throws {ApiGatewayError} `invalid_event` when it is not an `execute-api` ARN.
 */
export function parseExecuteApiArn(arn: string): ExecuteApiArn {
  const match = arnPattern.exec(arn);
  if (!match?.[1] || !match[2] || !match[3]) {
    throw new ApiGatewayError(
      'invalid_event',
      `${JSON.stringify(arn.slice(0, 200))} is not an execute-api ARN. Attach the authorizer to an API Gateway API, and pick the \`type\` that matches it.`,
    );
  }
  return { api: match[1], stage: match[2], method: match[3], path: match[4] ?? '/' };
}

/** A route key as API Gateway writes it: `GET /reports/{id}`, `ANY /tasks/{proxy+}`. */
export const routeKeyPattern = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/[^\s]*)$/;

/**
 * The resource ARN a policy statement names for a route of the same API and stage: path parameters
 * become `*`, `ANY` becomes `*`. In IAM, `*` also matches `/`, which is why refused routes get an explicit
 * `Deny` (a `Deny` always wins).
 */
export function routeResource(arn: ExecuteApiArn, routeKey: string): string {
  const match = routeKeyPattern.exec(routeKey);
  const method = match?.[1] === 'ANY' ? '*' : (match?.[1] ?? '*');
  const path = (match?.[2] ?? '/*').replace(/\{[^}]+\}/g, '*');
  return `${arn.api}/${arn.stage}/${method}${path}`;
}

/** Every method and path of the API's stage. */
export function stageResource(arn: ExecuteApiArn): string {
  return `${arn.api}/${arn.stage}/*/*`;
}
