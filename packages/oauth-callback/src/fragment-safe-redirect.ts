import { z } from 'zod';
import { OAuthCallbackError } from './errors';

/** The statuses that make a browser follow `Location`. */
const redirectStatuses = [301, 302, 303, 307, 308] as const;

/** A redirect status: one of 301, 302, 303, 307, 308. */
export type RedirectStatus = (typeof redirectStatuses)[number];

// A Location is a header value: no whitespace or control characters (they would split or corrupt it).
const locationSchema = z.union([
  z.instanceof(URL),
  z
    .string()
    .min(1, 'is empty')
    .regex(/^[^\s\p{Cc}]+$/u, 'contains whitespace or control characters'),
]);

/**
 * The URL with a fragment of its own: `url` unchanged when it already has one, else `url + '#'`.
 *
 * A browser that follows a redirect whose `Location` has no fragment keeps the fragment of the URL it
 * was on (Fetch standard, "HTTP-redirect fetch"; RFC 9110 §10.2.2). After an OAuth callback, that
 * fragment can be a token an attacker asked the provider to put there (the Open Response Type attack).
 * An empty fragment is enough: the browser then has a fragment to use and drops the inherited one.
 *
 * @throws {OAuthCallbackError} `invalid_options` when `url` is empty or holds whitespace or control characters.
 * @example
 * fragmentSafeUrl('/settings/connections'); // '/settings/connections#'
 * fragmentSafeUrl('/settings#github'); // '/settings#github' (already its own fragment)
 */
export function fragmentSafeUrl(url: string | URL): string {
  const parsed = locationSchema.safeParse(url);
  if (!parsed.success) {
    throw new OAuthCallbackError(
      'invalid_options',
      `the redirect URL ${parsed.error.issues[0]?.message ?? 'is not valid'}. Pass an absolute URL or a path such as '/settings'.`,
    );
  }
  // `URL#hash` is '' both without a fragment and with an empty one: only the serialization tells them apart.
  const text = typeof parsed.data === 'string' ? parsed.data : parsed.data.href;
  return text.includes('#') ? text : `${text}#`;
}

/**
 * A redirect `Response` whose `Location` always carries a fragment of its own, so the browser drops
 * whatever fragment the current URL had (see {@link fragmentSafeUrl}). The response is
 * `Cache-Control: no-store`: a cached redirect (301s are cached by default) would replay a callback.
 *
 * @param url Absolute URL or path (a relative `Location` is resolved by the browser).
 * @param status 303 by default (the next request is a GET whatever the method was).
 * @throws {OAuthCallbackError} `invalid_options` for a bad URL or a status that is not a redirect.
 * @example
 * export async function GET(request: Request) {
 *   // ... exchange the code
 *   return fragmentSafeRedirect('/settings/connections');
 * }
 */
export function fragmentSafeRedirect(url: string | URL, status: RedirectStatus = 303): Response {
  if (!redirectStatuses.includes(status)) {
    throw new OAuthCallbackError(
      'invalid_options',
      `${String(status)} is not a redirect status. Use 301, 302, 303, 307 or 308.`,
    );
  }
  return new Response(null, {
    status,
    headers: { location: fragmentSafeUrl(url), 'cache-control': 'no-store' },
  });
}
