// Values through `next/navigation` (Next's bundler maps it); types through `next/navigation.js`, which
// node16/nodenext resolution finds too.
import { permanentRedirect as nextPermanentRedirect, redirect as nextRedirect } from 'next/navigation';
import type { redirect as nextRedirectType } from 'next/navigation.js';
import { fragmentSafeUrl } from '../fragment-safe-redirect';

/** How the client router records the navigation after a server action: `'push'` or `'replace'`. */
export type RedirectType = Parameters<typeof nextRedirectType>[1];

/**
 * Next.js's `redirect()` with a fragment of its own on the URL (see `fragmentSafeUrl`), for server
 * components, server actions and route handlers. Like Next's, it throws the special error Next turns
 * into the redirect: call it outside `try`, or rethrow what you catch. Next copies the URL into
 * `Location` as is (route handlers, and page renders with or without `basePath`), so the fragment reaches
 * the browser, which then drops the one the current URL carried.
 *
 * @throws Next's redirect signal (always); `OAuthCallbackError` `invalid_options` for an empty or malformed URL.
 * @example
 * import { redirect } from '@clerkship/oauth-callback/next'; // instead of 'next/navigation'
 *
 * export async function GET(request: Request) {
 *   // ... validate the callback, exchange the code
 *   redirect('/settings/connections'); // Location: /settings/connections#
 * }
 */
export function redirect(url: string, type?: RedirectType): never {
  return nextRedirect(fragmentSafeUrl(url), type);
}

/**
 * Next.js's `permanentRedirect()` (308) with a fragment of its own on the URL. Browsers cache a
 * permanent redirect: never answer an OAuth callback with one; this is for the app's other redirects.
 *
 * @throws Next's redirect signal (always); `OAuthCallbackError` `invalid_options` for an empty or malformed URL.
 * @example
 * permanentRedirect('/settings/connections');
 */
export function permanentRedirect(url: string, type?: RedirectType): never {
  return nextPermanentRedirect(fragmentSafeUrl(url), type);
}
