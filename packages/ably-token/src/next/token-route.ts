import { auth as clerkAuth } from '@clerk/nextjs/server';
import { type AuthLike, denialResponse, GuardError, resolveSubject } from '@clerkship/internal';
import type { AblyPolicy, PermissionKey } from '../ably-policy';
import { createAblyJwt } from '../create-ably-jwt';
import { AblyTokenError } from '../errors';

/** How the token route behaves. */
export interface AblyTokenRouteOptions {
  /**
   * The Ably API key (`appId.keyId:keySecret`), or a function that reads it per request. Default:
   * `process.env.ABLY_API_KEY`, read per request. Server-side only: never a `NEXT_PUBLIC_` variable.
   */
  apiKey?: string | (() => string | undefined);
  /** Token lifetime in seconds (default 3 600, at most 86 400). The SDK fetches a new one before expiry. */
  ttlSeconds?: number;
  /** Reads the session when the route is not wrapped in a guard; default Clerk's `auth()`. */
  auth?: () => Promise<AuthLike>;
}

const noStore = { 'cache-control': 'no-store' };

/** The context a guard's `route` hands its handler: with it, the session is read once, by the guard. */
interface GuardedContext {
  session?: { auth: unknown };
}

/**
 * The route handler for Ably's `authUrl` (the guide's `/api/ably`): 401 JSON when signed out or
 * pending, 403 when the policy grants nothing, else the JWT as `application/jwt` with `clientId` = the
 * Clerk user id. Use it alone, or inside the app's guard to add requirements with one `auth()` call.
 *
 * @example
 * // app/api/ably/route.ts
 * export const GET = createAblyTokenRoute(chatPolicy);
 * // or, with the waitlist too:
 * export const GET = guard.route(waitlist.approved, createAblyTokenRoute(chatPolicy));
 * // client
 * const realtime = new Realtime({ authUrl: '/api/ably' });
 */
export function createAblyTokenRoute<P extends PermissionKey, C extends Record<string, unknown>>(
  policy: AblyPolicy<P, C>,
  options: AblyTokenRouteOptions = {},
): (request: Request, context?: GuardedContext) => Promise<Response> {
  const readAuth: () => Promise<AuthLike> = options.auth ?? clerkAuth;
  const { apiKey: keyOption } = options;
  const readApiKey: () => string | undefined =
    typeof keyOption === 'function' ? keyOption : () => keyOption ?? process.env.ABLY_API_KEY;

  return async (_request, context) => {
    const subject = context?.session ? context.session.auth : await readAuth();
    if (!resolveSubject(subject)) return denialResponse(new GuardError('signed_out'));
    const contents = policy.tokenContentsFor(subject as AuthLike);
    if (!contents) {
      return denialResponse(
        new AblyTokenError(
          'empty_capability',
          'your roles grant no Ably channels. Ask an admin for a role with chat access.',
          {
            status: 403,
          },
        ) as AblyTokenError & { status: number },
      );
    }
    const apiKey = readApiKey();
    if (!apiKey) {
      // Our fault, not the caller's: a clear 500 rather than an exception page.
      const error = new AblyTokenError(
        'missing_api_key',
        'the server has no Ably API key. Set ABLY_API_KEY on the server (never NEXT_PUBLIC_) or pass apiKey.',
        { status: 500 },
      );
      console.error(error.message);
      return Response.json({ error: error.code, message: error.message }, { status: 500, headers: noStore });
    }
    const token = await createAblyJwt({
      apiKey,
      clientId: contents.clientId,
      capability: contents.capability,
      channelClaims: contents.channelClaims,
      ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    });
    return new Response(token, { headers: { 'content-type': 'application/jwt', ...noStore } });
  };
}
