import { auth } from '@clerk/nextjs/server';

/** The signed-in user as the server sees it, for API clients holding a session token. */
export async function GET() {
  const state = await auth();
  if (!state.isAuthenticated) {
    return Response.json(
      {
        error: 'signed_out',
        message: 'Send a valid Clerk session token as a cookie or `Authorization: Bearer`.',
      },
      { status: 401, headers: { 'cache-control': 'no-store' } },
    );
  }
  return Response.json(
    {
      userId: state.userId,
      sessionId: state.sessionId,
      orgId: state.orgId ?? null,
      orgRole: state.orgRole ?? null,
      orgSlug: state.orgSlug ?? null,
      orgPermissions: [...(state.orgPermissions ?? [])].sort(),
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}
