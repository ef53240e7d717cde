import { ApiGatewayError } from './errors';

// RFC 6750 §2.1: the scheme is case-insensitive, then one or more spaces, then the token.
const bearerPattern = /^bearer +(\S+) *$/i;

/**
 * The token of an `Authorization` header value (`Bearer <token>`). The guide's `split(' ')[1]` crashes
 * on a missing header and takes the password of a `Basic` header for a token; this refuses both.
 *
 * @throws {ApiGatewayError} `missing_token` when the value is absent or blank,
 * `invalid_authorization_scheme` when it is not a single bearer token.
 */
export function bearerTokenOf(value: string | null | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ApiGatewayError(
      'missing_token',
      'the request has no Authorization header. Send `Authorization: Bearer <session token>` from `getToken()`.',
    );
  }
  const match = bearerPattern.exec(value.trim());
  if (!match?.[1]) {
    const scheme = value.trim().split(/\s+/, 1)[0] ?? '';
    throw new ApiGatewayError(
      'invalid_authorization_scheme',
      `the Authorization header is not \`Bearer <token>\` (it starts with "${scheme.slice(0, 20)}"). Send \`Authorization: Bearer <session token>\`.`,
    );
  }
  return match[1];
}
