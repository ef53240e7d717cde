import type { IdempotencyOutcome, IdempotencyStore } from '../idempotency-store';
import type { AnyPgDatabase, DrizzleTransaction } from './drizzle-database';
import { claimKey } from './postgres-idempotency-store';

/** Thrown out of a callback when the late claim finds the delivery already processed. */
class DuplicateDelivery extends Error {
  constructor() {
    super('this delivery was already processed');
  }
}

/**
 * One delivery whose database work has not started yet. The fast handler decides, once the event is
 * known, between two ways to run it:
 * - `open()`: a transaction that claims the key before any of the app's callbacks runs, and commits (or
 *   rolls back) when the callbacks end, as `createPostgresIdempotencyStore` does;
 * - `settle()`: the claim was made, and committed, by one call outside (the SQL function that claims and
 *   mirrors at once), so there is nothing left to commit.
 */
export class DeferredDelivery<Database extends AnyPgDatabase> {
  duplicate = false;
  private transaction: Promise<DrizzleTransaction<Database>> | undefined;
  private finished: Promise<unknown> | undefined;
  private release: ((failure: { error: unknown } | undefined) => void) | undefined;

  constructor(
    private readonly db: Database,
    readonly key: string,
  ) {}

  get opened(): boolean {
    return this.transaction !== undefined;
  }

  /** The delivery's transaction, with the key claimed; rejects (a duplicate) when the key is taken. */
  open(): Promise<DrizzleTransaction<Database>> {
    this.transaction ??= new Promise((resolve, reject) => {
      const ended = new Promise<void>((done, fail) => {
        this.release = (failure) => (failure ? fail(failure.error) : done());
      });
      // Awaited only while the transaction is open; a duplicate's transaction has already ended.
      ended.catch(() => {});
      this.finished = this.db.transaction(async (transaction) => {
        if (!(await claimKey(transaction, this.key))) {
          this.duplicate = true;
          reject(new DuplicateDelivery());
          return;
        }
        resolve(transaction as DrizzleTransaction<Database>);
        // Held open while the callbacks run; `finish` ends it.
        await ended;
      });
      this.finished.catch(reject);
    });
    return this.transaction;
  }

  /** Records what the one-call path found. */
  settle(outcome: 'processed' | 'duplicate'): void {
    this.duplicate = outcome === 'duplicate';
  }

  /** Commits the open transaction, or rolls it back when `failure` is given. */
  async finish(failure?: { error: unknown }): Promise<void> {
    if (!this.finished) return;
    this.release?.(failure);
    try {
      await this.finished;
    } catch (error) {
      // A rollback rejects with the callback's own error, which the caller rethrows; a failed commit is new.
      if (!failure) throw error;
    }
  }
}

/** Whether a callback failed because the late claim found a duplicate (deliver wraps it as `cause`). */
function isDuplicate(error: unknown): boolean {
  return (
    error instanceof DuplicateDelivery || (error as { cause?: unknown })?.cause instanceof DuplicateDelivery
  );
}

/**
 * The store of the fast handler: it hands `work` a `DeferredDelivery` and ends whatever the callbacks
 * started. Its callbacks (see `createClerkMirrorWebhooksHandler`) claim before any code of the app runs.
 */
export function createDeferredDeliveryStore<Database extends AnyPgDatabase>(
  db: Database,
): IdempotencyStore<DeferredDelivery<Database>> {
  return {
    async runOnce<T>(key: string, work: (delivery: DeferredDelivery<Database>) => Promise<T>) {
      const delivery = new DeferredDelivery(db, key);
      let value: T;
      try {
        value = await work(delivery);
      } catch (error) {
        await delivery.finish({ error });
        if (isDuplicate(error)) return { status: 'duplicate' };
        throw error;
      }
      await delivery.finish();
      return delivery.duplicate
        ? { status: 'duplicate' }
        : ({ status: 'processed', value } as IdempotencyOutcome<T>);
    },
  };
}
