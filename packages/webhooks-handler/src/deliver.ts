import type { ResolvedDeliveryOptions } from './delivery-options';
import { rejectionResponse } from './rejection';
import type { CallbackResult, WebhookContext } from './webhook-context';

/** A verified, parsed delivery, ready for its callbacks. */
export interface Delivery<Event> {
  /** The idempotency key: the delivery id, namespaced by sender. */
  key: string;
  id: string;
  type: string;
  timestamp: Date;
  event: Event;
}

/** A callback bound to its arguments, with the option name it came from (for error reports). */
export interface BoundCallback<Event, Transaction> {
  name: string;
  run: (context: WebhookContext<Event, Transaction>) => CallbackResult;
}

class CallbackFailed extends Error {
  constructor(
    readonly callback: string,
    cause: unknown,
  ) {
    super(`${callback} threw`, { cause });
  }
}

/** A callback answered with its own non-2xx Response: the claim is released, as for a throw. */
class CallbackRefused extends Error {
  constructor(readonly response: Response) {
    super('callback refused the delivery');
  }
}

/**
 * Runs a delivery's callbacks once per key through the store and turns the outcome into the answer:
 * an empty 200, a JSON 200 for a duplicate, the first Response a callback returned, 500 when one threw (the claim is
 * released, so the sender's retry runs them again), 409 while a store reports the key in progress.
 */
export async function deliver<Event, Transaction>(
  delivery: Delivery<Event>,
  callbacks: readonly BoundCallback<Event, Transaction>[],
  options: ResolvedDeliveryOptions<Transaction>,
  unhandledNote: string,
): Promise<Response> {
  const { id, type, timestamp, event } = delivery;
  if (callbacks.length === 0) {
    return options.unhandledEvents === 'reject'
      ? rejectionResponse({ code: 'unhandled_event', message: unhandledNote })
      : Response.json({ received: true, id, type, handled: false, note: unhandledNote });
  }
  let outcome: Awaited<ReturnType<typeof options.store.runOnce<Response | undefined>>>;
  try {
    outcome = await options.store.runOnce(delivery.key, async (transaction) => {
      const context: WebhookContext<Event, Transaction> = { event, id, timestamp, transaction };
      let response: Response | undefined;
      for (const callback of callbacks) {
        let result: Response | undefined;
        try {
          result = (await callback.run(context)) ?? undefined;
        } catch (error) {
          throw new CallbackFailed(callback.name, error);
        }
        if (result instanceof Response && response === undefined) response = result;
      }
      if (response && !response.ok) throw new CallbackRefused(response);
      return response;
    });
  } catch (error) {
    if (error instanceof CallbackRefused) return error.response;
    const failed = error instanceof CallbackFailed;
    options.onError(failed ? error.cause : error, { id, type });
    return rejectionResponse({
      code: 'callback_failed',
      message: failed
        ? `${error.callback} threw while handling ${type}; nothing was recorded, so the retry runs it again.`
        : `The idempotency store failed while handling ${type}; the retry runs it again.`,
    });
  }
  if (outcome.status === 'duplicate') return Response.json({ received: true, id, type, duplicate: true });
  if (outcome.status === 'in_progress') {
    return rejectionResponse({
      code: 'in_progress',
      message: 'This delivery is being processed by another request; retry shortly.',
    });
  }
  // An empty 200: a body is a stream, and building one costs more than verifying the delivery.
  return outcome.value ?? new Response(null, { status: 200 });
}
