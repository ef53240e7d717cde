import { WaitlistError } from '../errors';

/** How to reach the Clerk Backend API. */
export interface BackendApiOptions {
  /** Default `CLERK_SECRET_KEY`. */
  secretKey?: string;
  /** Default `CLERK_API_URL`, else `https://api.clerk.com`. */
  apiUrl?: string;
  /** How many times a 429 is retried after its `Retry-After`. Default 3. */
  maxRetries?: number;
  /** Waits between retries; replace it in tests. */
  sleep?: (milliseconds: number) => Promise<void>;
}

const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * One Backend API request, retried after `Retry-After` on 429 (Clerk allows 100 requests per 10 s).
 * Plain `fetch` so that a page of users is exactly one request (the SDK's list also asks for a count).
 */
export async function backendApi<T>(
  options: BackendApiOptions,
  method: 'GET' | 'PATCH',
  path: string,
  init: { query?: Record<string, string>; body?: unknown } = {},
): Promise<T> {
  const secretKey = options.secretKey ?? process.env.CLERK_SECRET_KEY;
  if (!secretKey)
    throw new WaitlistError(
      'backend_api',
      'CLERK_SECRET_KEY is not set, so admin operations cannot reach Clerk.',
      { status: 500 },
    );
  const url = new URL(`/v1${path}`, options.apiUrl ?? process.env.CLERK_API_URL ?? 'https://api.clerk.com');
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const maxRetries = options.maxRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (response.status === 429 && attempt < maxRetries) {
      const seconds = Number(response.headers.get('retry-after'));
      await (options.sleep ?? defaultSleep)((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
      continue;
    }
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      throw new WaitlistError(
        'backend_api',
        `Clerk's Backend API answered ${response.status} to ${method} ${path}. ${detail.slice(0, 200)}`,
        {
          status: response.status === 404 ? 404 : response.status === 429 ? 503 : 502,
        },
      );
    }
    return (await response.json()) as T;
  }
}
