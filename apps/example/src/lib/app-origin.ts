import { headers } from 'next/headers';

/**
 * Where Stripe sends the user back: `APP_URL` when set (connected mode, behind a proxy), else the
 * origin this request came to (local mode: the address the browser uses, so the session cookie is there).
 */
export async function appOrigin(): Promise<string> {
  if (process.env.APP_URL) return new URL(process.env.APP_URL).origin;
  const requestHeaders = await headers();
  const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host') ?? '127.0.0.1:3000';
  const protocol = requestHeaders.get('x-forwarded-proto') ?? 'http';
  return `${protocol}://${host}`;
}
