import { WebhooksHandlerError } from './errors';
import type { IdempotencyStore } from './idempotency-store';

/** How long and how many delivery ids the in-memory store remembers. */
export interface MemoryIdempotencyStoreOptions {
  /**
   * How long a processed key is remembered. Defaults to 3 days: Svix retries a message for about 28 h
   * and Stripe for up to 3 days.
   */
  ttlSeconds?: number;
  /** The most keys kept; the oldest are forgotten first. Defaults to 10 000. */
  maxEntries?: number;
}

/**
 * An idempotency store in this process's memory: right for one long-lived server and for tests. It
 * forgets on restart and is not shared between instances or serverless invocations; use the Postgres
 * store from `@clerkship/webhooks-handler/drizzle` there. A concurrent duplicate waits for the running
 * delivery, then reports `duplicate` (or runs, if that delivery failed).
 *
 * @example
 * const handler = createWebhooksHandler({ store: createMemoryIdempotencyStore(), onUserCreated });
 *
 * @throws {WebhooksHandlerError} `invalid_option` for a non-positive `ttlSeconds` or `maxEntries`.
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const ttlMs = positive(options.ttlSeconds ?? 3 * 24 * 3600, 'ttlSeconds') * 1000;
  const maxEntries = positive(options.maxEntries ?? 10_000, 'maxEntries');
  // Insertion order is expiry order (one TTL for all), so the first entries are the oldest.
  const done = new Map<string, number>();
  const running = new Map<string, Promise<void>>();

  function isDone(key: string): boolean {
    const expiresAt = done.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > Date.now()) return true;
    done.delete(key);
    return false;
  }

  function remember(key: string): void {
    done.delete(key);
    done.set(key, Date.now() + ttlMs);
    for (const oldest of done.keys()) {
      if (done.size <= maxEntries) break;
      done.delete(oldest);
    }
  }

  return {
    async runOnce(key, work) {
      for (;;) {
        if (isDone(key)) return { status: 'duplicate' };
        const current = running.get(key);
        if (!current) break;
        await current;
      }
      let finished = () => {};
      running.set(
        key,
        new Promise<void>((resolve) => {
          finished = resolve;
        }),
      );
      try {
        const value = await work(undefined);
        remember(key);
        return { status: 'processed', value };
      } finally {
        running.delete(key);
        finished();
      }
    },
  };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new WebhooksHandlerError('invalid_option', `\`${name}\` must be a positive number, got ${value}.`);
  }
  return value;
}
