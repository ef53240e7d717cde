import { auth as clerkAuth } from '@clerk/nextjs/server';
import type { AccessSubject, PermissionKey } from '@clerkship/rbac';
import type { AblyPolicy } from '../ably-policy';
import { createAblyJwt } from '../create-ably-jwt';

/** How the token route behaves. */
export interface AblyTokenRouteOptions {
  /** The Ably API key; default `process.env.ABLY_API_KEY`, read per request. */
  apiKey?: string;
  /** Token lifetime in seconds (default 3 600, at most 86 400). The SDK fetches a new one before expiry. */
  ttlSeconds?: number;
  /** Reads the session; default Clerk's `auth()`. */
  auth?: () => Promise<AccessSubject>;
}

const noStore = { 'cache-control': 'no-store' };

function problem(status: number, error: string, message: string): Response {
  return Response.json({ error, message }, { status, headers: noStore });
}

/**
 * The route handler for Ably's `authUrl` (the guide's `/api/ably`): 401 JSON when signed out, 403 when
 * the policy grants nothing, else the JWT as `application/jwt`, with `clientId` = the Clerk user id.
 *
 * @example
 * // app/api/ably/route.ts
 * export const GET = createAblyTokenRoute(chatPolicy);
 * // client
 * const realtime = new Realtime({ authUrl: '/api/ably' });
 */
export function createAblyTokenRoute<P extends PermissionKey, C extends Record<string, unknown>>(
  policy: AblyPolicy<P, C>,
  options: AblyTokenRouteOptions = {},
): (request: Request) => Promise<Response> {
  const readAuth = options.auth ?? (clerkAuth as unknown as () => Promise<AccessSubject>);
  return async () => {
    const subject = await readAuth();
    const contents = policy.tokenContentsFor(subject);
    if (!contents) {
      const signedIn = (subject as { userId?: unknown } | null)?.userId;
      return typeof signedIn === 'string' &&
        signedIn &&
        (subject as { isAuthenticated?: boolean }).isAuthenticated !== false
        ? problem(403, 'forbidden', 'Your roles grant no Ably channels.')
        : problem(401, 'unauthenticated', 'Sign in to get an Ably token.');
    }
    const token = await createAblyJwt({
      apiKey: options.apiKey ?? process.env.ABLY_API_KEY ?? '',
      clientId: contents.clientId,
      capability: contents.capability,
      channelClaims: contents.channelClaims,
      ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    });
    return new Response(token, { headers: { 'content-type': 'application/jwt', ...noStore } });
  };
}
