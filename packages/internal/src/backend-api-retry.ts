/** How a Backend API call is retried when Clerk rate-limits it (100 requests per 10 s per app). */
export interface RetryOptions {
  /** How many times a 429 is retried after its `Retry-After`. Default 3. */
  maxRetries?: number;
  /** Waits between retries; replace it in tests. */
  sleep?: (milliseconds: number) => Promise<void>;
}

const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** The `Retry-After` seconds of a rate-limited call, from `@clerk/backend`'s `ClerkAPIResponseError`. */
function retryAfterSeconds(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, retryAfter } = error as { status?: unknown; retryAfter?: unknown };
  if (status !== 429) return null;
  return typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1;
}

/**
 * Runs a Backend API call through the app's `clerkClient`, retrying a 429 after its `Retry-After`
 * (`@clerk/backend` reports it and does not retry). Other errors pass through.
 */
export async function withRateLimitRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxRetries = options.maxRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds === null || attempt >= maxRetries) throw error;
      await (options.sleep ?? defaultSleep)(seconds * 1000);
    }
  }
}

/** The app's Clerk client as packages accept it: the client, or `@clerk/nextjs`'s async `clerkClient`. */
export type ClientSource<C> = C | (() => C | Promise<C>);

/** Resolves a `ClientSource`. */
export async function clientOf<C extends object>(source: ClientSource<C>): Promise<C> {
  return typeof source === 'function' ? await (source as () => C | Promise<C>)() : source;
}
