/**
 * A same-origin relay to PostHog (PostHog's recommended "reverse proxy"), read at run time so the
 * destination can change without a rebuild. Without POSTHOG_HOST (local mode) events are dropped.
 */
async function relay(
  request: Request,
  { params }: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  const host = process.env.POSTHOG_HOST;
  if (!host) return new Response(null, { status: 204 });
  const { path } = await params;
  const target = new URL(`/${path.map(encodeURIComponent).join('/')}`, host);
  target.search = new URL(request.url).search;
  const headers = new Headers();
  for (const name of ['content-type', 'content-encoding', 'user-agent']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const body =
    request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  const upstream = await fetch(target, { method: request.method, headers, body });
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
  });
}

export { relay as GET, relay as POST };
