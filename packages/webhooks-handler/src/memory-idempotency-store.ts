import { WebhooksHandlerError } from './errors';
import type { IdempotencyStore } from './idempotency-store';

/** How long and how many delivery ids the in-memory store remembers. */
export interface MemoryIdempotencyStoreOptions {
  /**
   * How long a processed key is remembered. Defaults to 3 days: Svix retries a message for about 28 h
   * and Stripe for up to 3 days.
   */
  ttlSeconds?: number;
  /**
   * About how many keys are kept (at most this many, at least half of it); the oldest are forgotten
   * first. Defaults to 10 000.
   */
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
  // Two generations instead of one map with evictions: deleting a Map's oldest entries one by one
  // leaves holes that every later scan walks over. When the young generation fills half the budget,
  // the old one is dropped whole; a key is remembered for at least maxEntries / 2 later keys.
  let young = new Map<string, number>();
  let old = new Map<string, number>();
  const running = new Map<string, Promise<void>>();

  function isDone(key: string): boolean {
    const expiresAt = young.get(key) ?? old.get(key);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  function remember(key: string): void {
    if (young.size >= Math.max(1, Math.floor(maxEntries / 2))) {
      old = young;
      young = new Map();
    }
    young.set(key, Date.now() + ttlMs);
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
