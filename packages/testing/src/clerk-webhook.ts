import { Webhook } from 'svix';
import { webhookBody } from './webhook-body';
import { assertWebhookSecret } from './webhook-secret';

/** How a signed Clerk webhook request is built. */
export interface ClerkWebhookRequestOptions {
  /** The endpoint's signing secret (`whsec_...`), as configured in the handler under test. */
  secret: string;
  /** Where the request goes; only matters to the code under test. */
  url?: string | URL;
  /** Delivery id (`svix-id`). Svix keeps it across retries, so reuse it to simulate a redelivery. */
  id?: string;
  /** When Svix signed it. Defaults to now; more than 5 minutes away from now makes verification fail. */
  timestamp?: Date;
  /** `svix` (what Clerk sends) or `webhook` (the Standard Webhooks names). */
  headerPrefix?: 'svix' | 'webhook';
}

/**
 * Builds the `Request` Clerk would POST to your webhook endpoint: the JSON body exactly as sent and the
 * `svix-id`, `svix-timestamp` and `svix-signature` headers, signed with the real `svix` library.
 *
 * @example
 * const request = await createClerkWebhookRequest(createClerkEvent('user.created'), { secret });
 * const response = await handler.POST(request);
 *
 * @throws {TestingError} `invalid_webhook_secret` or `invalid_event`.
 */
export async function createClerkWebhookRequest(
  event: object | string,
  options: ClerkWebhookRequestOptions,
): Promise<Request> {
  assertWebhookSecret(options?.secret);
  const body = webhookBody(event);
  const id = options.id ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
  const timestamp = options.timestamp ?? new Date();
  const prefix = options.headerPrefix ?? 'svix';
  const signature = new Webhook(options.secret).sign(id, timestamp, body);
  return new Request(options.url ?? 'http://localhost:3000/api/webhooks/clerk', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Svix-Webhooks/1.76.1 (sender-clerkship-test)',
      [`${prefix}-id`]: id,
      [`${prefix}-timestamp`]: String(Math.floor(timestamp.getTime() / 1000)),
      [`${prefix}-signature`]: signature,
    },
    body,
  });
}
