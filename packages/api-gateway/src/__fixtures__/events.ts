import type {
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import type { AuthorizerEvents, AuthorizerType } from '../authorizer-options';
import httpV1 from './http-v1-event.json';
import httpV2 from './http-v2-event.json';
import restRequest from './rest-request-event.json';
import restToken from './rest-token-event.json';

// The JSON files are AWS's documented example payloads (API Gateway developer guide: "Input to an API
// Gateway Lambda authorizer" and "Control access to HTTP APIs with AWS Lambda authorizers"), with the
// Authorization header added. These builders put a caller's header and route into a copy.

/** Which route a request calls: the route template and the concrete path. */
export interface RouteCall {
  method: string;
  /** The route as declared, e.g. `/reports/{id}`. */
  route: string;
  /** The path called, e.g. `/reports/42`. Defaults to `route`. */
  path?: string;
}

const defaultCall: RouteCall = { method: 'GET', route: '/request' };
const api = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/test';

function arnOf(call: RouteCall): string {
  return `${api}/${call.method}${call.path ?? call.route}`;
}

function copy<T>(value: unknown): T {
  return structuredClone(value) as T;
}

export function restTokenEvent(
  authorization: string | undefined,
  call = defaultCall,
): APIGatewayTokenAuthorizerEvent {
  const event = copy<APIGatewayTokenAuthorizerEvent>(restToken);
  event.methodArn = arnOf(call);
  // API Gateway never invokes a TOKEN authorizer without its token source; `undefined` here models a
  // direct invocation (a test console, a misconfigured integration).
  event.authorizationToken = authorization as string;
  return event;
}

function withRequest(
  event: APIGatewayRequestAuthorizerEvent,
  authorization: string | undefined,
  call: RouteCall,
) {
  event.methodArn = arnOf(call);
  event.resource = call.route;
  event.path = call.path ?? call.route;
  event.httpMethod = call.method;
  const headers = event.headers ?? {};
  if (authorization === undefined) delete headers.Authorization;
  else headers.Authorization = authorization;
  event.multiValueHeaders = null;
  return event;
}

export function restRequestEvent(
  authorization: string | undefined,
  call = defaultCall,
): APIGatewayRequestAuthorizerEvent {
  return withRequest(copy(restRequest), authorization, call);
}

export function httpV1Event(
  authorization: string | undefined,
  call = defaultCall,
): APIGatewayRequestAuthorizerEvent {
  const event = withRequest(copy(httpV1), authorization, call) as APIGatewayRequestAuthorizerEvent & {
    identitySource?: string;
    authorizationToken?: string;
  };
  event.identitySource = authorization ?? '';
  event.authorizationToken = authorization ?? '';
  return event;
}

export function httpV2Event(
  authorization: string | undefined,
  call = defaultCall,
): APIGatewayRequestAuthorizerEventV2 {
  const event = copy<APIGatewayRequestAuthorizerEventV2>(httpV2);
  const routeKey = `${call.method} ${call.route}`;
  event.routeArn = arnOf(call);
  event.routeKey = routeKey;
  event.rawPath = `/test${call.path ?? call.route}`;
  event.requestContext.routeKey = routeKey;
  event.requestContext.http.method = call.method;
  event.requestContext.http.path = event.rawPath;
  const headers = event.headers ?? {};
  if (authorization === undefined) delete headers.authorization;
  else headers.authorization = authorization;
  event.identitySource = authorization === undefined ? [] : [authorization];
  return event;
}

const builders = {
  'rest-token': restTokenEvent,
  'rest-request': restRequestEvent,
  'http-v1': httpV1Event,
  'http-v2': httpV2Event,
} satisfies {
  [Type in AuthorizerType]: (authorization: string | undefined, call?: RouteCall) => AuthorizerEvents[Type];
};

/** The event API Gateway sends to an authorizer of `type` for a call with this `Authorization` value. */
export function eventFor<Type extends AuthorizerType>(
  type: Type,
  authorization: string | undefined,
  call: RouteCall = defaultCall,
): AuthorizerEvents[Type] {
  return builders[type](authorization, call) as AuthorizerEvents[Type];
}

export const authorizerTypes: readonly AuthorizerType[] = [
  'rest-token',
  'rest-request',
  'http-v1',
  'http-v2',
];
