import {
  type ClerkCallbackName,
  type ClerkWebhookEvent,
  type ClerkWebhookEventType,
  clerkCallbackName,
  clerkEventTypes,
} from '@clerkship/internal';
import { checkCallbackOptions } from './callback-options';
import type { BoundCallback } from './deliver';
import { type DeliveryOptions, resolveDeliveryOptions } from './delivery-options';
import { isRejection } from './rejection';
import { clerkSecretVariables, environmentSecret, type SigningSecret, secretOption } from './signing-secrets';
import { createSvixVerifier, svixSecretKey } from './svix-verifier';
import type { CallbackResult, WebhookContext } from './webhook-context';
import { createEndpointHandler } from './webhook-endpoint';

/** One optional callback per Clerk event type: `onUserCreated(user, context)`, and so on. */
export type ClerkEventCallbacks<Transaction = undefined> = {
  [T in ClerkWebhookEventType as ClerkCallbackName<T>]?: (
    data: ClerkWebhookEvent<T>['data'],
    context: WebhookContext<ClerkWebhookEvent<T>, Transaction>,
  ) => CallbackResult;
};

/** Options of `createWebhooksHandler`. */
export type WebhooksHandlerOptions<Transaction = undefined> = ClerkEventCallbacks<Transaction> &
  DeliveryOptions<Transaction> & {
    /**
     * The endpoint's signing secret (`whsec_...`), or several while you rotate it: a delivery signed
     * with any of them is accepted. Defaults to `CLERK_WEBHOOK_SIGNING_SECRET`, else `WEBHOOK_SECRET`.
     */
    secret?: string | readonly string[];
    /** Runs for every event, after its typed callback; for logging, fan-out, or types without one. */
    onEvent?: (
      event: ClerkWebhookEvent,
      context: WebhookContext<ClerkWebhookEvent, Transaction>,
    ) => CallbackResult;
  };

/** A Clerk webhook endpoint: give it the standard `Request`, get the `Response` to send. */
export interface WebhooksHandler {
  /** The Next.js App Router route handler: `export const POST = handler.POST`. */
  POST: (request: Request) => Promise<Response>;
  /** The same handler for any runtime with `Request` and `Response` (Hono, Bun, Deno, workers). */
  handle: (request: Request) => Promise<Response>;
}

const callbackNames: ReadonlySet<string> = new Set(clerkEventTypes.map((type) => clerkCallbackName(type)));

function svixKeys(secrets: SigningSecret[]): Uint8Array<ArrayBuffer>[] {
  return secrets.map(({ value, source }) => svixSecretKey(value, source));
}

function isEnvelope(value: unknown): value is ClerkWebhookEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return (
    typeof type === 'string' &&
    /^[A-Za-z]+\.[A-Za-z]+$/.test(type) &&
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data)
  );
}

/**
 * Creates a Clerk webhook endpoint. It reads the raw body once, verifies the Svix signature (as
 * `svix` does, with the runtime's native HMAC), parses the event, claims its delivery id in the
 * idempotency store and runs the event's typed callback and `onEvent`. Every answer is one a sender can
 * act on: 400 bad headers/signature/timestamp, 413 too large, 422 not an event, 500 a callback threw
 * (Clerk retries), 200 done or duplicate. The option names are those of the guides' community package,
 * so switching the import is enough.
 *
 * @example
 * // app/api/webhooks/clerk/route.ts
 * import { createWebhooksHandler } from '@clerkship/webhooks-handler';
 *
 * const handler = createWebhooksHandler({
 *   onUserCreated: async (user, { id }) => {
 *     await sendWelcomeEmail(user.email_addresses[0]?.email_address, { idempotencyKey: id });
 *   },
 * });
 *
 * export const POST = handler.POST;
 *
 * @throws {WebhooksHandlerError} `invalid_option` for an unknown option (a misspelled callback) or a
 *   wrong value, `invalid_secret` for a `secret` that is not `whsec_` + base64, `invalid_store`.
 */
export function createWebhooksHandler<Transaction = undefined>(
  options: WebhooksHandlerOptions<Transaction>,
): WebhooksHandler {
  checkCallbackOptions(
    'createWebhooksHandler',
    options,
    callbackNames,
    "Callbacks are named after Clerk's event types: user.created is onUserCreated.",
  );
  const callbacks = options as Record<string, ((...args: unknown[]) => CallbackResult) | undefined>;
  const resolved = resolveDeliveryOptions(options);
  const given = secretOption(options.secret);
  const fromOption = given && svixKeys(given);
  const { onEvent } = options;

  const handle = createEndpointHandler<ClerkWebhookEvent, Transaction>({
    options: resolved,
    createParser: () => {
      const keys =
        fromOption ??
        svixKeys([
          environmentSecret(
            clerkSecretVariables,
            'Set CLERK_WEBHOOK_SIGNING_SECRET to the Signing Secret of your endpoint in the Clerk Dashboard, or pass `secret`.',
          ),
        ]);
      const verify = createSvixVerifier(keys, resolved.toleranceSeconds);
      return async (headers, body) => {
        const verified = await verify(headers, body);
        if (isRejection(verified)) return verified;
        let event: unknown;
        try {
          event = JSON.parse(body);
        } catch {
          return { code: 'invalid_event', message: 'The signed body is not JSON.' };
        }
        if (!isEnvelope(event)) {
          return {
            code: 'invalid_event',
            message:
              'The signed body is not a Clerk event (a `type` like "user.created" and a `data` object).',
          };
        }
        return {
          key: `clerk:${verified.id}`,
          id: verified.id,
          type: event.type,
          timestamp: verified.timestamp,
          event,
        };
      };
    },
    callbacksFor: (event) => {
      const bound: BoundCallback<ClerkWebhookEvent, Transaction>[] = [];
      const name = clerkCallbackName(event.type);
      const typed = Object.hasOwn(callbacks, name) ? callbacks[name] : undefined;
      if (typed) bound.push({ name, run: (context) => typed(event.data, context) });
      if (onEvent) bound.push({ name: 'onEvent', run: (context) => onEvent(event, context) });
      return bound;
    },
    unhandledNote: (type) =>
      `No callback handles ${type}. Add ${clerkCallbackName(type)}, or unsubscribe the endpoint from it in the Clerk Dashboard.`,
  });

  return { POST: handle, handle };
}
