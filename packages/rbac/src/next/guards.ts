import { auth as clerkAuth } from '@clerk/nextjs/server';
import { notFound, redirect } from 'next/navigation';
import type { Access, AccessResource, PermissionKey, RoleKey } from '../define-access';
import { ForbiddenError } from '../errors';
import type { AuthLike } from '../subject';

type ClerkAuth = Awaited<ReturnType<typeof clerkAuth>>;

/** How the guards behave. */
export interface NextGuardOptions<A extends AuthLike = ClerkAuth> {
  /** Where a signed-out visitor of a page is sent. Default: Clerk's `redirectToSignIn()`. */
  signInUrl?: string;
  /** What a page does when a check denies: `'not-found'` (default: hides that it exists) or a redirect. */
  forbiddenPage?: 'not-found' | { redirect: string };
  /** Reads the session. Default: Clerk's `auth()`; replace it in tests or for another source. */
  auth?: () => Promise<A>;
}

/** A session that passed a guard. */
export interface GuardedSession<A extends AuthLike = ClerkAuth> {
  /** The auth object the guard checked, for further `access.can` calls. */
  auth: A;
  userId: string;
  /** The tenant that owns data created now (active organization, else the user). */
  ownerId: string;
}

type RouteHandler<C, A extends AuthLike> = (
  request: Request,
  context: C & { session: GuardedSession<A> },
) => Response | Promise<Response>;

/** A path prefix of the app and the permission every request under it needs. */
export interface ProxyRule<P extends PermissionKey> {
  /** A path prefix such as `/admin` (matches `/admin` and `/admin/...`, not `/administrator`). */
  path: string;
  permission: P;
}

/** The shape of a `clerkMiddleware` handler: `(auth, request) => Response | undefined`. */
export type ProxyHandler<A extends AuthLike> = (
  auth: () => Promise<A>,
  request: Request,
) => Promise<Response | undefined>;

/** The guards for one access definition. */
export interface NextGuards<P extends PermissionKey, A extends AuthLike = ClerkAuth> {
  /**
   * For server components (pages and layouts). Signed out: sends to sign-in. Denied: `notFound()` or
   * the configured redirect.
   */
  page(permission?: P, resource?: AccessResource): Promise<GuardedSession<A>>;
  /**
   * For server actions: call it first in every action.
   *
   * @throws {ForbiddenError} `unauthenticated` or `forbidden`; nothing has changed when it throws.
   */
  action(permission?: P, resource?: AccessResource): Promise<GuardedSession<A>>;
  /**
   * Wraps a route handler: 401 JSON when signed out, 403 JSON when denied (also for a `ForbiddenError`
   * the handler throws, e.g. from `access.require` on a loaded resource).
   */
  route<C = unknown>(
    permission: P | undefined,
    handler: RouteHandler<C, A>,
  ): (request: Request, context: C) => Promise<Response>;
  /**
   * A `clerkMiddleware` handler that turns requests away early by path. A convenience on top of the
   * per-page, per-action and per-handler guards, never instead of them: a matcher gap must not open a hole.
   * Signed out: pages go to sign-in, other requests get 401 JSON. Denied: 404 for pages, 403 JSON otherwise.
   */
  proxy(rules: readonly ProxyRule<P>[]): ProxyHandler<A>;
}

/**
 * Guards for Next.js App Router pages, server actions and route handlers. Each guard calls `auth()`
 * itself, so put one in every page, action and handler (Clerk Core 3's advice): the proxy is not the
 * security boundary.
 *
 * @example
 * const guards = createNextGuards(access, { signInUrl: '/sign-in' });
 *
 * export default async function TasksPage() {
 *   const { ownerId } = await guards.page('org:tasks:view');
 *   ...
 * }
 *
 * export async function createTask(formData: FormData) {
 *   'use server';
 *   const { userId, ownerId } = await guards.action('org:tasks:edit');
 *   ...
 * }
 *
 * export const GET = guards.route('org:tasks:view', async (request, { session }) => Response.json(...));
 */
export function createNextGuards<P extends PermissionKey, R extends RoleKey, A extends AuthLike = ClerkAuth>(
  access: Access<P, R>,
  options: NextGuardOptions<A> = {},
): NextGuards<P, A> {
  const readAuth = options.auth ?? (clerkAuth as unknown as () => Promise<A>);

  async function check(permission: P | undefined, resource: AccessResource | undefined, source = readAuth) {
    const auth = await source();
    const ownerId = access.ownerId(auth);
    const userId = ownerId === null ? null : (auth.userId as string);
    if (ownerId === null || userId === null)
      return { auth, error: new ForbiddenError('signed_out', permission) };
    const reason = permission ? access.denialReason(auth, permission, resource) : null;
    if (reason) return { auth, error: new ForbiddenError(reason, permission) };
    return { auth, session: { auth, userId, ownerId } };
  }

  function deniedResponse(error: ForbiddenError): Response {
    return Response.json(
      { error: error.code, reason: error.reason, message: error.message },
      { status: error.status, headers: { 'cache-control': 'no-store' } },
    );
  }

  return {
    async page(permission, resource) {
      const result = await check(permission, resource);
      if (result.session) return result.session;
      if (result.error.code === 'unauthenticated') {
        if (options.signInUrl) redirect(options.signInUrl);
        const redirectToSignIn = (result.auth as { redirectToSignIn?: () => never }).redirectToSignIn;
        if (typeof redirectToSignIn === 'function') redirectToSignIn();
        redirect('/sign-in');
      }
      if (options.forbiddenPage && options.forbiddenPage !== 'not-found')
        redirect(options.forbiddenPage.redirect);
      notFound();
    },

    async action(permission, resource) {
      const result = await check(permission, resource);
      if (result.session) return result.session;
      throw result.error;
    },

    route(permission, handler) {
      return async (request, context) => {
        try {
          const result = await check(permission, undefined);
          if (!result.session) throw result.error;
          return await handler(request, { ...context, session: result.session });
        } catch (error) {
          if (!ForbiddenError.isInstance(error)) throw error;
          return deniedResponse(error);
        }
      };
    },

    proxy(rules) {
      return async (auth, request) => {
        const { pathname } = new URL(request.url);
        const rule = rules.find(
          ({ path }) => pathname === path || pathname.startsWith(`${path.replace(/\/$/, '')}/`),
        );
        if (!rule) return undefined;
        const result = await check(rule.permission, undefined, auth);
        if (result.session) return undefined;
        const isPage = request.headers.get('accept')?.includes('text/html') === true;
        if (!isPage) return deniedResponse(result.error);
        if (result.error.code === 'unauthenticated') {
          return Response.redirect(new URL(options.signInUrl ?? '/sign-in', request.url), 307);
        }
        if (options.forbiddenPage && options.forbiddenPage !== 'not-found') {
          return Response.redirect(new URL(options.forbiddenPage.redirect, request.url), 307);
        }
        return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
      };
    },
  };
}
