import { WebhooksHandlerError } from './errors';
import type { IdempotencyStore } from './idempotency-store';
import { createMemoryIdempotencyStore } from './memory-idempotency-store';

/** Options both handlers (Clerk and Stripe) take. */
export interface DeliveryOptions<Transaction> {
  /**
   * Where delivery ids are remembered. Defaults to an in-memory store, which is per process: with
   * several instances or serverless functions, pass the Postgres store from the `/drizzle` entry.
   */
  store?: IdempotencyStore<Transaction>;
  /**
   * What to answer for an event no callback handles: `'acknowledge'` (default) answers 200 with a note,
   * so the sender does not retry it for days; `'reject'` answers 404, which makes the sender mark the
   * delivery failed and retry it.
   */
  unhandledEvents?: 'acknowledge' | 'reject';
  /** The largest body accepted, in bytes; larger ones get 413 unread. Defaults to 1 MiB. */
  maxBodyBytes?: number;
  /** How far the signature's timestamp may be from now, both ways, in seconds. Defaults to 300. */
  toleranceSeconds?: number;
  /**
   * Told about every failure answered with a 5xx (a callback that threw, a missing secret). Defaults to
   * `console.error`. It must not throw.
   */
  onError?: (error: unknown, delivery: { id?: string; type?: string }) => void;
}

export interface ResolvedDeliveryOptions<Transaction> {
  store: IdempotencyStore<Transaction>;
  unhandledEvents: 'acknowledge' | 'reject';
  maxBodyBytes: number;
  toleranceSeconds: number;
  onError: (error: unknown, delivery: { id?: string; type?: string }) => void;
}

function logError(error: unknown, delivery: { id?: string; type?: string }): void {
  const about = delivery.id ? ` (delivery ${delivery.id}, ${delivery.type})` : '';
  console.error(`@clerkship/webhooks-handler: answered 500${about}; the sender will retry.`, error);
}

function positiveInteger(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)) {
    throw new WebhooksHandlerError('invalid_option', `\`${name}\` must be a positive integer.`);
  }
}

export function resolveDeliveryOptions<Transaction>(
  options: DeliveryOptions<Transaction>,
): ResolvedDeliveryOptions<Transaction> {
  positiveInteger(options.maxBodyBytes, 'maxBodyBytes');
  positiveInteger(options.toleranceSeconds, 'toleranceSeconds');
  if (options.unhandledEvents !== undefined && !['acknowledge', 'reject'].includes(options.unhandledEvents)) {
    throw new WebhooksHandlerError('invalid_option', "`unhandledEvents` must be 'acknowledge' or 'reject'.");
  }
  if (options.store !== undefined && typeof options.store?.runOnce !== 'function') {
    throw new WebhooksHandlerError(
      'invalid_store',
      '`store` must implement IdempotencyStore (a `runOnce(key, work)` method). Use createMemoryIdempotencyStore() or the Postgres store from @clerkship/webhooks-handler/drizzle.',
    );
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new WebhooksHandlerError('invalid_option', '`onError` must be a function.');
  }
  return {
    store: options.store ?? (createMemoryIdempotencyStore() as unknown as IdempotencyStore<Transaction>),
    unhandledEvents: options.unhandledEvents ?? 'acknowledge',
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    toleranceSeconds: options.toleranceSeconds ?? 300,
    onError: options.onError ?? logError,
  };
}
