import { localRoutesEnabled } from '@/lib/mode';

/** Local mode's stand-in for GitHub's OAuth endpoints; outside local mode the route does not exist. */
async function handle(
  request: Request,
  { params }: { params: Promise<{ endpoint: string }> },
): Promise<Response> {
  if (!localRoutesEnabled()) return new Response(null, { status: 404 });
  const { localOAuthProvider } = await import('@/local/oauth-provider');
  return localOAuthProvider(request, (await params).endpoint);
}

export { handle as GET, handle as POST };
