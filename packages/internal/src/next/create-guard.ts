import { auth as clerkAuth } from '@clerk/nextjs/server';
import { notFound, redirect } from 'next/navigation';
import { isClientError } from '../clerkship-error';
import { checkRequirements, denialResponse } from '../guard/check-requirements';
import { GuardError } from '../guard/guard-error';
import type { GuardSubject, Requirement } from '../guard/requirement';
import type { StandardSchema } from '../standard-schema';
import { type AuthLike, extendSubject } from '../subject';

type ClerkAuth = Awaited<ReturnType<typeof clerkAuth>>;

/** How a guard treats people it turns away. The same options in every package. */
export interface GuardOptions<A extends AuthLike = ClerkAuth> {
  /**
   * Where a signed-out visitor of a page goes. Default: Clerk's `redirectToSignIn()` (which returns to
   * the page after sign-in), else `/sign-in`.
   */
  signInUrl?: string;
  /**
   * Where a page goes when a requirement denies and names no page of its own. Default: `notFound()`,
   * which does not reveal that the page exists.
   */
  deniedPage?: string;
  /** Reads the session. Default: Clerk's `auth()`; pass another source in tests or other frameworks. */
  auth?: () => Promise<A>;
}

/** A session that passed a guard: one `auth()` call, resolved once. */
export interface GuardedSession<A extends AuthLike = ClerkAuth> extends GuardSubject {
  /** The auth object the guard read, for further checks on loaded resources. */
  auth: A;
}

/** What `guard.safeAction` returns to the client: the value, or a refusal the UI can show. */
export type ActionResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; message: string; status: number };

/** Requirements as a route or action takes them: one, or a list (checked in order, first denial wins). */
export type Requirements = Requirement | readonly Requirement[];

/** A path prefix and the requirements every request under it meets (for `guard.proxy`). */
export interface ProxyRule {
  /** `/admin` matches `/admin` and `/admin/...`, not `/administrator`. */
  path: string;
  requirements: Requirements;
}

/** The one guard of an app: pages, server actions, route handlers and the proxy, any package's requirements. */
export interface Guard<A extends AuthLike = ClerkAuth> {
  /**
   * For pages and layouts. Signed out: to sign-in. Denied: the requirement's `deniedPage`, else the
   * guard's `deniedPage`, else `notFound()`.
   */
  page(...requirements: Requirement[]): Promise<GuardedSession<A>>;
  /**
   * First line of a server action.
   *
   * @throws {GuardError} `signed_out` (401) when no session is signed in and active.
   * @throws the denying requirement's package error (403); nothing has changed when it throws.
   */
  action(...requirements: Requirement[]): Promise<GuardedSession<A>>;
  /**
   * A server action whose refusals are return values, for `useActionState` and forms: a denial or bad
   * input (any `@clerkship/*` error with a 4xx status, thrown by the requirements or by `run`) comes back
   * as `{ ok: false, error, message, status }` instead of Next's error page. Other errors are rethrown.
   */
  safeAction<Args extends unknown[], T>(
    requirements: Requirements,
    run: (session: GuardedSession<A>, ...args: Args) => T | Promise<T>,
  ): (...args: Args) => Promise<ActionResult<Awaited<T>>>;
  /**
   * Wraps a route handler: 401 when signed out, 403 when denied, as JSON `{ error, message }` with
   * `cache-control: no-store`. A `@clerkship/*` 4xx error thrown by the handler is answered the same way.
   */
  route<C = unknown>(
    requirements: Requirements,
    handler: (request: Request, context: C & { session: GuardedSession<A> }) => Response | Promise<Response>,
  ): (request: Request, context: C) => Promise<Response>;
  /**
   * A `clerkMiddleware` handler that turns requests away early by path: a convenience on top of the
   * per-page, per-action and per-handler guards, never instead of them.
   */
  proxy(
    rules: readonly ProxyRule[],
  ): (auth: () => Promise<A>, request: Request) => Promise<Response | undefined>;
  /**
   * Parses input from outside (a JSON body, form fields, a route parameter) with any Standard Schema
   * (zod, valibot, arktype). Inside `route` and `safeAction`, a mismatch is answered as 400 / a refusal
   * `{ error: 'invalid_input', message }` listing what was wrong; nothing runs after it.
   *
   * @example
   * const { title } = await guard.parse(z.object({ title: z.string().trim().min(1).max(200) }), await request.json());
   *
   * @throws {GuardError} `invalid_input` (400).
   */
  parse<Output>(schema: StandardSchema<Output>, value: unknown): Promise<Output>;
}

