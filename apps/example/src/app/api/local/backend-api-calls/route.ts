import { isLocalMode } from '@/lib/local-mode';

/**
 * Local mode only: the requests made to the local Backend API, so tests can count them, and with
 * `?userId=` that user's stored public metadata.
 */
export async function GET(request: Request): Promise<Response> {
  if (!isLocalMode() || (process.env.NODE_ENV === 'production' && process.env.CLERKSHIP_LOCAL_MODE !== '1')) {
    return new Response(null, { status: 404 });
  }
  const { localBackendApi } = await import('@/lib/local-backend-api');
  const api = await localBackendApi();
  const userId = new URL(request.url).searchParams.get('userId');
  const publicMetadata = userId ? api.users.get(userId)?.public_metadata : undefined;
  return Response.json({ calls: api.calls, publicMetadata }, { headers: { 'cache-control': 'no-store' } });
}
