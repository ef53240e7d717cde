import { verifyToken } from '@clerk/nextjs/server';
import type { NextRequest } from 'next/server';

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
