import { type BoundCallback, type Delivery, deliver } from './deliver';
import type { ResolvedDeliveryOptions } from './delivery-options';
import { readBody } from './read-body';
import { isRejection, type Rejection, rejectionResponse } from './rejection';

/** Verifies a raw body against its headers and parses it into a delivery. */
export type DeliveryParser<Event> = (headers: Headers, body: string) => Promise<Delivery<Event> | Rejection>;

/** What differs between senders (Clerk, Stripe); the request handling around it is the same. */
export interface Endpoint<Event, Transaction> {
  options: ResolvedDeliveryOptions<Transaction>;
  /** Builds the parser from the configured secrets; throws a WebhooksHandlerError when there are none. */
  createParser: () => DeliveryParser<Event>;
  callbacksFor: (event: Event) => BoundCallback<Event, Transaction>[];
  unhandledNote: (type: string) => string;
}

/**
 * The request handling every endpoint shares: POST only, the signing secret resolved on the first
 * request (environment variables may only exist at run time, not when the module is built), the body
 * read once under the size limit, verified and parsed, then delivered through the idempotency store.
 */
export function createEndpointHandler<Event, Transaction>(
  endpoint: Endpoint<Event, Transaction>,
): (request: Request) => Promise<Response> {
  const { options } = endpoint;
  let parse: DeliveryParser<Event> | undefined;
  return async (request) => {
    if (request.method !== 'POST') {
      return rejectionResponse({ code: 'method_not_allowed', message: 'Webhooks are delivered with POST.' });
    }
    if (!parse) {
      try {
        parse = endpoint.createParser();
      } catch (error) {
        options.onError(error, {});
        return rejectionResponse({
          code: 'missing_secret',
          message: 'The endpoint has no usable signing secret configured; the sender will retry.',
        });
      }
    }
    const body = await readBody(request, options.maxBodyBytes);
    if (isRejection(body)) return rejectionResponse(body);
    const delivery = await parse(request.headers, body);
    if (isRejection(delivery)) return rejectionResponse(delivery);
    return deliver(
      delivery,
      endpoint.callbacksFor(delivery.event),
      options,
      endpoint.unhandledNote(delivery.type),
    );
  };
}
