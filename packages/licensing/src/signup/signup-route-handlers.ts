import { type AccessSubject, isClerkshipError } from '@clerkship/internal';
import { LicensingError } from '../errors';
import type { SignupFlow } from './create-signup-flow';

/** Options of `createSignupRouteHandlers`. */
export interface SignupRouteHandlersOptions<Key extends string, Free> {
  /** The flow, from `createSignupFlow`. */
  signup: SignupFlow<Key, Free>;
  /**
   * Reads the caller's verified session (an `AccessSubject`: Clerk's auth object or verified claims): in
   * Next.js, `() => auth()` from `@clerk/nextjs/server`. Anything else counts as signed out.
   */
  auth: (request: Request) => AccessSubject | Promise<AccessSubject> | Promise<unknown>;
}

/** Web-standard route handlers (`Request` → `Response`), for Next.js route files or any other server. */
export interface SignupRouteHandlers {
  /**
   * Starts the sign-up. A JSON body answers `200 { state, url, checkoutSessionId, organizationId }`; an
   * HTML form post answers `303` to the Checkout page.
   */
  POST(request: Request): Promise<Response>;
  /**
   * The sign-up's status (`?session_id=` optional), always `200` with `{ state, ... }`; `processing`
   * carries `Retry-After`.
   */
  GET(request: Request): Promise<Response>;
}

const noStore = { 'cache-control': 'no-store' };

function refusal(error: unknown): Response {
  // Our errors answer with their status; anything else is a fault the framework turns into a 500.
  if (isClerkshipError(error) && typeof error.status === 'number') {
    return Response.json(
      { error: error.code, message: error.message },
      { status: error.status, headers: noStore },
    );
  }
  throw error;
}

async function bodyOf(request: Request): Promise<{ input: unknown; form: boolean }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    return { input: Object.fromEntries(await request.formData()), form: true };
  }
  try {
    return { input: await request.json(), form: false };
  } catch (error) {
    throw new LicensingError(
      'invalid_input',
      'the sign-up body is not JSON. Send { plan, seats, organizationName } as JSON, or post the HTML form.',
      { cause: error },
    );
  }
}

/**
 * The sign-up as route handlers: `POST` starts it, `GET` reports its status. Errors answer
 * `{ error: code, message }` with the error's status (401 signed out, 422 bad input: nothing changed).
 *
 * @example
 * // app/api/signup/route.ts
 * import { auth } from '@clerk/nextjs/server';
 * import { createSignupRouteHandlers } from '@clerkship/licensing/signup';
 * import { signup } from '@/lib/signup';
 *
 * export const { POST, GET } = createSignupRouteHandlers({ signup, auth: () => auth() });
 *
 * @throws {LicensingError} `invalid_option` for a missing flow or `auth`.
 */
export function createSignupRouteHandlers<Key extends string, Free>(
  options: SignupRouteHandlersOptions<Key, Free>,
): SignupRouteHandlers {
  const { signup, auth } = options ?? ({} as SignupRouteHandlersOptions<Key, Free>);
  if (typeof signup?.start !== 'function') {
    throw new LicensingError('invalid_option', '`signup` is required. Pass what createSignupFlow() returns.');
  }
  if (typeof auth !== 'function') {
    throw new LicensingError(
      'invalid_option',
      '`auth` is required: a function that reads the verified session, e.g. `() => auth()` from @clerk/nextjs/server.',
    );
  }

  return {
    async POST(request) {
      try {
        const session = await auth(request);
        const { input, form } = await bodyOf(request);
        const started = await signup.start(session, input);
        if (form) return new Response(null, { status: 303, headers: { ...noStore, location: started.url } });
        return Response.json(started, { headers: noStore });
      } catch (error) {
        return refusal(error);
      }
    },
    async GET(request) {
      try {
        const session = await auth(request);
        const checkoutSessionId = new URL(request.url).searchParams.get('session_id');
        const status = await signup.status(session, { checkoutSessionId });
        const headers: Record<string, string> =
          status.state === 'processing'
            ? { ...noStore, 'retry-after': String(status.retryAfterSeconds) }
            : noStore;
        return Response.json(status, { headers });
      } catch (error) {
        return refusal(error);
      }
    },
  };
}
