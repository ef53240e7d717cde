export {
  type ClerkCallbackName,
  type ClerkshipError,
  type ClerkWebhookEvent,
  type ClerkWebhookEventType,
  clerkEventTypes,
  type OrganizationJSON,
  type OrganizationMembershipJSON,
  type UserJSON,
} from '@clerkship/internal';
export {
  type ClerkEventCallbacks,
  createWebhooksHandler,
  type WebhooksHandler,
  type WebhooksHandlerOptions,
} from './create-webhooks-handler';
export type { DeliveryOptions } from './delivery-options';
export { WebhooksHandlerError, type WebhooksHandlerErrorCode } from './errors';
export type { IdempotencyOutcome, IdempotencyStore } from './idempotency-store';
export { createMemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from './memory-idempotency-store';
export type { RejectionCode } from './rejection';
export type { CallbackResult, WebhookContext } from './webhook-context';