function listOf(requirements: Requirements): readonly Requirement[] {
  return Array.isArray(requirements) ? requirements : [requirements as Requirement];
}

function matches(pathname: string, prefix: string): boolean {
  const path = prefix.replace(/\/$/, '');
  return pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * Creates the app's guard. Every `@clerkship/*` package with requirements exposes this same function
 * from its `/next` entry; use any one of them, once per app.
 *
 * @example
 * // lib/guard.ts
 * export const guard = createGuard({ signInUrl: '/sign-in', deniedPage: '/no-access' });
 * // app/tasks/page.tsx: one auth() call, the first denial wins
 * const { userId, tenantId } = await guard.page(waitlist.approved, access.permission('org:tasks:view'));
 * // app/api/tasks/route.ts
 * export const POST = guard.route([waitlist.approved, access.permission('org:tasks:edit')], async (request, { session }) => ...);
 */
export function createGuard(options?: GuardOptions): Guard;
export function createGuard<A extends AuthLike>(
  options: GuardOptions<A> & { auth: () => Promise<A> },
): Guard<A>;
export function createGuard<A extends AuthLike>(options: GuardOptions<A> = {}): Guard<A> {
  const readAuth: () => Promise<AuthLike> = options.auth ?? clerkAuth;

  async function check(requirements: readonly Requirement[], source = readAuth) {
    const auth = (await source()) as A;
    const result = await checkRequirements(auth, requirements);
    return { auth, ...result };
  }

  function sendToSignIn(auth: AuthLike): never {
    if (options.signInUrl) redirect(options.signInUrl);
    const redirectToSignIn = (auth as { redirectToSignIn?: () => never }).redirectToSignIn;
    if (typeof redirectToSignIn === 'function') redirectToSignIn();
    redirect('/sign-in');
  }

  return {
    async page(...requirements) {
      const { auth, subject, denial, requirement } = await check(requirements);
      if (subject) return extendSubject(subject, { auth });
      if (denial.status === 401) sendToSignIn(auth);
      const page = requirement?.deniedPage ?? options.deniedPage;
      if (page) redirect(page);
      notFound();
    },

    async action(...requirements) {
      const { auth, subject, denial } = await check(requirements);
      if (subject) return extendSubject(subject, { auth });
      throw denial;
    },

    safeAction(requirements, run) {
      return async (...args) => {
        try {
          const { auth, subject, denial } = await check(listOf(requirements));
          if (!subject) throw denial;
          return { ok: true, value: await run(extendSubject(subject, { auth }), ...args) };
        } catch (error) {
          if (!isClientError(error)) throw error;
          return { ok: false, error: error.code, message: error.message, status: error.status };
        }
      };
    },

    route(requirements, handler) {
      const list = listOf(requirements);
      return async (request, context) => {
        try {
          const { auth, subject, denial } = await check(list);
          if (!subject) return denialResponse(denial);
          return await handler(request, { ...context, session: extendSubject(subject, { auth }) });
        } catch (error) {
          if (!isClientError(error)) throw error;
          return denialResponse(error);
        }
      };
    },

    async parse(schema, value) {
      const result = await schema['~standard'].validate(value);
      if (!result.issues) return result.value;
      const problems = result.issues.map((issue) => {
        const path = issue.path?.map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      });
      throw new GuardError(
        'invalid_input',
        `the input is not valid (${problems.join('; ')}). Correct it and send it again.`,
      );
    },

    proxy(rules) {
      return async (auth, request) => {
        const { pathname } = new URL(request.url);
        const rule = rules.find(({ path }) => matches(pathname, path));
        if (!rule) return undefined;
        const { subject, denial, requirement } = await check(listOf(rule.requirements), auth);
        if (subject) return undefined;
        const isPage = request.headers.get('accept')?.includes('text/html') === true;
        if (!isPage) return denialResponse(denial);
        const target =
          denial.status === 401
            ? (options.signInUrl ?? '/sign-in')
            : (requirement?.deniedPage ?? options.deniedPage);
        if (target) return Response.redirect(new URL(target, request.url), 307);
        return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
      };
    },
  };
}
