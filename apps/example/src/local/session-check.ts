import { verifyToken } from '@clerk/nextjs/server';
import { NextRequest } from 'next/server';

/**
 * True when the request carries a local session cookie that Clerk would not accept (expired, forged,
 * signed by other keys). Page loads only: API requests are answered by Clerk as signed out.
 */
export async function hasStaleLocalSession(request: NextRequest): Promise<boolean> {
  const token = request.cookies.get('__session')?.value;
  if (!token || request.nextUrl.pathname.startsWith('/api/')) return false;
  try {
    await verifyToken(token, { jwtKey: process.env.CLERK_JWT_KEY });
    return false;
  } catch {
    return true;
  }
}

/**
 * The request without its `referer` when that is another origin (the local Stripe fake's Checkout and
 * portal pages): Clerk answers a page load that comes from another site with a handshake through its
 * Frontend API, which local mode does not have. GET navigations only; anything else is unchanged.
 */
export function withoutForeignReferrer(request: NextRequest): NextRequest {
  const referrer = request.headers.get('referer');
  if (request.method !== 'GET' || !referrer) return request;
  // The Host header, not nextUrl: Next writes 127.0.0.1 as localhost there, the browser does not.
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    if (host && new URL(referrer).host === host) return request;
  } catch {
    // An unreadable referrer is dropped as well.
  }
  const headers = new Headers(request.headers);
  headers.delete('referer');
  return new NextRequest(request, { headers });
}
