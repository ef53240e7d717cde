/**
 * Whether the server runs in local mode (no Clerk keys: personas, local keys, fakes). Production code
 * asks only this; everything local mode does lives in `src/local/` and is imported on demand.
 */
export function isLocalMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CLERKSHIP_LOCAL_MODE_ACTIVE === '1';
}

/** The embedded database's folder (PGlite), when no `DATABASE_URL` is set. */
export function dataDir(): string {
  return process.env.CLERKSHIP_DATA_DIR ?? `${process.cwd()}/.data`;
}

/**
 * Whether local mode's own routes (`/api/local/*`) exist: in local mode, and in a production build only
 * when a test harness opted in with `CLERKSHIP_LOCAL_MODE=1`. Elsewhere they answer 404.
 */
export function localRoutesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return isLocalMode(env) && (env.NODE_ENV !== 'production' || env.CLERKSHIP_LOCAL_MODE === '1');
}
