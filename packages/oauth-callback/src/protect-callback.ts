import { z } from 'zod';
import { OAuthCallbackError, type OAuthCallbackErrorCode, oauthCallbackErrorCodes } from './errors';
import { fragmentSafeRedirect } from './fragment-safe-redirect';
import { callbackHeaders, withFragmentSafeLocation, withHeaders } from './harden-response';

/**
 * The query parameter that marks the second leg of a refused callback: the browser has come back
 * through a redirect with a fragment of its own, so the error can now be shown without a token in the
 * URL bar. It also stops a redirect loop (Clerk's mitigation adds a parameter for the same reason).
 */
export const callbackErrorParameter = 'oauth_callback_error';

/** Options of {@link protectCallback}. */
export interface ProtectCallbackOptions {
  /**
   * Where a refused callback sends the browser (an absolute URL or a path starting with `/`), with
   * `oauth_callback_error=<code>` added to its query. By default the callback's path (its query, which
   * may hold a code, dropped), which then answers `{ error, message }` JSON with the error's status.
   */
  errorUrl?: string;
}

const optionsSchema = z.object({
  errorUrl: z
    .string()
    .refine((value) => value.startsWith('/') || URL.canParse(value), {
      error: 'must be an absolute URL or a path starting with /',
    })
    .optional(),
});

const codeSchema = z.enum(oauthCallbackErrorCodes).catch('invalid_callback');

/** `base` (absolute or a path) with `oauth_callback_error=<code>` in its query, keeping its own form. */
function withErrorParameter(base: string, code: OAuthCallbackErrorCode): string {
  const absolute = !base.startsWith('/');
  const url = new URL(base, 'http://relative.invalid');
  url.searchParams.set(callbackErrorParameter, code);
  return absolute ? url.href : `${url.pathname}${url.search}${url.hash}`;
}

function errorAnswer(code: OAuthCallbackErrorCode): Response {
  const error = new OAuthCallbackError(
    code,
    'the sign-in callback was refused. Start the sign-in again from the app.',
  );
  return Response.json(
    { error: code, message: error.message },
    { status: error.status, headers: callbackHeaders },
  );
}

/**
 * Wraps an OAuth callback route handler so that nothing it answers can carry a token onward:
 *
 * - every redirect it answers gets a fragment of its own (the browser drops the inherited one);
 * - every answer is `Cache-Control: no-store` and `Referrer-Policy: no-referrer`;
 * - when it throws an `OAuthCallbackError` (from `validateCallback`), the browser is redirected with a
 *   fragment of its own to `errorUrl` (default: the callback itself) with `oauth_callback_error=<code>`,
 *   and that second request answers the error. This is Clerk's mitigation: a callback that found no
 *   code in its query may have a token in its fragment, and must not render a page that keeps it.
 *
 * Any other error is rethrown (Next.js's `redirect()` signals with one: use this package's `/next`
 * `redirect` inside the handler, it adds the fragment).
 *
 * @throws {OAuthCallbackError} `invalid_options` for a malformed `errorUrl`, when wrapping.
 * @example
 * export const GET = protectCallback(async (request) => {
 *   const { parameters } = await validateCallback(request, await readExpected());
 *   // ... exchange the code, store the connection
 *   return fragmentSafeRedirect('/settings/connections');
 * });
 */
export function protectCallback<Incoming extends Request, Rest extends unknown[]>(
  handler: (request: Incoming, ...rest: Rest) => Response | Promise<Response>,
  options: ProtectCallbackOptions = {},
): (request: Incoming, ...rest: Rest) => Promise<Response> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new OAuthCallbackError(
      'invalid_options',
      `protectCallback's errorUrl ${parsed.error.issues[0]?.message}. Pass a path such as '/settings?tab=connections'.`,
    );
  }
  const { errorUrl } = parsed.data;
  return async (request, ...rest) => {
    const url = new URL(request.url);
    const shown = url.searchParams.get(callbackErrorParameter);
    if (shown !== null) return errorAnswer(codeSchema.parse(shown));
    try {
      const response = await handler(request, ...rest);
      return withHeaders(withFragmentSafeLocation(response), callbackHeaders);
    } catch (error) {
      if (!OAuthCallbackError.isInstance(error)) throw error;
      const target = withErrorParameter(errorUrl ?? url.pathname, error.code);
      return withHeaders(fragmentSafeRedirect(target, 303), callbackHeaders);
    }
  };
}
