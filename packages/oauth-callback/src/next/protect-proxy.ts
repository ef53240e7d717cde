// The value through `next/server`, the specifier Next's bundler maps for each runtime; the types
// through `next/server.js`, which node16/nodenext resolution finds too (Next has no `exports` map).
import { NextResponse } from 'next/server';
import type { NextMiddleware, NextRequest } from 'next/server.js';
import { OAuthCallbackError } from '../errors';
import { callbackHeaders, withFragmentSafeLocation, withHeaders } from '../harden-response';

/** What a Next.js proxy (middleware) may answer. */
type ProxyResult = Awaited<ReturnType<NextMiddleware>>;

/** A Next.js proxy function, such as `clerkMiddleware()`. */
export type ProxyFunction<Rest extends unknown[] = unknown[]> = (
  request: NextRequest,
  ...rest: Rest
) => ProxyResult | Promise<ProxyResult>;

/** Options of {@link protectProxy}. */
export interface ProtectProxyOptions {
  /**
   * The app's OAuth callback paths: their answers are `Cache-Control: no-store` and
   * `Referrer-Policy: no-referrer`, even when the proxy lets the request through. A string matches the
   * pathname exactly; a RegExp is tested against it.
   */
  callbackPaths?: readonly (string | RegExp)[];
}

function matches(pathname: string, paths: readonly (string | RegExp)[]): boolean {
  return paths.some((path) => (typeof path === 'string' ? path === pathname : path.test(pathname)));
}

/**
 * Wraps the app's `proxy.ts` (Next.js 16; `middleware.ts` before) so that every redirect it answers has a
 * fragment of its own, whatever produced it (Clerk's sign-in redirect for a signed-out visitor landing
 * on a protected callback is one: without a fragment, the browser would carry a token in the callback
 * URL's fragment to the sign-in page). Callback paths also get `no-store` and `no-referrer`.
 *
 * @param proxy The proxy to wrap (e.g. `clerkMiddleware()`); omit it to only protect callback paths.
 * @throws {OAuthCallbackError} `invalid_options` when `callbackPaths` holds something else than strings and RegExps.
 * @example
 * // proxy.ts
 * import { clerkMiddleware } from '@clerk/nextjs/server';
 * import { protectProxy } from '@clerkship/oauth-callback/next';
 *
 * export default protectProxy(clerkMiddleware(), { callbackPaths: ['/api/oauth/github/callback'] });
 */
export function protectProxy<Rest extends unknown[]>(
  proxy?: ProxyFunction<Rest>,
  options: ProtectProxyOptions = {},
): (request: NextRequest, ...rest: Rest) => Promise<Response | undefined> {
  const callbackPaths = options.callbackPaths ?? [];
  if (!callbackPaths.every((path) => typeof path === 'string' || path instanceof RegExp)) {
    throw new OAuthCallbackError(
      'invalid_options',
      "protectProxy's callbackPaths must be pathnames or regular expressions. Pass e.g. ['/api/oauth/github/callback'].",
    );
  }
  return async (request, ...rest) => {
    const answer = (await proxy?.(request, ...rest)) ?? undefined;
    const callback = matches(request.nextUrl.pathname, callbackPaths);
    if (answer === undefined || answer === null)
      return callback ? NextResponse.next({ headers: callbackHeaders }) : undefined;
    const safe = withFragmentSafeLocation(answer);
    return callback ? withHeaders(safe, callbackHeaders) : safe;
  };
}
