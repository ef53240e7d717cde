import { z } from 'zod';
import { guard } from '@/lib/guard';
import { localRoutesEnabled } from '@/lib/mode';
import { waitlist } from '@/lib/waitlist';

/**
 * Local mode only, for waitlist admins only: the requests made to the local Backend API (so tests can
 * count them) and, with `?userId=`, that user's stored public metadata. Anyone else gets 401/403, and
 * outside local mode the route does not exist.
 */
const handler = guard.route(waitlist.admin, async (request) => {
  const { localBackendApi } = await import('@/local/backend-api');
  const api = await localBackendApi();
  const { userId } = await guard.parse(
    z.object({
      userId: z
        .string()
        .regex(/^user_[A-Za-z0-9_]{1,100}$/, 'not a user id')
        .optional(),
    }),
    { userId: new URL(request.url).searchParams.get('userId') ?? undefined },
  );
  const publicMetadata = userId ? api.users.get(userId)?.public_metadata : undefined;
  return Response.json({ calls: api.calls, publicMetadata }, { headers: { 'cache-control': 'no-store' } });
});

export async function GET(request: Request): Promise<Response> {
  if (!localRoutesEnabled()) return new Response(null, { status: 404 });
  return handler(request, {});
}
