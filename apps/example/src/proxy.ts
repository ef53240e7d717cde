import { clerkMiddleware } from '@clerk/nextjs/server';
import { type NextFetchEvent, type NextRequest, NextResponse } from 'next/server';
import { guards } from './lib/guards';
import { isLocalMode } from './lib/local-mode';
import { hasStaleLocalSession } from './lib/local-session-check';

// Authentication state for every request, and an early answer for the task API. That is only a
// convenience: each page, route handler and server action checks for itself (Clerk Core 3), so a
// matcher gap can never open a hole.
const clerk = clerkMiddleware(guards.proxy([{ path: '/api/tasks', permission: 'org:tasks:view' }]), () => ({
  // Networkless verification; passed explicitly because CLERK_JWT_KEY alone is not picked up.
  jwtKey: process.env.CLERK_JWT_KEY,
  signInUrl: '/sign-in',
  signUpUrl: '/sign-in',
}));

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  // Without Clerk's servers there is no handshake to refresh an expired or forged session cookie:
  // send the person back to the local sign-in page instead.
  if (isLocalMode() && (await hasStaleLocalSession(request))) {
    const response = NextResponse.redirect(new URL('/sign-in', request.url));
    response.cookies.delete('__session');
    response.cookies.set('__client_uat', '0', { path: '/' });
    return response;
  }
  return clerk(request, event);
}

export const config = {
  matcher: [
    // Everything but Next internals and static files, unless found in search params.
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
};
