import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIdempotencyStore } from './memory-idempotency-store';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-memory idempotency store', () => {
  it('runs a key once, then reports duplicates', async () => {
    const store = createMemoryIdempotencyStore();
    expect(await store.runOnce('clerk:msg_1', async () => 'sent')).toEqual({
      status: 'processed',
      value: 'sent',
    });
    expect(await store.runOnce('clerk:msg_1', async () => 'again')).toEqual({ status: 'duplicate' });
    expect(await store.runOnce('clerk:msg_2', async () => 'other')).toMatchObject({ status: 'processed' });
  });

  it('releases the claim when the work throws, so the retry runs', async () => {
    const store = createMemoryIdempotencyStore();
    await expect(
      store.runOnce('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await store.runOnce('k', async () => 'ok')).toEqual({ status: 'processed', value: 'ok' });
  });

  it('makes a concurrent duplicate wait, then report duplicate', async () => {
    const store = createMemoryIdempotencyStore();
    let runs = 0;
    const work = async () => {
      runs++;
      await later(10);
    };
    const outcomes = await Promise.all([
      store.runOnce('k', work),
      store.runOnce('k', work),
      store.runOnce('k', work),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['processed', 'duplicate', 'duplicate']);
    expect(runs).toBe(1);
  });

  it('lets a waiting duplicate run when the first attempt failed', async () => {
    const store = createMemoryIdempotencyStore();
    const first = store.runOnce('k', async () => {
      await later(10);
      throw new Error('down');
    });
    const second = store.runOnce('k', async () => 'second');
    await expect(first).rejects.toThrow('down');
    expect(await second).toEqual({ status: 'processed', value: 'second' });
  });

  it('forgets keys after ttlSeconds', async () => {
    vi.useFakeTimers();
    const store = createMemoryIdempotencyStore({ ttlSeconds: 60 });
    await store.runOnce('k', async () => 1);
    vi.advanceTimersByTime(59_000);
    expect(await store.runOnce('k', async () => 2)).toEqual({ status: 'duplicate' });
    vi.advanceTimersByTime(2_000);
    expect(await store.runOnce('k', async () => 3)).toEqual({ status: 'processed', value: 3 });
  });

  it('keeps between maxEntries / 2 and maxEntries keys, forgetting the oldest', async () => {
    const store = createMemoryIdempotencyStore({ maxEntries: 4 });
    const keys = Array.from({ length: 10 }, (_, index) => `k${index}`);
    for (const key of keys) await store.runOnce(key, async () => key);
    const remembered: string[] = [];
    for (const key of [...keys].reverse()) {
      if ((await store.runOnce(key, async () => key)).status === 'duplicate') remembered.unshift(key);
    }
    expect(remembered).toEqual(['k6', 'k7', 'k8', 'k9']);
  });

  it('refuses nonsense limits', () => {
    expect(() => createMemoryIdempotencyStore({ ttlSeconds: 0 })).toThrowError(/ttlSeconds/);
    expect(() => createMemoryIdempotencyStore({ maxEntries: Number.NaN })).toThrowError(/maxEntries/);
  });
});
