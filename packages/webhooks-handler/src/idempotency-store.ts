/** What happened to one delivery key. */
export type IdempotencyOutcome<T> =
  /** This call claimed the key, ran the work and recorded it as done. */
  | { status: 'processed'; value: T }
  /** The key was already done: the work did not run. */
  | { status: 'duplicate' }
  /** Another caller holds the key right now and this store cannot wait for it: retry later. */
  | { status: 'in_progress' };

/**
 * Where delivery ids are remembered, so that each delivery's callbacks run to completion once.
 *
 * The contract of `runOnce(key, work)`: claim `key` before `work` runs; record it as done after `work`
 * resolves; release the claim when `work` throws (and rethrow), so the sender's retry runs it again.
 * While another caller holds the claim, either wait for it to finish (then report `duplicate`, or claim
 * the key if it was released) or answer `in_progress`. `Transaction` is what `work` receives: the
 * Postgres store passes the database transaction holding the claim, so writes made through it commit
 * together with "done" (exactly once), and roll back together with the claim.
 *
 * @example
 * // A store on Redis: SET key "running" NX PX 60000, run, SET key "done" EX 259200; DEL key on failure.
 * const store: IdempotencyStore = { async runOnce(key, work) { ... } };
 */
export interface IdempotencyStore<Transaction = undefined> {
  runOnce<T>(key: string, work: (transaction: Transaction) => Promise<T>): Promise<IdempotencyOutcome<T>>;
}
