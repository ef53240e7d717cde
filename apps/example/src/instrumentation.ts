/** Runs once when the server starts: local mode gets its Backend API before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.CLERKSHIP_LOCAL_MODE_ACTIVE !== '1') return;
  if (process.env.CLERK_API_URL) return;
  const { localBackendApi } = await import('./local/backend-api');
  process.env.CLERK_API_URL = (await localBackendApi()).url;
}
