/** What a callback may return: nothing (200), or its own `Response` to send instead. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets `async () => {}` (a Promise<void>) be a callback.
export type CallbackResult = void | Response | Promise<void | Response>;

/**
 * The second argument of every callback: the delivery around the event.
 *
 * @example
 * onUserCreated: async (user, { id, timestamp, transaction }) => {
 *   await transaction.insert(welcomeEmails).values({ userId: user.id, deliveryId: id });
 * }
 */
export interface WebhookContext<Event, Transaction = undefined> {
  /** The whole event: envelope and `data`. */
  event: Event;
  /** The delivery id the sender keeps across retries: `svix-id` for Clerk, `event.id` for Stripe. */
  id: string;
  /** When the sender signed this delivery attempt (`svix-timestamp`, Stripe's `t=`). */
  timestamp: Date;
  /**
   * What the idempotency store hands out: with the Postgres store, the drizzle transaction that holds
   * this delivery's claim; writes made through it commit exactly once, together with "done". With the
   * in-memory store, `undefined`.
   */
  transaction: Transaction;
}
