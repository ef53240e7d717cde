import { clerkMiddleware } from '@clerk/nextjs/server';
import { protectProxy } from '@clerkship/oauth-callback/next';
import { type NextFetchEvent, type NextRequest, NextResponse } from 'next/server';
import { access } from './lib/access';
import { callbackPath } from './lib/connection-routes';
import { guard } from './lib/guard';
import { isLocalMode } from './lib/mode';

// Authentication state for every request, and an early answer for the task API. That is only a
// convenience: each page, route handler and server action checks for itself (Clerk Core 3), so a
// matcher gap can never open a hole.
// Wrapped by protectProxy: any redirect it answers (Clerk's, the stale-session one below) carries a
// fragment of its own, and the OAuth callback is no-store / no-referrer even before its handler runs.
const clerk = clerkMiddleware(
  guard.proxy([{ path: '/api/tasks', requirements: access.permission('org:tasks:view') }]),
  () => ({
    // Networkless verification; passed explicitly because CLERK_JWT_KEY alone is not picked up.
    jwtKey: process.env.CLERK_JWT_KEY,
    signInUrl: '/sign-in',
    signUpUrl: '/sign-in',
  }),
);

async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (!isLocalMode()) return clerk(request, event);
  const local = await import('./local/session-check');
  // Without Clerk's servers there is no handshake to refresh an expired or forged session cookie:
  // send the person back to the local sign-in page instead.
  if (await local.hasStaleLocalSession(request)) {
    const response = NextResponse.redirect(new URL('/sign-in', request.url));
    response.cookies.delete('__session');
    response.cookies.set('__client_uat', '0', { path: '/' });
    return response;
  }
  // Nor one for a page reached from another site (back from the local Stripe Checkout or portal).
  return clerk(local.withoutForeignReferrer(request), event);
}

export default protectProxy(proxy, { callbackPaths: [callbackPath] });

export const config = {
  matcher: [
    // Everything but Next internals and static files, unless found in search params.
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
};
