import { __experimental_JWTPayloadToAuthObjectProperties as authPropertiesOf } from '@clerk/shared/jwtPayloadParser';
import { ApiGatewayError } from './errors';
import type { VerifiedSession } from './session-token-verifier';

/**
 * What API Gateway passes to your integration (`$context.authorizer.<key>`, or
 * `event.requestContext.authorizer` in a Lambda). Values must be scalars: API Gateway rejects an
 * authorizer answer whose context holds an object or an array.
 */
export type AuthorizerContext = Record<string, string | number | boolean>;

/**
 * The default context: `userId`, `sessionId`, and with an active organization `orgId`, `orgRole`,
 * `orgSlug` and `orgPermissions` (comma-separated). Who is signed in and in which organization comes from
 * the family's subject rule; the session id, slug and permission list from Clerk's own claims parser,
 * which decodes version 2's compact `o`/`fea`/`fpm` claims (never by hand).
 */
export function defaultContext({ claims, subject }: VerifiedSession): AuthorizerContext {
  const auth = authPropertiesOf(claims);
  const context: AuthorizerContext = { userId: subject.userId };
  if (typeof auth.sessionId === 'string' && auth.sessionId) context.sessionId = auth.sessionId;
  if (subject.orgId) {
    context.orgId = subject.orgId;
    if (subject.orgRole) context.orgRole = subject.orgRole;
    if (typeof auth.orgSlug === 'string' && auth.orgSlug) context.orgSlug = auth.orgSlug;
    const permissions: unknown[] = Array.isArray(auth.orgPermissions) ? auth.orgPermissions : [];
    // Sorted, so claim versions 1 and 2 of the same grants give the same string.
    context.orgPermissions = permissions
      .filter((permission): permission is string => typeof permission === 'string')
      .sort()
      .join(',');
  }
  return context;
}

/**
 * Checks a context built by your `context(claims)` and drops `null`/`undefined` values.
 *
 * @throws {ApiGatewayError} `invalid_context` for an object, array, function or non-finite number.
 */
export function scalarContext(context: unknown): AuthorizerContext {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw new ApiGatewayError(
      'invalid_context',
      '`context(claims)` must return a plain object of strings, numbers and booleans.',
    );
  }
  const result: AuthorizerContext = {};
  for (const [key, value] of Object.entries(context)) {
    if (value === null || value === undefined) continue;
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      result[key] = value;
      continue;
    }
    throw new ApiGatewayError(
      'invalid_context',
      `context value "${key}" is ${Array.isArray(value) ? 'an array' : typeof value}; API Gateway accepts only strings, numbers and booleans. Join lists into one string (as orgPermissions is) or JSON.stringify objects.`,
    );
  }
  return result;
}
